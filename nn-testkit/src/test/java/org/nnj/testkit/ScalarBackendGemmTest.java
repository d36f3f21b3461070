package org.nnj.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.GemmArguments;
import org.nnj.core.backend.ScalarBackend;

/**
 * GEMM of the scalar backend against a naive triple loop in double precision, over every case of
 * {@link GemmCase#standardCases()}: all four transpose combinations, alpha and beta in {0, 1, 2, -0.5},
 * sizes 0, 1, odd and prime up to 71, offsets, leading dimensions wider than the matrix.
 *
 * <p>Tolerance: {@code 2^-22 * (k + 2) * (|alpha| sum_p |a_ip b_pj| + |beta c_ij|)}, twice the worst-case
 * rounding error of a float32 sum of {@code k + 2} terms.
 */
class ScalarBackendGemmTest {

    /** C after the call, computed in double from the original arrays; NaN outside the matrix is not used. */
    private static double[] naive(GemmCase gc, float[] a, float[] b, float[] c) {
        double[] out = new double[c.length];
        for (int i = 0; i < gc.m(); i++) {
            for (int j = 0; j < gc.n(); j++) {
                double sum = 0;
                for (int p = 0; p < gc.k(); p++) {
                    double aip = gc.transA() ? a[gc.aOff() + p * gc.lda() + i] : a[gc.aOff() + i * gc.lda() + p];
                    double bpj = gc.transB() ? b[gc.bOff() + j * gc.ldb() + p] : b[gc.bOff() + p * gc.ldb() + j];
                    sum += aip * bpj;
                }
                int idx = gc.cOff() + i * gc.ldc() + j;
                double ab = gc.alpha() == 0 ? 0 : gc.alpha() * sum; // A and B are all NaN when alpha is 0
                out[idx] = ab + (gc.beta() == 0 ? 0 : gc.beta() * (double) c[idx]);
            }
        }
        return out;
    }

    private static double bound(GemmCase gc, float[] a, float[] b, float[] c, int i, int j) {
        double sum = 0;
        if (gc.alpha() != 0) {
            for (int p = 0; p < gc.k(); p++) {
                sum += Math.abs((double) gc.opA(a, i, p) * gc.opB(b, p, j));
            }
        }
        double beta = gc.beta() == 0 ? 0 : Math.abs(gc.beta() * (double) c[gc.cIndex(i, j)]);
        return 0x1p-22 * (gc.k() + 2) * (Math.abs(gc.alpha()) * sum + beta);
    }

    private static void checkCase(ScalarBackend backend, GemmCase gc) {
        float[] a = gc.newA();
        float[] b = gc.newB();
        float[] c = gc.newC();
        float[] aBefore = a.clone();
        float[] bBefore = b.clone();
        float[] result = c.clone();
        gc.run(backend, a, b, result);

        double[] expected = naive(gc, a, b, c);
        assertArrayEquals(aBefore, a, gc + ": A changed");
        assertArrayEquals(bBefore, b, gc + ": B changed");
        for (int idx = 0; idx < c.length; idx++) {
            if (gc.insideC(idx)) {
                continue;
            }
            assertEquals(Float.floatToRawIntBits(c[idx]), Float.floatToRawIntBits(result[idx]),
                    gc + ": element " + idx + " outside the matrix was written");
        }
        for (int i = 0; i < gc.m(); i++) {
            for (int j = 0; j < gc.n(); j++) {
                int idx = gc.cIndex(i, j);
                double err = Math.abs(result[idx] - expected[idx]);
                double tol = bound(gc, a, b, c, i, j);
                if (!(err <= tol)) {
                    throw new AssertionError(gc + ": C(" + i + ", " + j + ") = " + result[idx] + ", expected "
                            + expected[idx] + " (error " + err + " > " + tol + ")");
                }
            }
        }
    }

    @Test
    void matchesTheNaiveDoubleLoopOnEveryStandardCase() {
        ScalarBackend backend = new ScalarBackend();
        List<GemmCase> cases = GemmCase.standardCases();
        assertTrue(cases.size() > 2000, "cases: " + cases.size());
        for (GemmCase gc : cases) {
            checkCase(backend, gc);
        }
    }

    @Test
    void standardCasesCoverEveryTransposeAlphaBetaAndPaddedLayouts() {
        List<GemmCase> cases = GemmCase.standardCases();
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (float alpha : new float[] {0f, 1f, 2f, -0.5f}) {
                    for (float beta : new float[] {0f, 1f, 2f, -0.5f}) {
                        assertTrue(cases.stream().anyMatch(c -> c.transA() == ta && c.transB() == tb
                                && c.alpha() == alpha && c.beta() == beta && c.m() > 1 && c.n() > 1 && c.k() > 1
                                && c.aOff() > 0 && c.aPad() > 0 && c.bPad() > 0 && c.cPad() > 0),
                                ta + " " + tb + " " + alpha + " " + beta);
                    }
                }
            }
        }
        assertTrue(cases.stream().anyMatch(c -> c.m() == 0) && cases.stream().anyMatch(c -> c.k() == 0));
        assertTrue(cases.stream().anyMatch(c -> c.m() == 71 || c.n() == 71 || c.k() == 71));
    }

    @Test
    void betaZeroOverwritesNanAndInfinityInC() {
        float[] a = {1, 2, 3, 4}; // 2x2
        float[] b = {5, 6, 7, 8};
        float[] c = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        new ScalarBackend().gemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {19, 22, 43, 50}, c);
    }

    @Test
    void alphaZeroOrKZeroScalesCWithoutReadingAOrB() {
        float[] nan = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        float[] c = {1, 2, 3, 4};
        new ScalarBackend().gemm(false, false, 2, 2, 2, 0f, nan, 0, 2, nan, 0, 2, 2f, c, 0, 2);
        assertArrayEquals(new float[] {2, 4, 6, 8}, c);
        new ScalarBackend().gemm(true, true, 2, 2, 0, 1f, null, 0, 1, null, 0, 1, -0.5f, c, 0, 2);
        assertArrayEquals(new float[] {-1, -2, -3, -4}, c);
    }

    @Test
    void handComputedTransposedProduct() {
        // A stored 2x3 = [[1,2,3],[4,5,6]], op(A) = A^T is 3x2; B stored 2x2 = [[1,0],[0,2]].
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {1, 0, 0, 2};
        float[] c = new float[6];
        new ScalarBackend().gemm(true, false, 3, 2, 2, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {1, 8, 2, 10, 3, 12}, c);
    }

    @Test
    void twoThreadsGiveBitForBitTheSingleThreadedResult() {
        ScalarBackend one = new ScalarBackend(1);
        ScalarBackend two = new ScalarBackend(2);
        // 97 * 61 * 67 = 396,439 multiply-adds: above the threshold, so the call is split over threads.
        for (int t = 0; t < 4; t++) {
            GemmCase gc = new GemmCase((t & 1) != 0, (t & 2) != 0, 97, 61, 67, 1.5f, 0.5f, 1, 2, 3, 1, 2, 3, 42 + t);
            float[] a = gc.newA();
            float[] b = gc.newB();
            float[] c1 = gc.newC();
            float[] c2 = c1.clone();
            gc.run(one, a, b, c1);
            gc.run(two, a, b, c2);
            assertArrayEquals(c1, c2, gc.toString());
            checkCase(two, gc);
        }
    }

    @Test
    void badArgumentsAreRejectedNamingTheArgument() {
        ScalarBackend s = new ScalarBackend();
        float[] a = new float[12];
        float[] b = new float[20];
        float[] c = new float[15];

        ShapeException e = assertThrows(ShapeException.class,
                () -> s.gemm(false, false, 3, 5, 4, 1f, a, 0, 3, b, 0, 5, 0f, c, 0, 5));
        assertTrue(e.getMessage().startsWith("gemm: A: leading dimension 3 must be at least 4"), e.getMessage());

        e = assertThrows(ShapeException.class,
                () -> s.gemm(false, true, 3, 5, 4, 1f, a, 0, 4, b, 0, 3, 0f, c, 0, 5));
        assertTrue(e.getMessage().startsWith("gemm: B: leading dimension 3 must be at least 4 (k)"), e.getMessage());

        e = assertThrows(ShapeException.class,
                () -> s.gemm(false, false, 3, 5, 4, 1f, a, 1, 4, b, 0, 5, 0f, c, 0, 5));
        assertTrue(e.getMessage().startsWith("gemm: A (3x4, ld=4, offset 1) needs 13 elements but its array has 12"),
                e.getMessage());

        e = assertThrows(ShapeException.class,
                () -> s.gemm(false, false, 3, 5, 4, 1f, a, 0, 4, b, 0, 5, 0f, c, 0, 6));
        assertTrue(e.getMessage().startsWith("gemm: C (3x5, ld=6, offset 0) needs 17"), e.getMessage());

        e = assertThrows(ShapeException.class,
                () -> s.gemm(false, false, 3, 5, 4, 1f, a, 0, 4, b, 0, 5, 0f, c, 0, 4));
        assertTrue(e.getMessage().startsWith("gemm: C: leading dimension 4 must be at least 5 (n)"), e.getMessage());

        e = assertThrows(ShapeException.class,
                () -> s.gemm(false, false, 3, -5, 4, 1f, a, 0, 4, b, 0, 5, 0f, c, 0, 5));
        assertTrue(e.getMessage().contains("n=-5"), e.getMessage());

        e = assertThrows(ShapeException.class,
                () -> s.gemm(false, false, 3, 5, 4, 1f, a, 0, 4, null, 0, 5, 0f, c, 0, 5));
        assertEquals("gemm: B is null", e.getMessage());
    }

    @Test
    void gemmArgumentsRangeAndDenseChecksNameTheArgument() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> GemmArguments.checkRange("axpy: y", new float[4], 2, 3));
        assertEquals("axpy: y: 3 elements from offset 2 do not fit in an array of length 4", e.getMessage());
        e = assertThrows(ShapeException.class, () -> GemmArguments.checkDense("softmaxRows: x", new float[5], 0, 2, 3));
        assertTrue(e.getMessage().startsWith("softmaxRows: x (2x3"), e.getMessage());
    }
}
