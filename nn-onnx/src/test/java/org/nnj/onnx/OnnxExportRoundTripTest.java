package org.nnj.onnx;

import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.model.Sequential;

/**
 * Every test model, exported and run by ONNX Runtime, gives NNJ's own outputs (the scalar reference backend's)
 * within {@link Agreement}'s bound: 1e-5 relative with a 1e-6 absolute floor. Prints the worst differences.
 */
class OnnxExportRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> models() {
        return TestModels.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void onnxRuntimeComputesWhatNnjComputes(String name, Supplier<Sequential> build) throws Exception {
        Sequential model = build.get();
        Path file = dir.resolve("model.onnx");
        OnnxExport.write(model, file);
        Tensor batch = TestModels.input(model, 5, 1, name.startsWith("activation"));
        float[] nnj = model.predict(batch, new ScalarBackend()).toArray();
        Agreement agreement = Agreement.check(name, nnj, Ort.run(file, batch));
        System.out.println("round trip " + name + ": " + agreement);
    }
}
