package org.nnj.layers.normalization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.CallContext;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.testkit.GradientChecker;
import org.nnj.layers.testing.TestBuildContext;

class BatchNorm2dTest {
    private static final ScalarBackend BACKEND = new ScalarBackend();

    /** Batch 2, channels 2, 1x2 pixels: channel 0 holds 1, 2, 3, 6; channel 1 holds 5, 5, 5, 9. */
    private static final Tensor X = Tensor.of(new float[] {1, 2, 5, 5, 3, 6, 5, 9}, 2, 2, 1, 2);

    @Test
    void trainingNormalisesWithTheBatchStatisticsByHand() {
        BatchNorm2d bn = new BatchNorm2d(Shape.of(2, 1, 2));
        float[] y = bn.forward(X, new CallContext(BACKEND, true, true, 0L)).toArray();
        // Channel 0: mean 3, biased variance (4 + 1 + 0 + 9) / 4 = 3.5. Channel 1: mean 6, variance 3.
        double s0 = Math.sqrt(3.5 + 1e-5);
        double s1 = Math.sqrt(3 + 1e-5);
        double[] expected = {-2 / s0, -1 / s0, -1 / s1, -1 / s1, 0, 3 / s0, -1 / s1, 3 / s1};
        for (int i = 0; i < y.length; i++) {
            assertEquals(expected[i], y[i], 1e-6, "y[" + i + "]");
        }
        // Running estimates: 0.9 * 0 + 0.1 * mean, and 0.9 * 1 + 0.1 * unbiased variance (3.5 * 4 / 3, 3 * 4 / 3).
        assertArrayEquals(new float[] {0.3f, 0.6f}, bn.runningMean().toArray(), 1e-7f);
        assertArrayEquals(new float[] {0.9f + 0.1f * 14 / 3f, 0.9f + 0.4f}, bn.runningVar().toArray(), 1e-6f);
    }

    @Test
    void inferenceUsesTheRunningStatisticsAndTheAffineParameters() {
        BatchNorm2d bn = new BatchNorm2d(Shape.of(2, 1, 2));
        bn.runningMean().copyFrom(Tensor.of(new float[] {1, -1}, 2));
        bn.runningVar().copyFrom(Tensor.of(new float[] {4, 0.25f}, 2));
        bn.weight().orElseThrow().value().copyFrom(Tensor.of(new float[] {2, 1}, 2));
        bn.bias().orElseThrow().value().copyFrom(Tensor.of(new float[] {0, 10}, 2));
        float[] y = bn.forward(X, CallContext.inference(BACKEND)).toArray();
        double s0 = 2 / Math.sqrt(4 + 1e-5);
        double s1 = 1 / Math.sqrt(0.25 + 1e-5);
        double[] expected = {0, s0, 10 + 6 * s1, 10 + 6 * s1, 2 * s0, 5 * s0, 10 + 6 * s1, 10 + 10 * s1};
        for (int i = 0; i < y.length; i++) {
            assertEquals(expected[i], y[i], 1e-5, "y[" + i + "]");
        }
        assertArrayEquals(new float[] {1, -1}, bn.runningMean().toArray(), "inference does not update them");
    }

    @Test
    void theRunningEstimatesConvergeToThePopulationStatistics() {
        BatchNorm2d bn = new BatchNorm2d(Shape.of(1, 4, 4));
        SplittableRandom random = new SplittableRandom(3L);
        for (int step = 0; step < 200; step++) {
            float[] v = new float[8 * 16];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (5 + 2 * random.nextGaussian());
            }
            bn.forward(Tensor.of(v, 8, 1, 4, 4), new CallContext(BACKEND, true, true, 0L));
        }
        assertEquals(5, bn.runningMean().getFlat(0), 0.15);
        assertEquals(4, bn.runningVar().getFlat(0), 0.4);
    }

    @Test
    void gradientsMatchFiniteDifferencesInTrainingAndInInference() {
        BatchNorm2d bn = new BatchNorm2d(Shape.of(3, 3, 5));
        bn.weight().orElseThrow().value().copyFrom(Tensor.of(new float[] {0.5f, -1.5f, 2f}, 3));
        bn.bias().orElseThrow().value().copyFrom(Tensor.of(new float[] {0.1f, 0.2f, -0.3f}, 3));
        GradientChecker.checkLayer(bn, BACKEND, 4, 5L);
        GradientChecker.checkLayer(new BatchNorm2d(Shape.of(2, 1, 1), 1e-3, 0.5, false, "bn"), BACKEND, 3, 7L);

        // Inference: with fixed running statistics the layer is affine; check it in inference mode by hand.
        bn.runningVar().copyFrom(Tensor.of(new float[] {2, 3, 4}, 3));
        CallContext eval = new CallContext(BACKEND, false, true, 0L);
        Tensor x = Tensor.zeros(1, 3, 3, 5);
        bn.forward(x, eval);
        bn.parameters().forEach(Parameter::zeroGradient);
        Tensor dy = Tensor.zeros(1, 3, 3, 5);
        dy.fill(1f);
        float[] dx = bn.backward(dy, eval).toArray();
        assertEquals(0.5 / Math.sqrt(2 + 1e-5), dx[0], 1e-6);
        assertEquals(-1.5 / Math.sqrt(3 + 1e-5), dx[15], 1e-6);
        assertEquals(15f, bn.bias().orElseThrow().gradient().getFlat(2));
    }

    @Test
    void theRunningStatisticsAreBuffersAndTravelInModelFiles(@TempDir Path dir) throws IOException {
        Registries registries = Registries.fromServiceLoader();
        Sequential model = Sequential.builder(Shape.of(2, 1, 2)).registries(registries)
                .add("batch_norm2d", Config.empty()).add("flatten", Config.empty()).build();
        BatchNorm2d bn = (BatchNorm2d) model.layers().get(0);
        assertSame(bn.runningMean(), bn.buffers().get("running_mean"));
        assertSame(bn.runningVar(), bn.buffers().get("running_var"));
        bn.forward(X, new CallContext(BACKEND, true, true, 0L)); // moves them to 0.3, 0.6 and 2.37, 1.3

        Path file = dir.resolve("bn.safetensors");
        ModelFile.save(file, model);
        Sequential loaded = ModelFile.load(file);
        BatchNorm2d restored = (BatchNorm2d) loaded.layers().get(0);
        assertArrayEquals(bn.runningMean().toArray(), restored.runningMean().toArray());
        assertArrayEquals(bn.runningVar().toArray(), restored.runningVar().toArray());
        // Inference reads them: the loaded model computes what the saved one did.
        assertArrayEquals(model.predict(X, BACKEND).toArray(), loaded.predict(X, BACKEND).toArray());
    }

    @Test
    void withoutAffineThereAreNoParameters() {
        BatchNorm2d bn = (BatchNorm2d) new BatchNorm2dProvider().create(Config.of("affine", false),
                TestBuildContext.of(Shape.of(4, 2, 2), 0L, "batch_norm2d"));
        assertEquals(List.of(), bn.parameters());
        CallContext context = new CallContext(BACKEND, true, false, 0L);
        Tensor y = bn.forward(Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 9}, 1, 4, 2, 2),
                context);
        assertNull(bn.backward(y, context));
    }

    @Test
    void oneValuePerChannelCannotBeNormalisedInTraining() {
        BatchNorm2d bn = new BatchNorm2d(Shape.of(2, 1, 1));
        ShapeException e = assertThrows(ShapeException.class,
                () -> bn.forward(Tensor.zeros(1, 2, 1, 1), new CallContext(BACKEND, true, true, 0L)));
        assertTrue(e.getMessage().contains("more than one value per channel"), e.getMessage());
        bn.forward(Tensor.zeros(1, 2, 1, 1), CallContext.inference(BACKEND));
    }

    @Test
    void providerDefaultsAreThoseOfPyTorchAndBadValuesNameTheKey() {
        BatchNorm2dProvider provider = new BatchNorm2dProvider();
        TestBuildContext context = TestBuildContext.of(Shape.of(8, 5, 5), 0L, "batch_norm2d");
        assertEquals(Config.of("eps", 1e-5, "momentum", 0.1, "affine", true),
                provider.create(Config.empty(), context).config());
        Config custom = Config.of("eps", 1e-3, "momentum", 0.01, "affine", false);
        assertEquals(custom, provider.create(custom, context).config());
        ConfigException m = assertThrows(ConfigException.class, () -> provider.create(Config.of("momentum", 2), context));
        assertTrue(m.getMessage().contains("layer 0 (batch_norm2d)") && m.getMessage().contains("'momentum'"),
                m.getMessage());
        assertThrows(ConfigException.class, () -> provider.create(Config.of("eps", 0), context));
        assertThrows(ShapeException.class, () -> provider.create(Config.empty(),
                TestBuildContext.of(Shape.of(10), 0L, "batch_norm2d")));
    }
}
