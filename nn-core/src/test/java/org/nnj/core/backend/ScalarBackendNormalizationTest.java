package org.nnj.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The batch-normalisation kernels of the scalar backend against hand-computed values and against the
 * formulas of {@link org.nnj.api.backend.NormalizationKernels} evaluated naively in double precision.
 */
class ScalarBackendNormalizationTest {
    private static final float SENTINEL = -333.5f;
    private final ScalarBackend backend = new ScalarBackend();

    /** {@code n} values from {@code off} in an array with {@code off} sentinels before and 2 after. */
    private static float[] data(long seed, int off, int n, double center, double range) {
        float[] x = new float[off + n + 2];
        Arrays.fill(x, SENTINEL);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            x[off + i] = (float) (center + random.nextDouble(-range, range));
        }
        return x;
    }

    private static void assertClose(double expected, float actual, double tolerance, String what) {
        if (!(Math.abs(actual - expected) <= tolerance)) {
            throw new AssertionError(what + ": expected " + expected + ", got " + actual + " (tolerance " + tolerance + ")");
        }
    }

    private static void assertSentinels(float[] x, int off, int n, String what) {
        for (int i = 0; i < x.length; i++) {
            if ((i < off || i >= off + n) && x[i] != SENTINEL) {
                throw new AssertionError(what + ": wrote index " + i + " outside its range");
            }
        }
    }

    /** Batch 2, channels 2, 1x2 pixels: channel 0 holds 1, 2, 3, 6; channel 1 holds 5, 5, 5, 9. */
    @Test
    void statisticsByHand() {
        float[] x = {1, 2, 5, 5, 3, 6, 5, 9};
        float[] mean = new float[2];
        float[] var = new float[3];
        backend.batchNormStatistics(2, 2, 2, x, 0, mean, 0, var, 1);
        // Channel 0: mean 3, biased variance (4 + 1 + 0 + 9) / 4 = 3.5. Channel 1: mean 6, variance (1 + 1 + 1 + 9) / 4.
        assertArrayEquals(new float[] {3, 6}, mean);
        assertArrayEquals(new float[] {0, 3.5f, 3}, var);
    }

    @Test
    void oneValuePerChannelHasItsValueAsMeanAndNoVariance() {
        float[] x = {-7.25f, 1e30f};
        float[] mean = new float[2];
        float[] var = {5, 5};
        backend.batchNormStatistics(1, 2, 1, x, 0, mean, 0, var, 0);
        assertArrayEquals(new float[] {-7.25f, 1e30f}, mean);
        assertArrayEquals(new float[] {0, 0}, var);
    }

    /** Values 10000 +- 1: the variance (about 1/3) survives, as a float E[x^2] - mean^2 would not. */
    @ParameterizedTest(name = "n={0}, channels={1}, plane={2}, values around {3}")
    @CsvSource({"1, 1, 2, 0", "3, 5, 7, 0", "2, 70, 9, 0", "4, 3, 49, 10000", "16, 2, 1, 10000", "2, 1, 1031, -500"})
    void statisticsMatchTwoPassesInDouble(int n, int channels, int plane, double center) {
        int size = n * channels * plane;
        float[] x = data(n + 31L * channels + plane, 3, size, center, 1);
        float[] mean = data(1, 2, channels, 0, 1);
        float[] var = data(2, 1, channels, 0, 1);
        backend.batchNormStatistics(n, channels, plane, x, 3, mean, 2, var, 1);
        int count = n * plane;
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < plane; i++) {
                    sum += x[3 + (b * channels + c) * plane + i];
                }
            }
            double mu = sum / count;
            double squares = 0;
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < plane; i++) {
                    double d = x[3 + (b * channels + c) * plane + i] - mu;
                    squares += d * d;
                }
            }
            double v = squares / count;
            // One float rounding of an exact-enough double value: half an ulp, 2^-24 relative.
            assertClose(mu, mean[2 + c], 0x1p-24 * Math.abs(mu) + 1e-30, "mean[" + c + "]");
            assertClose(v, var[1 + c], 0x1p-23 * v + 1e-30, "var[" + c + "]");
        }
        assertSentinels(mean, 2, channels, "mean");
        assertSentinels(var, 1, channels, "var");
    }

    @ParameterizedTest(name = "n={0}, channels={1}, plane={2}, affine={3}")
    @CsvSource({"1, 1, 1, true", "2, 3, 5, true", "2, 3, 5, false", "3, 70, 9, true", "0, 4, 4, true"})
    void forwardMatchesTheFormulaInDouble(int n, int channels, int plane, boolean affine) {
        int size = n * channels * plane;
        float[] x = data(7, 1, size, 0, 3);
        float[] mean = data(8, 0, channels, 0, 1);
        float[] invStd = data(9, 2, channels, 1.5, 1);
        float[] weight = affine ? data(10, 3, channels, 0, 2) : null;
        float[] bias = affine ? data(11, 1, channels, 0, 2) : null;
        float[] y = data(12, 2, size, 0, 1);
        backend.batchNormForward(n, channels, plane, x, 1, mean, 0, invStd, 2, weight, 3, bias, 1, y, 2);
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < channels; c++) {
                double w = affine ? weight[3 + c] : 1;
                double sh = affine ? bias[1 + c] : 0;
                for (int i = 0; i < plane; i++) {
                    int e = (b * channels + c) * plane + i;
                    double expected = (x[1 + e] - (double) mean[c]) * invStd[2 + c] * w + sh;
                    assertClose(expected, y[2 + e], 1e-6 * (Math.abs(expected) + 1), "y[" + e + "]");
                }
            }
        }
        assertSentinels(y, 2, size, "y");
    }

    @Test
    void forwardInPlaceEqualsForwardIntoAnotherArray() {
        float[] x = data(13, 0, 60, 2, 3);
        float[] stats = {0.5f, -1f, 2f, 0.25f, 1.5f, 3f};
        float[] y = x.clone();
        backend.batchNormForward(2, 3, 10, x, 0, stats, 0, stats, 3, null, 0, stats, 1, y, 0);
        backend.batchNormForward(2, 3, 10, x, 0, stats, 0, stats, 3, null, 0, stats, 1, x, 0);
        assertArrayEquals(y, x);
    }

    /**
     * Training: dx against PyTorch's formula in double, and two properties that hold for any dy: per channel,
     * dx sums to 0 and is orthogonal to xhat (the gradient cannot move the batch mean or variance).
     */
    @ParameterizedTest(name = "n={0}, channels={1}, plane={2}, affine={3}")
    @CsvSource({"2, 1, 1, true", "2, 3, 5, true", "4, 3, 5, false", "3, 70, 9, true", "8, 2, 49, true"})
    void trainingBackwardMatchesTheFormulaInDouble(int n, int channels, int plane, boolean affine) {
        int size = n * channels * plane;
        int count = n * plane;
        float[] x = data(21, 2, size, 1, 3);
        float[] mean = new float[channels];
        float[] var = new float[channels];
        backend.batchNormStatistics(n, channels, plane, x, 2, mean, 0, var, 0);
        float[] invStd = new float[channels + 1];
        for (int c = 0; c < channels; c++) {
            invStd[1 + c] = (float) (1 / Math.sqrt(var[c] + 1e-5));
        }
        float[] dy = data(22, 1, size, 0, 1);
        float[] weight = affine ? data(23, 0, channels, 0, 2) : null;
        float[] dx = data(24, 3, size, 0, 1);
        float[] dWeight = data(25, 1, channels, 0, 1);
        float[] dBias = data(26, 2, channels, 0, 1);
        float[] dWeightBefore = dWeight.clone();
        float[] dBiasBefore = dBias.clone();
        backend.batchNormBackward(true, n, channels, plane, x, 2, dy, 1, mean, 0, invStd, 1, weight, 0,
                dx, 3, dWeight, 1, dBias, 2);
        for (int c = 0; c < channels; c++) {
            double g = affine ? weight[c] : 1;
            double sumDy = 0;
            double sumDyXhat = 0;
            double maxDy = 0;
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < plane; i++) {
                    int e = (b * channels + c) * plane + i;
                    double xhat = (x[2 + e] - (double) mean[c]) * invStd[1 + c];
                    sumDy += dy[1 + e];
                    sumDyXhat += dy[1 + e] * xhat;
                    maxDy = Math.max(maxDy, Math.abs(dy[1 + e]));
                }
            }
            // Two float roundings: of the sum, and of the addition to what the gradient held.
            double expectedDWeight = dWeightBefore[1 + c] + sumDyXhat;
            double expectedDBias = dBiasBefore[2 + c] + sumDy;
            assertClose(expectedDWeight, dWeight[1 + c], 2e-7 * (Math.abs(expectedDWeight) + 1), "dWeight[" + c + "]");
            assertClose(expectedDBias, dBias[2 + c], 2e-7 * (Math.abs(expectedDBias) + 1), "dBias[" + c + "]");
            double k = g * invStd[1 + c] / count;
            double sumDx = 0;
            double sumDxXhat = 0;
            // Float rounding of the terms M * dy, sumDy and xhat * sumDyXhat, each of size about M * max|dy|.
            double tolerance = 1e-6 * Math.abs(g) * invStd[1 + c] * (maxDy + 1);
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < plane; i++) {
                    int e = (b * channels + c) * plane + i;
                    double xhat = (x[2 + e] - (double) mean[c]) * invStd[1 + c];
                    double expected = k * (count * dy[1 + e] - sumDy - xhat * sumDyXhat);
                    assertClose(expected, dx[3 + e], tolerance, "dx[" + e + "]");
                    sumDx += dx[3 + e];
                    sumDxXhat += dx[3 + e] * xhat;
                }
            }
            assertClose(0, (float) sumDx, count * tolerance, "sum of dx over channel " + c);
            assertClose(0, (float) sumDxXhat, 3 * count * tolerance, "sum of dx * xhat over channel " + c);
        }
        assertSentinels(dx, 3, size, "dx");
        assertSentinels(dWeight, 1, channels, "dWeight");
        assertSentinels(dBias, 2, channels, "dBias");
    }

    @Test
    void inferenceBackwardScalesDyAndStillAccumulatesTheParameterGradients() {
        // One image, 2 channels of 2 positions; statistics mean (1, -1), invStd (0.5, 2), weight (2, -3).
        float[] x = {1, 3, -1, 0};
        float[] dy = {1, -2, 0.5f, 4};
        float[] mean = {1, -1};
        float[] invStd = {0.5f, 2};
        float[] weight = {2, -3};
        float[] dx = new float[4];
        float[] dWeight = {10, 20};
        float[] dBias = {1, 1};
        backend.batchNormBackward(false, 1, 2, 2, x, 0, dy, 0, mean, 0, invStd, 0, weight, 0, dx, 0,
                dWeight, 0, dBias, 0);
        assertArrayEquals(new float[] {1, -2, -3, -24}, dx); // weight * invStd * dy: 1 and -6
        // xhat: channel 0 (0, 1), channel 1 (0, 2); dWeight += sum(dy * xhat), dBias += sum(dy).
        assertArrayEquals(new float[] {10 - 2, 20 + 8}, dWeight);
        assertArrayEquals(new float[] {1 - 1, 1 + 4.5f}, dBias);
    }

    @Test
    void backwardInPlaceAndWithoutOutputsTouchesOnlyWhatItIsGiven() {
        float[] x = data(31, 0, 30, 0, 2);
        float[] dy = data(32, 0, 30, 0, 1);
        float[] stats = {0.1f, -0.2f, 0.3f, 1.5f, 0.5f, 2f};
        float[] dx = dy.clone();
        backend.batchNormBackward(true, 2, 3, 5, x, 0, dy, 0, stats, 0, stats, 3, null, 0, dx, 0, null, 0, null, 0);
        float[] dyCopy = dy.clone();
        backend.batchNormBackward(true, 2, 3, 5, x, 0, dyCopy, 0, stats, 0, stats, 3, null, 0, dyCopy, 0,
                null, 0, null, 0);
        assertArrayEquals(dx, dyCopy, "dx written over dy");
        // Only the parameter gradients: dx is not wanted.
        float[] dBias = new float[3];
        float[] before = dy.clone();
        backend.batchNormBackward(false, 2, 3, 5, x, 0, dy, 0, stats, 0, stats, 3, null, 0, null, 0, null, 0,
                dBias, 0);
        assertArrayEquals(before, dy);
        double sum0 = 0;
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 5; i++) {
                sum0 += dy[b * 15 + i];
            }
        }
        assertEquals((float) sum0, dBias[0]);
    }
}
