package org.nnj.simd.normalization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.simd.SimdBackend;

/**
 * The batch-normalisation kernels of the SIMD backend against the scalar reference, on 1 to 70 channels,
 * planes of 1 position and of sizes around the vector width (vector loop, scalar tail, both), at non-zero
 * offsets, with the elements around every output range checked untouched.
 *
 * <p>Tolerances: both backends sum in double precision and differ only in the order of the additions, so
 * the statistics and the parameter gradients agree to one float ulp; the forward map and the inference
 * backward map are the same float operations and agree bit for bit; the training {@code dx} agrees bit for
 * bit when the rounded sums do, and otherwise moves by the effect of one ulp of a sum (see {@link #dxTolerance}).
 */
class BatchNormAgainstScalarTest {
    private static final ComputeBackend SCALAR = new ScalarBackend();
    private static final ComputeBackend SIMD = new SimdBackend(1);
    private static final float SENTINEL = 777.25f;
    private static final int[] CHANNELS = {1, 2, 3, 5, 8, 13, 16, 17, 31, 64, 70};
    private static final int[] PLANES = {1, 3, 7, 8, 9, 15, 16, 17, 33, 49, 100};

    /** {@code n} values from {@code off}, {@code center +- range}, with sentinels around them. */
    private static float[] data(long seed, int off, int n, double center, double range) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[off + n + 3];
        Arrays.fill(x, SENTINEL);
        for (int i = 0; i < n; i++) {
            x[off + i] = (float) (center + random.nextDouble(-range, range));
        }
        return x;
    }

    /** Positive per-channel values in {@code [lift, lift + 1)}, for invStd and weights away from 0. */
    private static float[] positive(long seed, int off, int channels, double lift) {
        return data(seed, off, channels, lift + 0.5, 0.5);
    }

    private static void assertWithinOneUlp(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= Math.ulp(expected[i]))) {
                fail(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i] + " (one ulp)");
            }
        }
    }

    @Test
    void statisticsAgreeToOneUlp() {
        for (int channels : CHANNELS) {
            for (int plane : PLANES) {
                for (int n : new int[] {1, 3}) {
                    for (double center : new double[] {0, 1000}) {
                        String at = "n=" + n + ", channels=" + channels + ", plane=" + plane + ", center=" + center;
                        int size = n * channels * plane;
                        int off = (channels + plane) % 5;
                        float[] x = data(31L * channels + plane + n, off, size, center, 2);
                        float[] meanE = data(1, 1, channels, 0, 1);
                        float[] varE = data(2, 2, channels, 0, 1);
                        float[] meanA = meanE.clone();
                        float[] varA = varE.clone();
                        SCALAR.batchNormStatistics(n, channels, plane, x, off, meanE, 1, varE, 2);
                        SIMD.batchNormStatistics(n, channels, plane, x, off, meanA, 1, varA, 2);
                        assertWithinOneUlp(meanE, meanA, "mean, " + at);
                        assertWithinOneUlp(varE, varA, "var, " + at);
                    }
                }
            }
        }
    }

    @Test
    void forwardAgreesBitForBitAlsoInPlace() {
        for (int channels : CHANNELS) {
            for (int plane : PLANES) {
                for (boolean affine : new boolean[] {true, false}) {
                    int n = 2;
                    String at = "channels=" + channels + ", plane=" + plane + ", affine=" + affine;
                    int size = n * channels * plane;
                    int off = (channels * 3 + plane) % 4;
                    float[] x = data(channels * 101L + plane, off, size, 0.5, 3);
                    float[] mean = data(channels, 2, channels, 0, 1);
                    float[] invStd = positive(channels + 1L, 0, channels, 0.25);
                    float[] weight = affine ? data(channels + 2L, 3, channels, 0, 2) : null;
                    float[] bias = affine ? data(channels + 3L, 1, channels, 0, 2) : null;
                    float[] expected = data(5, off + 1, size, 0, 1);
                    float[] actual = expected.clone();
                    SCALAR.batchNormForward(n, channels, plane, x, off, mean, 2, invStd, 0, weight, 3, bias, 1,
                            expected, off + 1);
                    SIMD.batchNormForward(n, channels, plane, x, off, mean, 2, invStd, 0, weight, 3, bias, 1,
                            actual, off + 1);
                    assertArrayEquals(expected, actual, "y, " + at);
                    float[] inPlace = x.clone();
                    SIMD.batchNormForward(n, channels, plane, inPlace, off, mean, 2, invStd, 0, weight, 3, bias, 1,
                            inPlace, off);
                    assertArrayEquals(Arrays.copyOfRange(expected, off + 1, off + 1 + size),
                            Arrays.copyOfRange(inPlace, off, off + size), "y in place, " + at);
                }
            }
        }
    }

    /**
     * One ulp more or less in a rounded sum moves {@code dx = k (M dy - sumDy - xhat sumDyXhat)} by
     * {@code |k| (ulp(sumDy) + |xhat| ulp(sumDyXhat))}, with {@code k = weight * invStd / M}. Here
     * {@code |dy| < 1}, so both sums are below {@code M} in size, and {@code |xhat| <= sqrt(M)}: twice that bound.
     */
    private static double dxTolerance(double maxWeight, double maxInvStd, int count) {
        return 2 * maxWeight * maxInvStd / count * Math.ulp((float) count) * (1 + Math.sqrt(count));
    }

    /** Elements outside {@code [off, off + n)} are bit for bit the same. */
    private static void assertSameOutside(float[] expected, float[] actual, int off, int n, String what) {
        for (int i = 0; i < expected.length; i++) {
            if ((i < off || i >= off + n) && Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail(what + ": index " + i + " outside the range changed to " + actual[i]);
            }
        }
    }

    @ParameterizedTest(name = "training={0}")
    @ValueSource(booleans = {true, false})
    void backwardAgreesWithinTheRoundingOfItsSums(boolean training) {
        for (int channels : CHANNELS) {
            for (int plane : PLANES) {
                for (boolean affine : new boolean[] {true, false}) {
                    int n = 3;
                    String at = "channels=" + channels + ", plane=" + plane + ", affine=" + affine;
                    int size = n * channels * plane;
                    int count = n * plane;
                    int off = (channels + 2 * plane) % 4;
                    float[] x = data(channels * 7L + plane, off, size, 1, 2);
                    float[] mean = new float[channels];
                    float[] var = new float[channels];
                    SCALAR.batchNormStatistics(n, channels, plane, x, off, mean, 0, var, 0);
                    float[] invStd = new float[channels];
                    double maxInvStd = 0;
                    for (int c = 0; c < channels; c++) {
                        invStd[c] = (float) (1 / Math.sqrt(var[c] + 1e-5));
                        maxInvStd = Math.max(maxInvStd, invStd[c]);
                    }
                    float[] dy = data(channels * 11L + plane, off + 1, size, 0, 1);
                    float[] weight = affine ? positive(channels + 5L, 2, channels, 0.5) : null;
                    float[] dxE = data(9, 2, size, 0, 1);
                    float[] dWeightE = data(10, 1, channels, 0, 1);
                    float[] dBiasE = data(11, 3, channels, 0, 1);
                    float[] dxA = dxE.clone();
                    float[] dWeightA = dWeightE.clone();
                    float[] dBiasA = dBiasE.clone();
                    SCALAR.batchNormBackward(training, n, channels, plane, x, off, dy, off + 1, mean, 0, invStd, 0,
                            weight, 2, dxE, 2, dWeightE, 1, dBiasE, 3);
                    SIMD.batchNormBackward(training, n, channels, plane, x, off, dy, off + 1, mean, 0, invStd, 0,
                            weight, 2, dxA, 2, dWeightA, 1, dBiasA, 3);
                    // The gradients started at values in [-1, 1): one ulp of the sum and one of the addition.
                    for (int c = 0; c < channels; c++) {
                        float ew = dWeightE[1 + c];
                        float eb = dBiasE[3 + c];
                        if (!(Math.abs(ew - dWeightA[1 + c]) <= 2 * Math.ulp(Math.abs(ew) + 1))
                                || !(Math.abs(eb - dBiasA[3 + c]) <= 2 * Math.ulp(Math.abs(eb) + 1))) {
                            fail("channel " + c + ", " + at + ": expected dWeight " + ew + " and dBias " + eb
                                    + ", got " + dWeightA[1 + c] + " and " + dBiasA[3 + c]);
                        }
                    }
                    assertSameOutside(dWeightE, dWeightA, 1, channels, "dWeight, " + at);
                    assertSameOutside(dBiasE, dBiasA, 3, channels, "dBias, " + at);
                    if (!training) {
                        assertArrayEquals(dxE, dxA, "dx, " + at);
                        continue;
                    }
                    assertSameOutside(dxE, dxA, 2, size, "dx, " + at);
                    double tolerance = dxTolerance(affine ? 1.5 : 1, maxInvStd, count);
                    for (int i = 0; i < dxE.length; i++) {
                        if (!(Math.abs(dxE[i] - dxA[i]) <= tolerance) && !(dxE[i] == dxA[i])) {
                            fail("dx[" + i + "], " + at + ": expected " + dxE[i] + ", got " + dxA[i]
                                    + " (tolerance " + tolerance + ")");
                        }
                    }
                }
            }
        }
    }

    @Test
    void backwardWithoutOutputsOrInPlaceMatchesTheReference() {
        int n = 2;
        int channels = 5;
        int plane = 19;
        int size = n * channels * plane;
        float[] x = data(41, 0, size, 0, 2);
        float[] dy = data(42, 0, size, 0, 1);
        float[] stats = positive(43, 0, 2 * channels, 0.5);
        float[] expected = new float[dy.length];
        SCALAR.batchNormBackward(true, n, channels, plane, x, 0, dy, 0, stats, 0, stats, channels, null, 0,
                expected, 0, null, 0, null, 0);
        float[] inPlace = dy.clone();
        SIMD.batchNormBackward(true, n, channels, plane, x, 0, inPlace, 0, stats, 0, stats, channels, null, 0,
                inPlace, 0, null, 0, null, 0);
        for (int i = 0; i < size; i++) {
            if (!(Math.abs(expected[i] - inPlace[i]) <= 1e-6)) {
                fail("dx in place [" + i + "]: expected " + expected[i] + ", got " + inPlace[i]);
            }
        }
        // Only dBias: dy and everything else untouched.
        float[] before = dy.clone();
        float[] dBiasE = new float[channels];
        float[] dBiasA = new float[channels];
        SCALAR.batchNormBackward(false, n, channels, plane, x, 0, dy, 0, stats, 0, stats, channels, null, 0,
                null, 0, null, 0, dBiasE, 0);
        SIMD.batchNormBackward(false, n, channels, plane, x, 0, dy, 0, stats, 0, stats, channels, null, 0,
                null, 0, null, 0, dBiasA, 0);
        assertArrayEquals(before, dy);
        assertWithinOneUlp(dBiasE, dBiasA, "dBias");
    }
}
