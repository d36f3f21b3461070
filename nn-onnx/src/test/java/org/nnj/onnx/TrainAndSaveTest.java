package org.nnj.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.TrainingPass;
import org.nnj.core.registry.Registries;
import org.nnj.onnx.Fixtures.Fixture;

/** An imported model is an ordinary NNJ model: it trains, and it saves and loads as an NNJ model file. */
class TrainAndSaveTest {
    private static final Registries REGISTRIES = Registries.fromServiceLoader();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"lenet", "batchnorm", "padmodes", "pad", "matmul"})
    void trainsAStepThenSavesAndLoadsWithEqualOutputs(String name) throws IOException {
        Fixture fixture = Fixtures.named(name);
        Sequential model = OnnxImport.read(fixture.file(), REGISTRIES);
        ComputeBackend backend = new ScalarBackend(1);
        Tensor input = fixture.input();
        Tensor before = model.predict(input, backend);

        TrainingPass pass = model.newTrainingPass(backend);
        model.zeroGradients();
        Tensor out = pass.forward(input, 1);
        Loss mse = REGISTRIES.loss("mse", Config.empty());
        Tensor gradient = Tensor.zeros(out.shape());
        mse.compute(backend, out, Tensor.zeros(out.shape()), gradient);
        pass.backward(gradient);
        Optimizer sgd = REGISTRIES.optimizer("sgd", Config.of("lr", 0.5));
        sgd.step(backend, model.parameters());

        Tensor after = model.predict(input, backend);
        assertTrue(Fixtures.worstError(after, before) > 0, "a training step changed nothing");

        Path file = dir.resolve(name + ".safetensors");
        ModelFile.save(file, model);
        Sequential loaded = ModelFile.load(file, REGISTRIES);
        assertArrayEquals(after.toArray(), loaded.predict(input, backend).toArray());
    }
}
