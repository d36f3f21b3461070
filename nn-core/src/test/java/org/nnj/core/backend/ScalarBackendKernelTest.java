package org.nnj.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;

/** The non-GEMM kernels of the scalar backend against hand-computed values and double-precision formulas. */
class ScalarBackendKernelTest {
    private final ScalarBackend backend = new ScalarBackend();

    private static double[] softmaxInDouble(float[] x, int from, int cols) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            max = Math.max(max, x[from + j]);
        }
        double sum = 0;
        double[] y = new double[cols];
        for (int j = 0; j < cols; j++) {
            y[j] = Math.exp(x[from + j] - max);
            sum += y[j];
        }
        for (int j = 0; j < cols; j++) {
            y[j] /= sum;
        }
        return y;
    }

    private static void assertClose(double expected, float actual, double tolerance, String what) {
        if (!(Math.abs(actual - expected) <= tolerance)) {
            throw new AssertionError(what + ": expected " + expected + ", got " + actual + " (tolerance " + tolerance + ")");
        }
    }

    // ---------------------------------------------------------------- rows

    @Test
    void softmaxOfLogitsAroundAThousandGivesExactProbabilities() {
        float[] x = {1000f, 1000f, 999f, -1000f, 0f, 1000f, -1000f, -1000f, -999f};
        float[] y = new float[9];
        backend.softmaxRows(3, 3, x, 0, y, 0);

        double e = Math.exp(-1);
        double[] expected = {1 / (2 + e), 1 / (2 + e), e / (2 + e), 0, Math.exp(-1000), 1,
                e / (1 + 2 * e), e / (1 + 2 * e), 1 / (1 + 2 * e)};
        for (int i = 0; i < 9; i++) {
            assertClose(expected[i], y[i], 1e-7, "y[" + i + "]");
        }
        assertEquals(1f, y[5]);
    }

    @Test
    void softmaxInPlaceWithOffsetsMatchesDouble() {
        float[] x = new float[2 + 4 * 7];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 2; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-20, 20);
        }
        x[0] = 55f;
        x[1] = 66f;
        float[] original = x.clone();
        backend.softmaxRows(4, 7, x, 2, x, 2);
        for (int row = 0; row < 4; row++) {
            double[] expected = softmaxInDouble(original, 2 + row * 7, 7);
            double total = 0;
            for (int j = 0; j < 7; j++) {
                assertClose(expected[j], x[2 + row * 7 + j], 2e-7 + 1e-6 * expected[j], "row " + row + ", col " + j);
                total += x[2 + row * 7 + j];
            }
            assertEquals(1.0, total, 1e-6);
        }
        assertEquals(55f, x[0]);
        assertEquals(66f, x[1]);
    }

    @Test
    void logSumExpMatchesDoubleEvenForLargeLogits() {
        SplittableRandom r = new SplittableRandom(7);
        int rows = 6;
        int cols = 13;
        float[] x = new float[rows * cols];
        for (int row = 0; row < rows; row++) {
            float shift = new float[] {0f, 1000f, -1000f, 80f, -80f, 0f}[row];
            for (int j = 0; j < cols; j++) {
                x[row * cols + j] = shift + (float) r.nextDouble(-5, 5);
            }
        }
        float[] out = {9f, 0, 0, 0, 0, 0, 0, 9f};
        backend.logSumExpRows(rows, cols, x, 0, out, 1);
        for (int row = 0; row < rows; row++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[row * cols + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(x[row * cols + j] - max);
            }
            double expected = max + Math.log(sum);
            assertClose(expected, out[1 + row], 1e-6 + 0x1p-23 * Math.abs(expected), "row " + row);
        }
        assertEquals(9f, out[0]);
        assertEquals(9f, out[7]);
    }

    @Test
    void softmaxBackwardMatchesFiniteDifferencesOfTheSoftmax() {
        // L(x) = sum_j w_j softmax(x)_j; its gradient is softmaxBackward(y, dy = w).
        int cols = 9;
        SplittableRandom r = new SplittableRandom(11);
        float[] x = new float[cols];
        float[] w = new float[cols];
        for (int j = 0; j < cols; j++) {
            x[j] = (float) r.nextDouble(-3, 3);
            w[j] = (float) r.nextDouble(-1, 1);
        }
        float[] y = new float[cols];
        backend.softmaxRows(1, cols, x, 0, y, 0);
        float[] dx = new float[cols];
        backend.softmaxBackwardRows(1, cols, y, 0, w, 0, dx, 0);

        double h = 1e-5;
        for (int j = 0; j < cols; j++) {
            float[] plus = x.clone();
            float[] minus = x.clone();
            double[] yp = softmaxShifted(x, j, h);
            double[] ym = softmaxShifted(x, j, -h);
            double lp = 0;
            double lm = 0;
            for (int i = 0; i < cols; i++) {
                lp += w[i] * yp[i];
                lm += w[i] * ym[i];
            }
            assertClose((lp - lm) / (2 * h), dx[j], 1e-6, "d/dx[" + j + "]");
            assertArrayEquals(plus, minus);
        }
    }

    /** The softmax, in double, of {@code x} with {@code x[j] += h}. */
    private static double[] softmaxShifted(float[] x, int j, double h) {
        double[] v = new double[x.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            v[i] = x[i] + (i == j ? h : 0);
            max = Math.max(max, v[i]);
        }
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(v[i] - max);
            sum += v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= sum;
        }
        return v;
    }

    @Test
    void softmaxBackwardMatchesTheFormulaInDoubleOverSeveralRows() {
        int rows = 3;
        int cols = 5;
        SplittableRandom r = new SplittableRandom(5);
        float[] y = new float[rows * cols + 1];
        float[] dy = new float[rows * cols + 2];
        for (int row = 0; row < rows; row++) {
            float[] logits = new float[cols];
            for (int j = 0; j < cols; j++) {
                logits[j] = (float) r.nextDouble(-2, 2);
                dy[2 + row * cols + j] = (float) r.nextDouble(-1, 1);
            }
            backend.softmaxRows(1, cols, logits, 0, y, 1 + row * cols);
        }
        float[] dx = new float[rows * cols];
        backend.softmaxBackwardRows(rows, cols, y, 1, dy, 2, dx, 0);
        for (int row = 0; row < rows; row++) {
            double dot = 0;
            for (int j = 0; j < cols; j++) {
                dot += (double) dy[2 + row * cols + j] * y[1 + row * cols + j];
            }
            for (int j = 0; j < cols; j++) {
                double expected = y[1 + row * cols + j] * (dy[2 + row * cols + j] - dot);
                assertClose(expected, dx[row * cols + j], 1e-7, "row " + row + ", col " + j);
            }
        }
    }

    // ---------------------------------------------------------------- element-wise

    @Test
    void sigmoidDoesNotOverflowAtPlusMinusAHundred() {
        float[] x = {100f, -100f, 0f, 1000f, -1000f, 2f, -2f};
        float[] y = new float[7];
        backend.sigmoid(7, x, 0, y, 0);
        assertEquals(1f, y[0]);
        assertClose(Math.exp(-100), y[1], 1e-45, "sigmoid(-100)");
        assertTrue(y[1] > 0f, "sigmoid(-100) must not underflow to 0 in float32: " + y[1]);
        assertEquals(0.5f, y[2]);
        assertEquals(1f, y[3]);
        assertEquals(0f, y[4]);
        assertClose(1 / (1 + Math.exp(-2)), y[5], 1e-7, "sigmoid(2)");
        assertClose(1 / (1 + Math.exp(2)), y[6], 1e-7, "sigmoid(-2)");
    }

    @Test
    void sigmoidBackwardUsesTheOutput() {
        float[] y = {0.5f, 0.25f, 1f};
        float[] dy = {2f, 4f, 3f};
        float[] dx = new float[3];
        backend.sigmoidBackward(3, y, 0, dy, 0, dx, 0);
        assertArrayEquals(new float[] {0.5f, 0.75f, 0f}, dx);
    }

    @Test
    void multiplyMultipliesElementByElementInsideItsRangeAndInPlace() {
        float[] x = {9f, 1.5f, -2f, 0f, 9f};
        float[] y = {4f, 0f, 2f, Float.POSITIVE_INFINITY};
        float[] out = {7f, 7f, 7f, 7f, 7f};
        backend.multiply(3, x, 1, y, 0, out, 2);
        // 1.5 * 4, -2 * 0, 0 * 2; 0 * infinity stays out of the range
        assertArrayEquals(new float[] {7f, 7f, 6f, -0f, 0f}, out);
        backend.multiply(3, x, 1, y, 1, x, 1); // in place of x
        assertArrayEquals(new float[] {9f, 0f, -4f, Float.NaN, 9f}, x);
        float[] z = {3f, -0.5f};
        backend.multiply(2, z, 0, z, 0, z, 0); // x, y and out all one range
        assertArrayEquals(new float[] {9f, 0.25f}, z);
    }

    @Test
    void reluAndItsBackwardOnHandCases() {
        float[] x = {-2f, -0f, 0f, 3.5f, 1e-30f};
        float[] y = new float[5];
        backend.relu(5, x, 0, y, 0);
        assertArrayEquals(new float[] {0f, 0f, 0f, 3.5f, 1e-30f}, y);

        float[] dy = {1f, 2f, 3f, 4f, 5f};
        float[] dx = new float[5];
        backend.reluBackward(5, x, 0, dy, 0, dx, 0);
        assertArrayEquals(new float[] {0f, 0f, 0f, 4f, 5f}, dx); // the gradient at 0 is 0, as in PyTorch
    }

    @Test
    void leakyReluAndItsBackwardOnHandCases() {
        float[] x = {-2f, 0f, 3f};
        float[] y = new float[3];
        backend.leakyRelu(3, 0.1f, x, 0, y, 0);
        assertArrayEquals(new float[] {-0.2f, 0f, 3f}, y);

        float[] dy = {10f, 10f, 10f};
        float[] dx = new float[3];
        backend.leakyReluBackward(3, 0.1f, x, 0, dy, 0, dx, 0);
        assertArrayEquals(new float[] {1f, 1f, 10f}, dx);
    }

    @Test
    void tanhAndItsBackwardOnHandCases() {
        float[] x = {0f, 1f, -1f, 20f, -20f};
        float[] y = new float[5];
        backend.tanh(5, x, 0, y, 0);
        assertEquals(0f, y[0]);
        assertClose(0.7615941559557649, y[1], 1e-7, "tanh(1)");
        assertClose(-0.7615941559557649, y[2], 1e-7, "tanh(-1)");
        assertEquals(1f, y[3]);
        assertEquals(-1f, y[4]);

        float[] t = {0f, 0.5f, -0.5f, 1f};
        float[] dy = {3f, 4f, 4f, 5f};
        float[] dx = new float[4];
        backend.tanhBackward(4, t, 0, dy, 0, dx, 0);
        assertArrayEquals(new float[] {3f, 3f, 3f, 0f}, dx);
    }

    @Test
    void elementwiseKernelsHonourOffsetsAndLeaveTheRestAlone() {
        float[] x = {9f, 9f, -1f, 2f, 9f};
        float[] y = {7f, 7f, 7f, 7f};
        backend.relu(2, x, 2, y, 1);
        assertArrayEquals(new float[] {7f, 0f, 2f, 7f}, y);
        assertArrayEquals(new float[] {9f, 9f, -1f, 2f, 9f}, x);
    }

    @Test
    void axpyScaleAndSumOfSquares() {
        float[] x = {1f, 2f, 3f};
        float[] y = {10f, 20f, 30f, 40f};
        backend.axpy(3, -2f, x, 0, y, 1);
        assertArrayEquals(new float[] {10f, 18f, 26f, 34f}, y);

        backend.scale(2, 0.5f, y, 2);
        assertArrayEquals(new float[] {10f, 18f, 13f, 17f}, y);

        assertEquals(25.0, backend.sumOfSquares(2, new float[] {0f, 3f, -4f}, 1));
        // 1e8 + 1 is not a float, so only a double accumulator gets it exactly.
        assertEquals(100_000_001.0, backend.sumOfSquares(2, new float[] {1e4f, 1f}, 0));
        assertEquals(0.0, backend.sumOfSquares(0, new float[0], 0));
    }

    // ---------------------------------------------------------------- bias and updates

    @Test
    void addRowVectorAndAddColumnSums() {
        float[] x = {0f, 1f, 2f, 3f, 4f, 5f, 6f}; // a 2x3 matrix at offset 1
        float[] v = {0f, 10f, 20f, 30f};
        backend.addRowVector(2, 3, v, 1, x, 1);
        assertArrayEquals(new float[] {0f, 11f, 22f, 33f, 14f, 25f, 36f}, x);

        float[] out = {100f, 1f, 1f, 1f};
        backend.addColumnSums(2, 3, x, 1, out, 1);
        assertArrayEquals(new float[] {100f, 26f, 48f, 70f}, out);
    }

    @Test
    void adamMatchesADoublePrecisionHandComputationForThreeSteps() {
        // The hyper-parameters as the kernel sees them (0.999f is not 0.999), then everything else in double.
        float lrF = 0.01f;
        float beta1F = 0.9f;
        float beta2F = 0.999f;
        float epsF = 1e-8f;
        double lr = lrF;
        double beta1 = beta1F;
        double beta2 = beta2F;
        double eps = epsF;
        float[][] grads = {{0.5f, -1f, 2f, 1e-3f}, {0.25f, -1f, -2f, 0f}, {-0.5f, 3f, 0.1f, 1e-3f}};
        float[] w = {1f, -2f, 0.5f, 0f};
        float[] m = new float[4];
        float[] v = new float[4];
        double[] wd = {1, -2, 0.5, 0};
        double[] md = new double[4];
        double[] vd = new double[4];
        for (int t = 1; t <= 3; t++) {
            float bc1F = (float) (1 - Math.pow(beta1, t));
            float bc2F = (float) (1 - Math.pow(beta2, t));
            backend.adamStep(4, lrF, beta1F, beta2F, epsF, bc1F, bc2F, w, 0, grads[t - 1], 0, m, 0, v, 0);
            double bc1 = bc1F;
            double bc2 = bc2F;
            for (int i = 0; i < 4; i++) {
                double g = grads[t - 1][i];
                md[i] = beta1 * md[i] + (1 - beta1) * g;
                vd[i] = beta2 * vd[i] + (1 - beta2) * g * g;
                wd[i] -= lr / bc1 * md[i] / (Math.sqrt(vd[i]) / Math.sqrt(bc2) + eps);
                assertClose(md[i], m[i], 1e-6 * Math.abs(md[i]) + 1e-12, "m[" + i + "] at step " + t);
                assertClose(vd[i], v[i], 1e-6 * Math.abs(vd[i]) + 1e-15, "v[" + i + "] at step " + t);
                assertClose(wd[i], w[i], 1e-6, "w[" + i + "] at step " + t);
            }
        }
        // The first step of Adam moves each weight by about lr against the sign of its gradient.
        assertTrue(w[0] < 1f && w[1] > -2f);
    }

    // ---------------------------------------------------------------- arguments

    @Test
    void kernelsRejectRangesOutsideTheirArraysNamingTheArgument() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> backend.relu(4, new float[4], 0, new float[3], 0));
        assertTrue(e.getMessage().startsWith("relu: y:"), e.getMessage());
        e = assertThrows(ShapeException.class,
                () -> backend.adamStep(3, 1f, 0.9f, 0.99f, 1e-8f, 1f, 1f, new float[3], 0, new float[3], 0,
                        new float[2], 0, new float[3], 0));
        assertTrue(e.getMessage().startsWith("adamStep: m:"), e.getMessage());
        e = assertThrows(ShapeException.class,
                () -> backend.logSumExpRows(2, 3, new float[6], 0, new float[1], 0));
        assertTrue(e.getMessage().startsWith("logSumExpRows: out:"), e.getMessage());
    }

    @Test
    void threadsAreCheckedAndDescribed() {
        assertEquals("scalar (1 thread)", new ScalarBackend().description());
        assertEquals("scalar (3 threads)", new ScalarBackend(3).description());
        ConfigException e = assertThrows(ConfigException.class, () -> new ScalarBackend(0));
        assertTrue(e.getMessage().contains("'threads' must be at least 1, got 0"), e.getMessage());
    }
}
