package org.nnj.simd.elementwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Every element-wise, row and update kernel of the SIMD backend against the scalar reference, at lengths
 * around the vector width (the vector loop, the scalar tail, and both) and at non-zero offsets, with the
 * elements around the range checked untouched.
 *
 * <p>Tolerances: kernels made of the same float operations in the same order (ReLU, leaky ReLU, the
 * backward passes, axpy, scale, multiply, bias add, Adam) must agree bit for bit; exp and tanh come from
 * {@code org.nnj.simd.math} (each within 1 ulp), the kernels' results within 4 ulp ({@link #ULPS}); sums
 * regrouped into vector lanes (softmax, log-sum-exp, column sums, sum of squares) within a small relative error
 * stated at each check.
 */
class KernelsAgainstScalarTest {
    private static final ComputeBackend SCALAR = new ScalarBackend();
    private static final ComputeBackend SIMD = new SimdBackend(1);
    private static final float SENTINEL = 777.25f;
    private static final int OFF = 3;
    private static final float ULPS = 4;

    private static float[] data(int n, long seed, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n + 2 * OFF];
        Arrays.fill(x, SENTINEL);
        for (int i = 0; i < n; i++) {
            x[OFF + i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        if (n > 2) {
            x[OFF + 1] = 0f; // the kink of ReLU: x > 0 is false at 0
            x[OFF + 2] = -0f;
        }
        return x;
    }

    private static float[] sentinels(int n) {
        float[] y = new float[n + 2 * OFF];
        Arrays.fill(y, SENTINEL);
        return y;
    }

    private static void assertUlps(float[] expected, float[] actual, float ulps, String what) {
        for (int i = 0; i < expected.length; i++) {
            float tol = ulps * Math.ulp(Math.max(Math.abs(expected[i]), Float.MIN_NORMAL));
            if (!(Math.abs(expected[i] - actual[i]) <= tol) && !(expected[i] == actual[i])) {
                fail(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i] + " (tolerance " + tol + ")");
            }
        }
    }

    private static void assertClose(float[] expected, float[] actual, double rel, double abs, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= abs + rel * Math.abs(expected[i]))) {
                fail(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
            }
        }
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {0, 1, 7, 8, 9, 15, 16, 17, 33, 100, 1027})
    void exactKernelsAgreeBitForBit(int n) {
        float[] x = data(n, n, 3);
        float[] dy = data(n, n + 100, 1);
        float[] y = data(n, n + 200, 1);
        float[][] out = new float[2][];
        ComputeBackend[] backends = {SCALAR, SIMD};

        for (int i = 0; i < 2; i++) {
            out[i] = sentinels(n);
            backends[i].relu(n, x, OFF, out[i], OFF);
        }
        assertArrayEquals(out[0], out[1], "relu");
        for (int i = 0; i < 2; i++) {
            out[i] = sentinels(n);
            backends[i].reluBackward(n, x, OFF, dy, OFF, out[i], OFF);
        }
        assertArrayEquals(out[0], out[1], "reluBackward");
        for (int i = 0; i < 2; i++) {
            out[i] = sentinels(n);
            backends[i].leakyRelu(n, 0.01f, x, OFF, out[i], OFF);
        }
        assertArrayEquals(out[0], out[1], "leakyRelu");
        for (int i = 0; i < 2; i++) {
            out[i] = sentinels(n);
            backends[i].leakyReluBackward(n, 0.2f, x, OFF, dy, OFF, out[i], OFF);
        }
        assertArrayEquals(out[0], out[1], "leakyReluBackward");
        for (int i = 0; i < 2; i++) {
            out[i] = sentinels(n);
            backends[i].sigmoidBackward(n, y, OFF, dy, OFF, out[i], OFF);
        }
        assertArrayEquals(out[0], out[1], "sigmoidBackward");
        for (int i = 0; i < 2; i++) {
            out[i] = sentinels(n);
            backends[i].tanhBackward(n, y, OFF, dy, OFF, out[i], OFF);
        }
        assertArrayEquals(out[0], out[1], "tanhBackward");
        for (int i = 0; i < 2; i++) {
            out[i] = y.clone();
            backends[i].axpy(n, -0.37f, x, OFF, out[i], OFF);
        }
        assertArrayEquals(out[0], out[1], "axpy");
        for (int i = 0; i < 2; i++) {
            out[i] = x.clone();
            backends[i].scale(n, 1.7f, out[i], OFF);
        }
        assertArrayEquals(out[0], out[1], "scale");
        for (int i = 0; i < 2; i++) {
            out[i] = sentinels(n);
            backends[i].multiply(n, x, OFF, dy, OFF, out[i], OFF);
        }
        assertArrayEquals(out[0], out[1], "multiply");
        for (int i = 0; i < 2; i++) {
            out[i] = x.clone();
            backends[i].multiply(n, out[i], OFF, y, OFF, out[i], OFF);
        }
        assertArrayEquals(out[0], out[1], "multiply in place");
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {0, 1, 7, 16, 17, 31, 100, 1027})
    void sigmoidAndTanhWithinFourUlps(int n) {
        float[] x = data(n, 5 * n + 1, 12);
        float[] expected = sentinels(n);
        float[] actual = sentinels(n);
        SCALAR.sigmoid(n, x, OFF, expected, OFF);
        SIMD.sigmoid(n, x, OFF, actual, OFF);
        assertUlps(expected, actual, ULPS, "sigmoid");
        SCALAR.tanh(n, x, OFF, expected, OFF);
        SIMD.tanh(n, x, OFF, actual, OFF);
        assertUlps(expected, actual, ULPS, "tanh");
    }

    @Test
    void sigmoidSaturatesWithoutNaN() {
        float[] x = new float[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 2 == 0 ? 1 : -1) * (50f + 30 * i);
        }
        x[0] = Float.POSITIVE_INFINITY;
        x[1] = Float.NEGATIVE_INFINITY;
        float[] y = new float[x.length];
        SIMD.sigmoid(x.length, x, 0, y, 0);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] > 0 ? 1f : 0f, y[i], "sigmoid(" + x[i] + ")");
        }
    }

    @Test
    void sumOfSquaresInDoublePrecision() {
        for (int n : new int[] {0, 1, 9, 16, 1000, 100_003}) {
            float[] x = data(n, n, 10);
            double expected = SCALAR.sumOfSquares(n, x, OFF);
            assertEquals(expected, SIMD.sumOfSquares(n, x, OFF), 1e-12 * expected, "n=" + n);
        }
    }

    @Test
    void rowKernelsAgreeWithinRoundingOfTheRegroupedSums() {
        for (int[] rc : new int[][] {{1, 1}, {3, 7}, {5, 16}, {4, 17}, {2, 100}, {7, 1000}}) {
            int rows = rc[0];
            int cols = rc[1];
            int size = rows * cols;
            float[] x = data(size, size, 20);
            x[OFF] = 1000f; // large logits must not overflow
            float[] dy = data(size, size + 1, 1);

            float[] expected = sentinels(size);
            float[] actual = sentinels(size);
            SCALAR.softmaxRows(rows, cols, x, OFF, expected, OFF);
            SIMD.softmaxRows(rows, cols, x, OFF, actual, OFF);
            assertClose(expected, actual, 1e-5, 1e-7, "softmax " + rows + "x" + cols);

            float[] inPlace = x.clone();
            SIMD.softmaxRows(rows, cols, inPlace, OFF, inPlace, OFF);
            assertArrayEquals(actual, inPlace, "softmax in place");

            float[] y = expected;
            float[] dxExpected = sentinels(size);
            float[] dxActual = sentinels(size);
            SCALAR.softmaxBackwardRows(rows, cols, y, OFF, dy, OFF, dxExpected, OFF);
            SIMD.softmaxBackwardRows(rows, cols, y, OFF, dy, OFF, dxActual, OFF);
            assertClose(dxExpected, dxActual, 1e-5, 1e-6, "softmaxBackward " + rows + "x" + cols);

            float[] lseExpected = sentinels(rows);
            float[] lseActual = sentinels(rows);
            SCALAR.logSumExpRows(rows, cols, x, OFF, lseExpected, OFF);
            SIMD.logSumExpRows(rows, cols, x, OFF, lseActual, OFF);
            assertClose(lseExpected, lseActual, 1e-6, 1e-6, "logSumExp " + rows + "x" + cols);

            float[] bias = data(cols, 9, 1);
            float[] xe = x.clone();
            float[] xa = x.clone();
            SCALAR.addRowVector(rows, cols, bias, OFF, xe, OFF);
            SIMD.addRowVector(rows, cols, bias, OFF, xa, OFF);
            assertArrayEquals(xe, xa, "addRowVector");

            float[] sumsExpected = data(cols, 10, 1);
            float[] sumsActual = sumsExpected.clone();
            SCALAR.addColumnSums(rows, cols, x, OFF, sumsExpected, OFF);
            SIMD.addColumnSums(rows, cols, x, OFF, sumsActual, OFF);
            assertArrayEquals(sumsExpected, sumsActual, "addColumnSums (same order of additions per column)");
        }
    }

    @Test
    void adamStepIsBitForBitTheScalarOne() {
        for (int n : new int[] {0, 1, 15, 16, 17, 1001}) {
            float[][] expected = {data(n, 1, 1), data(n, 2, 0.1), data(n, 3, 0.01), data(n, 4, 0.001)};
            for (int i = 0; i < n; i++) {
                expected[3][OFF + i] = Math.abs(expected[3][OFF + i]); // v, the second moment, is never negative
            }
            float[][] actual = new float[4][];
            for (int i = 0; i < 4; i++) {
                actual[i] = expected[i].clone();
            }
            for (int t = 1; t <= 3; t++) {
                float bc1 = (float) (1 - Math.pow(0.9, t));
                float bc2 = (float) (1 - Math.pow(0.999, t));
                SCALAR.adamStep(n, 1e-3f, 0.9f, 0.999f, 1e-8f, bc1, bc2, expected[0], OFF, expected[1], OFF,
                        expected[2], OFF, expected[3], OFF);
                SIMD.adamStep(n, 1e-3f, 0.9f, 0.999f, 1e-8f, bc1, bc2, actual[0], OFF, actual[1], OFF,
                        actual[2], OFF, actual[3], OFF);
            }
            assertArrayEquals(expected[0], actual[0], "w, n=" + n);
            assertArrayEquals(expected[2], actual[2], "m, n=" + n);
            assertArrayEquals(expected[3], actual[3], "v, n=" + n);
        }
    }
}
