package org.nnj.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The optimizer updates of the scalar backend ({@code addSquares}, {@code addcdivSqrt}, {@code addcdiv},
 * {@code maxAbs}, {@code adadeltaStep}): hand-computed values on exactly representable numbers, offsets that
 * leave the neighbouring elements alone, and random data against the formula in double precision.
 */
class ScalarBackendUpdateKernelsTest {
    private final ScalarBackend backend = new ScalarBackend();

    private static float[] random(SplittableRandom random, int n, double low, double high) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextDouble(low, high);
        }
        return x;
    }

    private static void assertClose(double expected, float actual, double relative, String what) {
        double tolerance = relative * Math.abs(expected) + 1e-30;
        if (!(Math.abs(actual - expected) <= tolerance)) {
            throw new AssertionError(what + ": expected " + expected + ", got " + actual + " (tolerance "
                    + tolerance + ")");
        }
    }

    @Test
    void addSquaresAveragesSumsAndSubtractsSquaresInsideItsRange() {
        float[] x = {9f, 1f, -2f, 3f};
        float[] y = {7f, 4f, 8f, 12f, 7f};
        backend.addSquares(3, 0.5f, 0.25f, x, 1, y, 1); // 0.5 y + 0.25 x^2
        assertArrayEquals(new float[] {7f, 2.25f, 5f, 8.25f, 7f}, y);
        backend.addSquares(3, 1f, 1f, x, 1, y, 1); // AdaGrad's sum
        assertArrayEquals(new float[] {7f, 3.25f, 9f, 17.25f, 7f}, y);
        backend.addSquares(3, 1f, -1f, x, 1, y, 1); // a variance's mean subtracted
        assertArrayEquals(new float[] {7f, 2.25f, 5f, 8.25f, 7f}, y);
        backend.addSquares(0, 2f, 2f, x, 4, y, 5); // empty at the very end of both arrays
        assertArrayEquals(new float[] {7f, 2.25f, 5f, 8.25f, 7f}, y);
    }

    @Test
    void addSquaresInPlaceSquaresTheElement() {
        float[] x = {3f, -0.5f};
        backend.addSquares(2, 0f, 2f, x, 0, x, 0);
        assertArrayEquals(new float[] {18f, 0.5f}, x);
    }

    @Test
    void addcdivSqrtTakesTheBiasCorrectedRootAndAddsEpsOutside() {
        float[] x = {0f, 2f, -3f, 1f};
        float[] d = {16f, 36f, 0f};
        float[] y = {5f, 10f, 20f, 30f};
        // y[1..3] = 0.5 y + alpha x / (sqrt(d / 4) + 1): roots 2, 3, 0.
        backend.addcdivSqrt(3, 0.5f, -6f, 4f, 1f, x, 1, d, 0, y, 1);
        assertArrayEquals(new float[] {5f, 5f - 4f, 10f + 4.5f, 15f - 6f}, y);
        // A momentum buffer of steps: beta 0.9, alpha 1, no correction.
        float[] buf = {1f};
        backend.addcdivSqrt(1, 0.9f, 1f, 1f, 1f, new float[] {8f}, 0, new float[] {9f}, 0, buf, 0);
        assertEquals(0.9f + 2f, buf[0]);
    }

    @Test
    void addcdivSqrtMatchesDoublePrecision() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 257;
        float[] x = random(random, n, -1, 1);
        float[] d = random(random, n, 0, 1e-3);
        float[] y = random(random, n, -2, 2);
        float[] before = y.clone();
        float beta = 0.9f;
        float alpha = -1e-2f;
        float c = 0.0199f;
        float eps = 1e-8f;
        backend.addcdivSqrt(n, beta, alpha, c, eps, x, 0, d, 0, y, 0);
        for (int i = 0; i < n; i++) {
            double expected = (double) beta * before[i] + (double) alpha * x[i] / (Math.sqrt((double) d[i] / c) + eps);
            assertClose(expected, y[i], 1e-6, "addcdivSqrt[" + i + "]");
        }
    }

    @Test
    void addcdivDividesElementByElement() {
        float[] y = {1f, 2f, 3f};
        backend.addcdiv(2, -0.5f, new float[] {4f, -6f}, 0, new float[] {0f, 2f, 4f}, 1, y, 1);
        assertArrayEquals(new float[] {1f, 2f - 1f, 3f + 0.75f}, y);
        SplittableRandom random = new SplittableRandom(12);
        int n = 100;
        float[] x = random(random, n, -1, 1);
        float[] d = random(random, n, 0.01, 2);
        float[] w = random(random, n, -1, 1);
        float[] before = w.clone();
        backend.addcdiv(n, -2e-3f, x, 0, d, 0, w, 0);
        for (int i = 0; i < n; i++) {
            // One rounding of the product, one of the quotient, one of the sum.
            assertClose(before[i] + (double) -2e-3f * x[i] / d[i], w[i], 4e-7, "addcdiv[" + i + "]");
        }
    }

    @Test
    void maxAbsKeepsTheDecayedNormOrTheNewMagnitude() {
        float[] y = {9f, 4f, 4f, -1f, 9f};
        backend.maxAbs(4, 0.5f, 0.25f, new float[] {-3f, 1f, 0f, 1f}, 0, y, 1);
        // max(2, 3.25), max(2, 1.25), max(-0.5, 0.25), max(4.5, 1.25)
        assertArrayEquals(new float[] {9f, 3.25f, 2f, 0.25f, 4.5f}, y);
        // AMSGrad: beta 1 and eps 0 keep the running maximum of a non-negative x.
        float[] max = {1f, 5f};
        backend.maxAbs(2, 1f, 0f, new float[] {2f, 3f}, 0, max, 0);
        assertArrayEquals(new float[] {2f, 5f}, max);
        float[] nan = {1f};
        backend.maxAbs(1, 1f, 0f, new float[] {Float.NaN}, 0, nan, 0);
        assertEquals(Float.NaN, nan[0]);
    }

    @Test
    void adadeltaStepPutsEpsInsideBothRootsAndDecaysBothAverages() {
        // lr 0.5, rho 0.5, eps 1, values chosen so that every root is exact:
        //   g = 3:  square_avg 0.5*7 + 0.5*9 = 8, acc_delta 35: delta = sqrt(36) / sqrt(9) * 3 = 6,
        //           acc_delta 0.5*35 + 0.5*36 = 35.5, w 10 - 0.5*6 = 7;
        //   g = -1: square_avg 0.5*5 + 0.5*1 = 3, acc_delta 15: delta = sqrt(16) / sqrt(4) * -1 = -2,
        //           acc_delta 0.5*15 + 0.5*4 = 9.5, w 1 + 1 = 2;
        //   g = 0:  square_avg 0.5*3 = 1.5, delta 0, acc_delta 0.5*8 = 4, w unchanged.
        float[] w = {-9f, 10f, 1f, 4f, -9f};
        float[] g = {3f, -1f, 0f};
        float[] squareAvg = {-9f, -9f, 7f, 5f, 3f};
        float[] accDelta = {35f, 15f, 8f, -9f};
        backend.adadeltaStep(3, 0.5f, 0.5f, 1f, w, 1, g, 0, squareAvg, 2, accDelta, 0);
        assertArrayEquals(new float[] {-9f, 7f, 2f, 4f, -9f}, w);
        assertArrayEquals(new float[] {3f, -1f, 0f}, g);
        assertArrayEquals(new float[] {-9f, -9f, 8f, 3f, 1.5f}, squareAvg);
        assertArrayEquals(new float[] {35.5f, 9.5f, 4f, -9f}, accDelta);
        backend.adadeltaStep(0, 0.5f, 0.5f, 1f, w, 5, g, 3, squareAvg, 5, accDelta, 4); // empty at the very end
        assertArrayEquals(new float[] {-9f, 7f, 2f, 4f, -9f}, w);
    }

    @Test
    void adadeltaStepMatchesTheFormulaInDoublePrecisionOverThreeSteps() {
        float lrF = 1f;
        float rhoF = 0.9f;
        float epsF = 1e-6f;
        double rho = rhoF;
        double eps = epsF;
        SplittableRandom random = new SplittableRandom(13);
        int n = 100;
        float[] w = random(random, n, -1, 1);
        float[] squareAvg = new float[n];
        float[] accDelta = new float[n];
        double[] wd = new double[n];
        double[] sd = new double[n];
        double[] ad = new double[n];
        for (int i = 0; i < n; i++) {
            wd[i] = w[i];
        }
        for (int t = 1; t <= 3; t++) {
            float[] g = random(random, n, -2, 2);
            backend.adadeltaStep(n, lrF, rhoF, epsF, w, 0, g, 0, squareAvg, 0, accDelta, 0);
            for (int i = 0; i < n; i++) {
                sd[i] = rho * sd[i] + (1 - rho) * g[i] * g[i];
                double delta = Math.sqrt(ad[i] + eps) / Math.sqrt(sd[i] + eps) * g[i];
                ad[i] = rho * ad[i] + (1 - rho) * delta * delta;
                wd[i] -= lrF * delta;
                assertClose(sd[i], squareAvg[i], 1e-6, "square_avg[" + i + "] at step " + t);
                assertClose(ad[i], accDelta[i], 1e-5, "acc_delta[" + i + "] at step " + t);
                // w moves by a few 1e-3 per step and may pass through 0: an absolute part too.
                assertTrue(Math.abs(w[i] - wd[i]) <= 1e-7 + 1e-5 * Math.abs(wd[i]),
                        "w[" + i + "] at step " + t + ": expected " + wd[i] + ", got " + w[i]);
            }
        }
    }
}
