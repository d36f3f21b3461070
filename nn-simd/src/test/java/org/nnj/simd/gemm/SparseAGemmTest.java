package org.nnj.simd.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnj.fixtures.FloatArrays.bits;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnj.simd.species.Species;

/**
 * {@link SparseAGemm} against the packed GEMM it stands in for ({@link Sgemm#packed}): the same bits of C
 * for mostly-zero A, transposed or not (a quarter nonzero, zeros of both signs), over shapes with edge rows and
 * columns past the last vector, one and two threads, beta 0 and 1, with offsets and leading dimensions
 * wider than the matrices; and the cases it must leave to the packed GEMM.
 */
class SparseAGemmTest {
    private static final int L = Species.LANES;

    @ParameterizedTest(name = "{0}x{1}x{2}, A transposed {5}, beta {3}, {4} threads")
    @CsvSource({
        "1024, 784, 64, 1, 1, true",    // the CNN's dense weight gradient, narrower
        "100, 300, 64, 1, 2, true",
        "37, 259, 5, 0, 1, true",       // rows past a multiple of 6, columns past the last vector
        "7, 16, 1, 1, 2, true",
        "13, 40, 1024, 0, 2, true",     // one whole block of depth
        "64, 784, 1024, 0, 1, false",   // the CNN's dense input gradient, narrower
        "31, 300, 77, 1, 2, false",
        "6, 529, 1, 0, 2, false"})
    void givesThePackedGemmsBits(int m, int n, int k, float beta, int threads, boolean transA) {
        assertTrue(SparseAGemm.suits(transA, false, m, n, k, 1f, beta) || L != 16);
        SplittableRandom random = new SplittableRandom(31L * m + n);
        int aOff = 3;
        int lda = (transA ? m : k) + 2;
        int bOff = 5;
        int ldb = n + 3;
        int cOff = 1;
        int ldc = n + 1;
        float[] a = values(random, aOff + (transA ? k : m) * lda, 0.25);
        float[] b = values(random, bOff + k * ldb, 1.0);
        assertTrue(SparseAGemm.pays(2, transA, m, n, k, a, aOff, lda, b, bOff, ldb));
        float[] packed = values(random, cOff + m * ldc, 1.0);
        float[] sparse = packed.clone();
        Sgemm.packed(threads, transA, false, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, beta, packed, cOff, ldc);
        SparseAGemm.gemm(threads, transA, m, n, k, a, aOff, lda, b, bOff, ldb, beta, sparse, cOff, ldc);
        assertArrayEquals(bits(packed), bits(sparse));
    }

    @Test
    void leavesTheOtherCasesToThePackedGemm() {
        if (L != 16) {
            assertFalse(SparseAGemm.suits(true, false, 64, 64, 64, 1f, 1f), "needs 512-bit vectors");
            return;
        }
        assertTrue(SparseAGemm.suits(true, false, 64, 64, 64, 1f, 1f));
        assertTrue(SparseAGemm.suits(false, false, 64, 64, 64, 1f, 0f));
        assertFalse(SparseAGemm.suits(true, true, 64, 64, 64, 1f, 1f), "B transposed");
        assertFalse(SparseAGemm.suits(true, false, 64, 64, 64, 0.5f, 1f), "alpha 0.5");
        assertFalse(SparseAGemm.suits(true, false, 64, 64, 64, 1f, 0.5f), "beta 0.5");
        assertFalse(SparseAGemm.suits(true, false, 64, 64, Blocking.KC + 1, 1f, 1f), "two blocks of depth");
        assertFalse(SparseAGemm.suits(true, false, 64, 8, 64, 1f, 1f), "less than a vector of columns");

        SplittableRandom random = new SplittableRandom(3);
        int m = 50;
        int n = 40;
        int k = 30;
        float[] b = values(random, k * n, 1.0);
        assertFalse(SparseAGemm.pays(2, true, m, n, k, values(random, k * m, 0.4), 0, m, b, 0, n), "40 % nonzero");
        assertFalse(SparseAGemm.pays(2, false, m, n, k, values(random, m * k, 0.4), 0, k, b, 0, n), "40 %, A as is");
        float[] a = values(random, k * m, 0.2);
        assertTrue(SparseAGemm.pays(2, true, m, n, k, a, 0, m, b, 0, n));
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] badB = b.clone();
            badB[k * n - 1] = bad;
            assertFalse(SparseAGemm.pays(2, true, m, n, k, a, 0, m, badB, 0, n), "B holding " + bad);
        }
    }

    /** A share {@code density} nonzero, the rest zeros of both signs. */
    private static float[] values(SplittableRandom random, int size, double density) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = random.nextDouble() < density ? (float) (random.nextDouble() * 2 - 1)
                    : random.nextBoolean() ? 0f : -0f;
        }
        return v;
    }
}
