package org.nnj.layers.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.NnException;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.layers.activation.LogSoftmax;
import org.nnj.testkit.GradientCheckOptions;
import org.nnj.testkit.GradientChecker;
import org.nnj.testkit.LossContract;

/** nll and bce by hand, at their edge cases, against finite differences, and in a saved model. */
class NllAndBceTest {
    private static final ComputeBackend BACKEND = new ScalarBackend();

    private static float[] gradient(org.nnj.api.loss.Loss loss, Tensor predictions, Tensor targets) {
        Tensor g = Tensor.zeros(predictions.shape());
        loss.compute(BACKEND, predictions, targets, g);
        return g.toArray();
    }

    // ---------------------------------------------------------------- nll

    @Test
    void nllByHand() {
        Tensor x = Tensor.of(new float[] {-0.5f, -1f, -2f, -3f, -0.25f, -4f}, 2, 3);
        Tensor t = Tensor.of(new float[] {0, 1, 0, 0, 1, 0}, 2, 3);
        // -(1/2) (-1 - 0.25) = 0.625; gradient -t / 2
        assertEquals(0.625f, new NegativeLogLikelihood().compute(BACKEND, x, t, null));
        assertArrayEquals(new float[] {0, -0.5f, 0, 0, -0.5f, 0}, gradient(new NegativeLogLikelihood(), x, t));
    }

    @Test
    void nllSkipsMaskedClassesInsteadOfMakingNaN() {
        float inf = Float.NEGATIVE_INFINITY;
        Tensor x = Tensor.of(new float[] {inf, -0.1f, inf, -2f}, 2, 2);
        Tensor t = Tensor.of(new float[] {0, 1, 0, 1}, 2, 2);
        assertEquals(1.05f, new NegativeLogLikelihood().compute(BACKEND, x, t, null), 1e-7f);
        Tensor p = Tensor.zeros(2, 2);
        new NegativeLogLikelihood().probabilities(BACKEND, x, p);
        assertArrayEquals(new float[] {0f, (float) Math.exp(-0.1), 0f, (float) Math.exp(-2)}, p.toArray());
    }

    @Test
    void nllAfterLogSoftmaxEqualsTheFusedSoftmaxCrossEntropy() {
        Tensor z = Tensor.of(new float[] {1000, 0, -3, 2.5f, 0.5f, -1, 7, 7, 7}, 3, 3);
        Tensor t = Tensor.of(new float[] {0, 1, 0, 1, 0, 0, 0.2f, 0.3f, 0.5f}, 3, 3);
        Tensor logp = Tensor.zeros(3, 3);
        new LogSoftmax().forward(BACKEND, z, logp);
        float nll = new NegativeLogLikelihood().compute(BACKEND, logp, t, null);
        float fused = new SoftmaxCrossEntropy().compute(BACKEND, z, t, null);
        assertTrue(fused > 1000f / 3, "row 0 alone costs 1000 / 3 of the mean: " + fused);
        assertEquals(fused, nll, 1e-6f * fused);
    }

    @Test
    void nllNeedsAClassDimension() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> new NegativeLogLikelihood().compute(BACKEND, Tensor.zeros(4), Tensor.zeros(4), null));
        assertTrue(e.getMessage().startsWith("nll:") && e.getMessage().contains("[N, classes]"), e.getMessage());
    }

    @Test
    void nllGradientMatchesFiniteDifferences() {
        GradientChecker.checkLoss(new NegativeLogLikelihood(), BACKEND, LossContract.oneHot(5, 4, 3L), 4L);
    }

    // ---------------------------------------------------------------- bce

    @Test
    void bceByHand() {
        Tensor p = Tensor.of(new float[] {0.8f, 0.25f}, 2, 1);
        Tensor t = Tensor.of(new float[] {1, 0}, 2, 1);
        // (1/2) (-log 0.8 - log 0.75) = (0.2231436 + 0.2876821) / 2 = 0.2554128
        assertEquals(0.2554128f, new BinaryCrossEntropy().compute(BACKEND, p, t, null), 1e-7f);
        // (p - t) / (p (1 - p)) / 2: -0.2 / 0.16 / 2 = -0.625; 0.25 / 0.1875 / 2 = 0.6666667
        assertArrayEquals(new float[] {-0.625f, 0.6666667f}, gradient(new BinaryCrossEntropy(), p, t), 1e-6f);
    }

    @Test
    void bceClampsEachLogarithmAtMinus100AsPyTorchDoes() {
        // p = 0 with t = 1 and p = 1 with t = 0: each element costs exactly 100; p = t costs 0.
        Tensor p = Tensor.of(new float[] {0, 1, 0, 1}, 1, 4);
        Tensor t = Tensor.of(new float[] {1, 0, 0, 1}, 1, 4);
        assertEquals(200f, new BinaryCrossEntropy().compute(BACKEND, p, t, null));
        assertEquals(100f, new BinaryCrossEntropy().compute(BACKEND, Tensor.of(new float[] {0}, 1, 1),
                Tensor.of(new float[] {1}, 1, 1), null));
        // The gradient is finite: (p - t) / 1e-12 (as a float32, PyTorch's EPSILON) where p (1 - p) = 0.
        float[] g = gradient(new BinaryCrossEntropy(), p, t);
        assertEquals((float) (-1 / (double) 1e-12f), g[0]);
        assertEquals((float) (1 / (double) 1e-12f), g[1]);
        assertEquals(0f, g[2]);
        assertEquals(0f, g[3]);
    }

    @Test
    void bceRefusesPredictionsOutsideZeroOneNamingTheValueAndIndex() {
        Tensor t = Tensor.zeros(2, 2);
        NnException above = assertThrows(NnException.class, () -> new BinaryCrossEntropy().compute(BACKEND,
                Tensor.of(new float[] {0.5f, 0.5f, 1.5f, 0.5f}, 2, 2), t, null));
        assertEquals("bce: predictions must be probabilities in [0, 1] (end the model with a sigmoid, or use"
                + " bce_with_logits on logits), got 1.5 at flat index 2 of [2, 2]", above.getMessage());
        NnException nan = assertThrows(NnException.class, () -> new BinaryCrossEntropy().compute(BACKEND,
                Tensor.of(new float[] {Float.NaN, 0.5f, -0.1f, 0.5f}, 2, 2), t, null));
        assertTrue(nan.getMessage().contains("got NaN at flat index 0"), nan.getMessage());
    }

    @Test
    void bceProbabilitiesAreThePredictions() {
        Tensor p = Tensor.of(new float[] {0.1f, 0.7f}, 2, 1);
        Tensor out = Tensor.zeros(2, 1);
        new BinaryCrossEntropy().probabilities(BACKEND, p, out);
        assertArrayEquals(p.toArray(), out.toArray());
    }

    @Test
    void bceGradientMatchesFiniteDifferences() {
        Tensor p = Tensor.of(new float[] {0.05f, 0.3f, 0.5f, 0.7f, 0.95f, 0.2f}, 3, 2);
        Tensor t = Tensor.of(new float[] {1, 0, 0.5f, 1, 0, 0.25f}, 3, 2);
        GradientChecker.checkLossAt(new BinaryCrossEntropy(), BACKEND, p, t, 5L,
                GradientCheckOptions.defaults().withEpsilon(1e-3));
    }

    // ---------------------------------------------------------------- model files

    @Test
    void bothLossesAreSavedWithAModelAndFoundByName(@TempDir Path dir) throws IOException {
        Registries registries = Registries.fromServiceLoader();
        Sequential model = Sequential.builder(Shape.of(2)).registries(registries)
                .add("activation", Config.of("function", "sigmoid")).build();
        for (String name : new String[] {"nll", "bce"}) {
            Path file = dir.resolve(name + ".safetensors");
            ModelFile.save(file, Checkpoint.of(model).withLoss(registries.loss(name, Config.empty())), registries);
            assertEquals(name, ModelFile.read(file, registries).loss().orElseThrow().type());
        }
    }
}
