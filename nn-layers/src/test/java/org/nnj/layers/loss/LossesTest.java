package org.nnj.layers.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.spi.LossProvider;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.testkit.GradientChecker;

/**
 * Every loss against values worked out by hand (with the double-precision numbers from a calculator in the
 * comments), at extreme logits, under batch duplication, and against finite differences with the checker's
 * default tolerance ({@code |a - n| <= 1e-3 + 1e-2 max(|a|, |n|)}).
 */
class LossesTest {
    private static final ComputeBackend BACKEND = new ScalarBackend();

    static Stream<Loss> all() {
        return Stream.of(new MeanSquaredError(), new BinaryCrossEntropyWithLogits(), new SoftmaxCrossEntropy(),
                new NegativeLogLikelihood());
    }

    private static float[] gradient(Loss loss, Tensor predictions, Tensor targets) {
        Tensor g = Tensor.zeros(predictions.shape());
        loss.compute(BACKEND, predictions, targets, g);
        return g.toArray();
    }

    // ---------------------------------------------------------------- hand-computed

    @Test
    void mseByHand() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 5}, 2, 2);
        Tensor y = Tensor.of(new float[] {0, 2, 3, 3}, 2, 2);
        // sample 0: 0.5 (1 + 0) = 0.5; sample 1: 0.5 (0 + 4) = 2; mean 1.25
        assertEquals(1.25f, new MeanSquaredError().compute(BACKEND, a, y, null));
        // (a - y) / N
        assertArrayEquals(new float[] {0.5f, 0, 0, 1}, gradient(new MeanSquaredError(), a, y));
    }

    @Test
    void bceWithLogitsByHand() {
        Tensor z = Tensor.of(new float[] {0, 2}, 1, 2);
        Tensor t = Tensor.of(new float[] {1, 0}, 1, 2);
        // -log(sigmoid(0)) = log 2 = 0.693147; -log(1 - sigmoid(2)) = 2 + log1p(e^-2) = 2.126928; sum 2.820075
        assertEquals(2.820075f, new BinaryCrossEntropyWithLogits().compute(BACKEND, z, t, null), 1e-6f);
        // sigmoid(z) - t: 0.5 - 1 and 0.880797 - 0
        assertArrayEquals(new float[] {-0.5f, 0.8807971f}, gradient(new BinaryCrossEntropyWithLogits(), z, t), 1e-7f);
    }

    @Test
    void softmaxCrossEntropyByHand() {
        Tensor z = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        Tensor t = Tensor.of(new float[] {0, 0, 1}, 1, 3);
        // logsumexp(1, 2, 3) - 3 = 0.40760596
        assertEquals(0.40760596f, new SoftmaxCrossEntropy().compute(BACKEND, z, t, null), 1e-7f);
        // softmax - one-hot
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f - 1},
                gradient(new SoftmaxCrossEntropy(), z, t), 1e-7f);
    }

    @Test
    void softmaxCrossEntropyWithDistributionTargetsByHand() {
        Tensor z = Tensor.of(new float[] {0, 1, 2, -1}, 2, 2);
        Tensor t = Tensor.of(new float[] {0.25f, 0.75f, 1, 0}, 2, 2);
        // row 0: 0.25 (lse - 0) + 0.75 (lse - 1), lse = log(1 + e); row 1: lse(2, -1) - 2; mean 0.30592452
        assertEquals(0.30592452f, new SoftmaxCrossEntropy().compute(BACKEND, z, t, null), 1e-6f);
    }

    @Test
    void softmaxCrossEntropyMatchesADoublePrecisionComputation() {
        SplittableRandom random = new SplittableRandom(3L);
        int n = 6;
        int c = 11;
        float[] z = new float[n * c];
        float[] t = new float[n * c];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextDouble(-8, 8);
        }
        for (int r = 0; r < n; r++) {
            t[r * c + random.nextInt(c)] = 1;
        }
        double expected = 0;
        for (int r = 0; r < n; r++) {
            double sum = 0;
            for (int j = 0; j < c; j++) {
                sum += Math.exp(z[r * c + j]);
            }
            for (int j = 0; j < c; j++) {
                expected -= t[r * c + j] * Math.log(Math.exp(z[r * c + j]) / sum);
            }
        }
        expected /= n;
        assertEquals(expected, new SoftmaxCrossEntropy().compute(BACKEND, Tensor.of(z, n, c), Tensor.of(t, n, c), null),
                1e-5 * expected);
    }

    // ---------------------------------------------------------------- stability

    @Test
    void softmaxCrossEntropyIsStableAtLargeLogits() {
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        Tensor z = Tensor.of(new float[] {1000, 1001, 1002}, 1, 3);
        Tensor t = Tensor.of(new float[] {0, 0, 1}, 1, 3);
        // The same row shifted by 999: same loss, to float32 rounding of logsumexp near 1000 (ulp 6e-5).
        assertEquals(0.40760596f, ce.compute(BACKEND, z, t, null), 1e-4f);
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f - 1}, gradient(ce, z, t), 1e-7f);

        Tensor extreme = Tensor.of(new float[] {-1000, 0, 1000}, 1, 3);
        assertEquals(2000f, ce.compute(BACKEND, extreme, Tensor.of(new float[] {1, 0, 0}, 1, 3), null));
        assertEquals(0f, ce.compute(BACKEND, extreme, Tensor.of(new float[] {0, 0, 1}, 1, 3), null));
        assertArrayEquals(new float[] {-1, 0, 1}, gradient(ce, extreme, Tensor.of(new float[] {1, 0, 0}, 1, 3)));
    }

    @Test
    void bceWithLogitsIsStableAtLargeLogits() {
        BinaryCrossEntropyWithLogits bce = new BinaryCrossEntropyWithLogits();
        Tensor z = Tensor.of(new float[] {1000, 1000, -1000, -1000}, 4, 1);
        Tensor t = Tensor.of(new float[] {1, 0, 1, 0}, 4, 1);
        // per sample: 0, 1000, 1000, 0; mean over 4 samples
        assertEquals(500f, bce.compute(BACKEND, z, t, null));
        // (sigmoid(z) - t) / 4: 0, 1/4, -1/4, 0
        assertArrayEquals(new float[] {0, 0.25f, -0.25f, 0}, gradient(bce, z, t));
    }

    // ---------------------------------------------------------------- reduction

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void theLossIsAMeanOverTheBatch(Loss loss) {
        float[] p = {0.5f, -1, 2, 0.25f, 1.5f, -0.5f};
        float[] t = {0, 1, 0, 1, 0, 0};
        Tensor predictions = Tensor.of(p, 2, 3);
        Tensor targets = Tensor.of(t, 2, 3);
        float[] p2 = new float[12];
        float[] t2 = new float[12];
        for (int i = 0; i < 12; i++) {
            p2[i] = p[i % 6];
            t2[i] = t[i % 6];
        }
        Tensor doubledP = Tensor.of(p2, 4, 3);
        Tensor doubledT = Tensor.of(t2, 4, 3);
        assertEquals(loss.compute(BACKEND, predictions, targets, null), loss.compute(BACKEND, doubledP, doubledT, null),
                1e-6f, "duplicating the batch leaves a mean unchanged");
        float[] g = gradient(loss, predictions, targets);
        float[] g2 = gradient(loss, doubledP, doubledT);
        for (int i = 0; i < 12; i++) {
            assertEquals(g[i % 6] / 2, g2[i], 1e-7f, "each sample weighs half as much in a batch twice as large");
        }
        // and the mean is over samples, not elements: one sample's loss is the sum over its outputs
        float first = loss.compute(BACKEND, predictions.slice(0, 1), targets.slice(0, 1), null);
        float second = loss.compute(BACKEND, predictions.slice(1, 2), targets.slice(1, 2), null);
        assertEquals((first + second) / 2, loss.compute(BACKEND, predictions, targets, null), 1e-6f);
    }

    // ---------------------------------------------------------------- finite differences

    @Test
    void mseGradientMatchesFiniteDifferences() {
        GradientChecker.checkLoss(new MeanSquaredError(), BACKEND, random(4, 5, 1L, -2, 2), 31L);
        GradientChecker.checkLoss(new MeanSquaredError(), BACKEND, random(1, 1, 2L, -2, 2), 32L);
    }

    @Test
    void bceWithLogitsGradientMatchesFiniteDifferences() {
        GradientChecker.checkLoss(new BinaryCrossEntropyWithLogits(), BACKEND, labels(5, 3, 3L), 33L);
        GradientChecker.checkLoss(new BinaryCrossEntropyWithLogits(), BACKEND, random(4, 2, 4L, 0, 1), 34L);
    }

    @Test
    void softmaxCrossEntropyGradientMatchesFiniteDifferences() {
        GradientChecker.checkLoss(new SoftmaxCrossEntropy(), BACKEND, oneHot(5, 4, 5L), 35L);
        GradientChecker.checkLoss(new SoftmaxCrossEntropy(), BACKEND, oneHot(1, 10, 6L), 36L);
        GradientChecker.checkLoss(new SoftmaxCrossEntropy(), BACKEND, distributions(3, 6, 7L), 37L);
        // [N, T, C]: softmax over the last dimension, still a mean over N
        GradientChecker.checkLoss(new SoftmaxCrossEntropy(), BACKEND, oneHot(6, 3, 8L).reshape(2, 3, 3), 38L);
    }

    @Test
    void softmaxCrossEntropyValueAndGradientAgreeEvenForTargetsThatDoNotSumToOne() {
        GradientChecker.checkLoss(new SoftmaxCrossEntropy(), BACKEND, random(3, 4, 9L, 0, 1), 39L);
    }

    // ---------------------------------------------------------------- aliasing and probabilities

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void theGradientMayOverwriteThePredictions(Loss loss) {
        Tensor targets = oneHot(3, 4, 10L);
        Tensor predictions = random(3, 4, 11L, -3, 3);
        Tensor separate = Tensor.zeros(3, 4);
        float value = loss.compute(BACKEND, predictions, targets, separate);
        Tensor inPlace = predictions.copy();
        assertEquals(value, loss.compute(BACKEND, inPlace, targets, inPlace));
        assertArrayEquals(separate.toArray(), inPlace.toArray());
    }

    @Test
    void probabilitiesOfTheFusedLosses() {
        Tensor z = Tensor.of(new float[] {1, 2, 3, 0, 0, 0}, 2, 3);
        Tensor out = Tensor.zeros(2, 3);
        new SoftmaxCrossEntropy().probabilities(BACKEND, z, out);
        float third = 1f / 3;
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f, third, third, third}, out.toArray(), 1e-7f);
        new BinaryCrossEntropyWithLogits().probabilities(BACKEND, z, out);
        assertArrayEquals(new float[] {0.7310586f, 0.8807971f, 0.95257413f, 0.5f, 0.5f, 0.5f}, out.toArray(), 1e-7f);
        new MeanSquaredError().probabilities(BACKEND, z, out);
        assertArrayEquals(z.toArray(), out.toArray(), "the identity");
    }

    // ---------------------------------------------------------------- errors and providers

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void shapeMismatchesNameBothShapes(Loss loss) {
        ShapeException e = assertThrows(ShapeException.class,
                () -> loss.compute(BACKEND, Tensor.zeros(2, 3), Tensor.zeros(2, 4), null));
        assertTrue(e.getMessage().startsWith(loss.type() + ":") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[2, 4]"), e.getMessage());
        ShapeException g = assertThrows(ShapeException.class,
                () -> loss.compute(BACKEND, Tensor.zeros(2, 3), Tensor.zeros(2, 3), Tensor.zeros(3, 2)));
        assertTrue(g.getMessage().contains("gradient") && g.getMessage().contains("[3, 2]"), g.getMessage());
        assertThrows(ShapeException.class, () -> loss.compute(BACKEND, Tensor.zeros(0, 3), Tensor.zeros(0, 3), null));
    }

    @Test
    void softmaxCrossEntropyNeedsAClassDimension() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> new SoftmaxCrossEntropy().compute(BACKEND, Tensor.zeros(4), Tensor.zeros(4), null));
        assertTrue(e.getMessage().contains("[N, classes]"), e.getMessage());
    }

    @Test
    void providersBuildTheirLossAndRejectUnknownKeys() {
        List<LossProvider> providers = List.of(new MeanSquaredErrorProvider(),
                new BinaryCrossEntropyWithLogitsProvider(), new SoftmaxCrossEntropyProvider(),
                new NegativeLogLikelihoodProvider(), new BinaryCrossEntropyProvider());
        for (LossProvider provider : providers) {
            Loss loss = provider.create(Config.empty());
            assertEquals(provider.name(), loss.type());
            assertEquals(Config.empty(), loss.config());
            assertTrue(!provider.description().isBlank());
            ConfigException e = assertThrows(ConfigException.class,
                    () -> provider.create(Config.of("reduction", "sum")));
            assertTrue(e.getMessage().contains("[reduction]"), e.getMessage());
        }
    }

    // ---------------------------------------------------------------- data

    private static Tensor random(int n, int c, long seed, double from, double to) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n * c];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble(from, to);
        }
        return Tensor.of(v, n, c);
    }

    private static Tensor oneHot(int n, int c, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(n, c);
        for (int r = 0; r < n; r++) {
            t.set(1f, r, random.nextInt(c));
        }
        return t;
    }

    private static Tensor labels(int n, int c, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(n, c);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, random.nextBoolean() ? 1f : 0f);
        }
        return t;
    }

    private static Tensor distributions(int n, int c, long seed) {
        Tensor t = random(n, c, seed, 0, 1);
        for (int r = 0; r < n; r++) {
            float sum = 0;
            for (int j = 0; j < c; j++) {
                sum += t.get(r, j);
            }
            for (int j = 0; j < c; j++) {
                t.set(t.get(r, j) / sum, r, j);
            }
        }
        return t;
    }
}
