package org.nnj.layers.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;

/** log_softmax at hand-computed points, over the last dimension, and as a layer in a saved model. */
class LogSoftmaxTest {
    private static final ComputeBackend BACKEND = new ScalarBackend();
    /** log(e + e^2 + e^3) = 3 + log(1 + e^-1 + e^-2). */
    private static final double LSE_123 = 3.4076059644443806;

    private static float[] forward(float... x) {
        Tensor out = Tensor.zeros(1, x.length);
        new LogSoftmax().forward(BACKEND, Tensor.of(x, 1, x.length), out);
        return out.toArray();
    }

    @Test
    void ofOneTwoThree() {
        assertArrayEquals(new float[] {(float) (1 - LSE_123), (float) (2 - LSE_123), (float) (3 - LSE_123)},
                forward(1, 2, 3));
    }

    @Test
    void isExactAtExtremeLogitsWhereLogOfSoftmaxIsMinusInfinity() {
        // log(1 + e^-1000) is 0 in any precision; log(softmax) would give log(0) = -inf for the second.
        assertArrayEquals(new float[] {0f, -1000f}, forward(1000, 0));
        assertArrayEquals(new float[] {(float) -Math.log(2), (float) -Math.log(2), (float) (-2000 - Math.log(2))},
                forward(1000, 1000, -1000));
    }

    @Test
    void keepsMaskedEntriesAtMinusInfinity() {
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, (float) -Math.log(2), (float) -Math.log(2)},
                forward(Float.NEGATIVE_INFINITY, 5, 5));
    }

    @Test
    void worksOverTheLastDimensionAndInPlace() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 0, 0, 0, 3, 2, 1, 7, 7, 7}, 2, 2, 3);
        new LogSoftmax().forward(BACKEND, x, x);
        float third = (float) -Math.log(3);
        float a = (float) (1 - LSE_123);
        float b = (float) (2 - LSE_123);
        float c = (float) (3 - LSE_123);
        assertArrayEquals(new float[] {a, b, c, third, third, third, c, b, a, third, third, third}, x.toArray());
    }

    @Test
    void backwardIsDyMinusSoftmaxTimesTheSumOfDy() {
        // y = log([0.25, 0.75]); dy = [1, 2]: dx = dy - softmax * 3 = [0.25, -0.25]
        Tensor y = Tensor.of(new float[] {(float) Math.log(0.25), (float) Math.log(0.75)}, 1, 2);
        Tensor dx = Tensor.zeros(1, 2);
        new LogSoftmax().backward(BACKEND, Tensor.zeros(1, 2), y, Tensor.of(new float[] {1, 2}, 1, 2), dx);
        assertArrayEquals(new float[] {0.25f, -0.25f}, dx.toArray(), 1e-7f);
    }

    @Test
    void aModelEndingInLogSoftmaxIsSavedAndLoadedByName(@TempDir Path dir) throws IOException {
        Registries registries = Registries.fromServiceLoader();
        Sequential model = Sequential.builder(Shape.of(3)).registries(registries)
                .add("activation", Config.of("function", "log_softmax"))
                .build();
        Path file = dir.resolve("model.safetensors");
        ModelFile.save(file, Checkpoint.of(model).withLoss(registries.loss("nll", Config.empty())), registries);
        Checkpoint back = ModelFile.read(file, registries);
        assertEquals("nll", back.loss().orElseThrow().type());
        Tensor x = Tensor.of(new float[] {1000, 0, -1000}, 1, 3);
        assertArrayEquals(new float[] {0f, -1000f, -2000f}, back.model().predict(x, BACKEND).toArray());
        assertArrayEquals(model.predict(x, BACKEND).toArray(), back.model().predict(x, BACKEND).toArray());
    }
}
