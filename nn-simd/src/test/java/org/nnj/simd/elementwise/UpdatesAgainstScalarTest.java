package org.nnj.simd.elementwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.simd.SimdBackend;

/**
 * The general optimizer updates of the SIMD backend ({@code addSquares}, {@code addcdivSqrt},
 * {@code addcdiv}, {@code maxAbs}) and AdaDelta's fused step against the scalar reference, as
 * {@link KernelsAgainstScalarTest} does for the other kernels: lengths around the vector width, a different
 * offset for every array, the elements around each range checked untouched, and in-place calls. They are made of the same float
 * operations in the same order on both backends, so they must agree bit for bit.
 */
class UpdatesAgainstScalarTest {
    private static final ComputeBackend SCALAR = new ScalarBackend();
    private static final ComputeBackend SIMD = new SimdBackend(1);
    private static final ComputeBackend[] BACKENDS = {SCALAR, SIMD};
    private static final float SENTINEL = 777.25f;

    /** {@code n} values in {@code [low, high)} from offset {@code off}, sentinels around them. */
    private static float[] data(int n, int off, long seed, double low, double high) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n + off + 5];
        Arrays.fill(x, SENTINEL);
        for (int i = 0; i < n; i++) {
            x[off + i] = (float) random.nextDouble(low, high);
        }
        if (n > 2 && low < 0) {
            x[off + 1] = 0f;
            x[off + 2] = -0f;
        }
        return x;
    }

    /** The same output array for both backends, each its own copy. */
    private static float[][] twice(float[] y) {
        return new float[][] {y.clone(), y.clone()};
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1027})
    void addSquaresAgreesBitForBit(int n) {
        float[] x = data(n, 1, n, -3, 3);
        float[][] coefficients = {{0.999f, 1f - 0.999f}, {1f, 1f}, {1f, -1f}, {0.9f, 0.1f}};
        for (float[] c : coefficients) {
            float[][] y = twice(data(n, 4, n + 1L, 0, 2));
            float[][] inPlace = twice(data(n, 2, n + 2L, -3, 3));
            for (int b = 0; b < 2; b++) {
                BACKENDS[b].addSquares(n, c[0], c[1], x, 1, y[b], 4);
                BACKENDS[b].addSquares(n, c[0], c[1], inPlace[b], 2, inPlace[b], 2);
            }
            assertArrayEquals(y[0], y[1], "addSquares(" + c[0] + ", " + c[1] + ")");
            assertArrayEquals(inPlace[0], inPlace[1], "addSquares(" + c[0] + ", " + c[1] + ") in place");
        }
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1027})
    void addcdivSqrtAgreesBitForBit(int n) {
        float[] x = data(n, 3, n, -1, 1);
        float[] d = data(n, 2, n + 1L, 0, 1e-2);
        if (n > 0) {
            d[2] = 0f; // a zero second moment: the step is alpha x / eps
        }
        // beta, alpha, c, eps: AdaGrad, NAdam's bias-corrected step, RMSprop's momentum buffer.
        float[][] settings = {{1f, -1e-2f, 1f, 1e-10f}, {1f, -2e-3f, 0.0199f, 1e-8f}, {0.9f, 1f, 1f, 1e-8f}};
        for (float[] s : settings) {
            float[][] y = twice(data(n, 5, n + 2L, -1, 1));
            float[][] inPlace = twice(x);
            for (int b = 0; b < 2; b++) {
                BACKENDS[b].addcdivSqrt(n, s[0], s[1], s[2], s[3], x, 3, d, 2, y[b], 5);
                BACKENDS[b].addcdivSqrt(n, s[0], s[1], s[2], s[3], inPlace[b], 3, d, 2, inPlace[b], 3);
            }
            assertArrayEquals(y[0], y[1], "addcdivSqrt" + Arrays.toString(s));
            assertArrayEquals(inPlace[0], inPlace[1], "addcdivSqrt" + Arrays.toString(s) + " in place");
        }
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1027})
    void addcdivAgreesBitForBit(int n) {
        float[] x = data(n, 1, n, -1, 1);
        float[] d = data(n, 6, n + 1L, 1e-3, 2);
        float[][] y = twice(data(n, 2, n + 2L, -1, 1));
        for (int b = 0; b < 2; b++) {
            BACKENDS[b].addcdiv(n, -2e-3f, x, 1, d, 6, y[b], 2);
        }
        assertArrayEquals(y[0], y[1], "addcdiv");
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1027})
    void maxAbsAgreesBitForBit(int n) {
        float[] x = data(n, 2, n, -2, 2);
        float[][] y = twice(data(n, 3, n + 1L, 0, 2));
        float[][] amsgrad = twice(data(n, 1, n + 2L, 0, 1));
        float[] v = data(n, 4, n + 3L, 0, 1);
        float[][] inPlace = twice(x);
        for (int b = 0; b < 2; b++) {
            BACKENDS[b].maxAbs(n, 0.999f, 1e-8f, x, 2, y[b], 3);
            BACKENDS[b].maxAbs(n, 1f, 0f, v, 4, amsgrad[b], 1);
            BACKENDS[b].maxAbs(n, 0.5f, 0.25f, inPlace[b], 2, inPlace[b], 2);
        }
        assertArrayEquals(y[0], y[1], "maxAbs (Adamax)");
        assertArrayEquals(amsgrad[0], amsgrad[1], "maxAbs (AMSGrad)");
        assertArrayEquals(inPlace[0], inPlace[1], "maxAbs in place");
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1027})
    void adadeltaStepAgreesBitForBitOverSeveralSteps(int n) {
        float[] g = data(n, 3, n, -2, 2); // zeros included: the step is then exactly zero
        float[][] w = twice(data(n, 1, n + 1L, -1, 1));
        float[][] squareAvg = twice(data(n, 4, n + 2L, 0, 1e-2));
        float[][] accDelta = twice(data(n, 2, n + 3L, 0, 1e-4));
        if (n > 0) {
            squareAvg[0][4] = 0f; // the first step from zero state: sqrt(eps) / sqrt(eps + (1 - rho) g^2) g
            squareAvg[1][4] = 0f;
            accDelta[0][2] = 0f;
            accDelta[1][2] = 0f;
        }
        // lr, rho, eps: PyTorch's defaults and a weaker, faster-decaying setting.
        float[][] settings = {{1f, 0.9f, 1e-6f}, {0.5f, 0.5f, 1e-3f}};
        for (float[] s : settings) {
            for (int step = 0; step < 3; step++) {
                for (int b = 0; b < 2; b++) {
                    BACKENDS[b].adadeltaStep(n, s[0], s[1], s[2], w[b], 1, g, 3, squareAvg[b], 4, accDelta[b], 2);
                }
            }
            assertArrayEquals(w[0], w[1], "adadeltaStep" + Arrays.toString(s) + ": w");
            assertArrayEquals(squareAvg[0], squareAvg[1], "adadeltaStep" + Arrays.toString(s) + ": squareAvg");
            assertArrayEquals(accDelta[0], accDelta[1], "adadeltaStep" + Arrays.toString(s) + ": accDelta");
        }
        assertUntouchedAround(w[1], 1, n);
        assertUntouchedAround(squareAvg[1], 4, n);
        assertUntouchedAround(accDelta[1], 2, n);
        assertUntouchedAround(g, 3, n);
    }

    /** The sentinels before {@code off} and after {@code off + n} are still there. */
    private static void assertUntouchedAround(float[] x, int off, int n) {
        for (int i = 0; i < x.length; i++) {
            if (i < off || i >= off + n) {
                assertEquals(SENTINEL, x[i], "element " + i + " outside [" + off + ", " + (off + n) + ")");
            }
        }
    }
}
