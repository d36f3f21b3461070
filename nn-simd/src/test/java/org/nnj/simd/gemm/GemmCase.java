package org.nnj.simd.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nnj.api.backend.ComputeBackend;

/**
 * One GEMM call laid out the awkward way: every matrix at a non-zero offset, with a leading dimension
 * larger than its width, surrounded by sentinel values that must survive. Checks a backend's result
 * against a double-precision product computed here and against a second backend (the oracle).
 */
final class GemmCase {
    /** What lies outside every matrix: must be left untouched. */
    static final float SENTINEL = -1234.5f;

    final boolean transA;
    final boolean transB;
    final int m;
    final int n;
    final int k;
    final float alpha;
    final float beta;
    final float[] a;
    final float[] b;
    final float[] c;
    final int aOff;
    final int bOff;
    final int cOff;
    final int lda;
    final int ldb;
    final int ldc;

    GemmCase(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta, long seed) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        SplittableRandom random = new SplittableRandom(seed);
        int rowsA = transA ? k : m;
        int colsA = transA ? m : k;
        int rowsB = transB ? n : k;
        int colsB = transB ? k : n;
        lda = colsA + 1 + random.nextInt(5);
        ldb = colsB + 1 + random.nextInt(5);
        ldc = n + 1 + random.nextInt(5);
        aOff = 1 + random.nextInt(7);
        bOff = 1 + random.nextInt(7);
        cOff = 1 + random.nextInt(7);
        a = matrix(random, aOff, rowsA, colsA, lda, false);
        b = matrix(random, bOff, rowsB, colsB, ldb, false);
        // beta == 0: C must be written without being read, so NaN in it must not survive.
        c = matrix(random, cOff, m, n, ldc, beta == 0f);
    }

    private static float[] matrix(SplittableRandom random, int off, int rows, int cols, int ld, boolean nan) {
        float[] x = new float[off + rows * ld + 3];
        Arrays.fill(x, SENTINEL);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                x[off + i * ld + j] = nan ? Float.NaN : (float) (random.nextDouble() * 2 - 1);
            }
        }
        return x;
    }

    /** A fresh copy of C, for one backend to write into. */
    float[] runOn(ComputeBackend backend) {
        float[] out = c.clone();
        backend.gemm(transA, transB, m, n, k, alpha, a.clone(), aOff, lda, b.clone(), bOff, ldb, beta, out, cOff, ldc);
        return out;
    }

    double opA(int i, int p) {
        return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    double opB(int p, int j) {
        return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    /**
     * Checks {@code actual} element by element against the exact product (in double) and against
     * {@code oracle}, within the float32 rounding bound of a length-k sum: {@code (k + 2) * 2^-24} times
     * the sum of the magnitudes of the terms (twice that between the two float results); and checks that
     * every element outside C still holds the sentinel.
     */
    void check(String label, float[] actual, float[] oracle) {
        for (int idx = 0; idx < actual.length; idx++) {
            int rel = idx - cOff;
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside && Float.floatToRawIntBits(actual[idx]) != Float.floatToRawIntBits(c[idx])) {
                fail(label + ": element " + idx + " outside C changed from " + c[idx] + " to " + actual[idx]);
            }
        }
        double eps = Math.ulp(1f) / 2;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double t = opA(i, p) * opB(p, j);
                    exact += t;
                    magnitude += Math.abs(t);
                }
                double c0 = beta == 0f ? 0 : c[cOff + i * ldc + j];
                exact = alpha * exact + beta * c0;
                magnitude = Math.abs(alpha) * magnitude + Math.abs(beta * c0);
                double bound = (k + 2) * eps * magnitude + Float.MIN_NORMAL;
                float got = actual[cOff + i * ldc + j];
                if (!(Math.abs(got - exact) <= bound)) {
                    fail(label + ": C[" + i + "," + j + "] = " + got + ", exact " + exact + ", bound " + bound);
                }
                float ref = oracle[cOff + i * ldc + j];
                if (!(Math.abs(got - ref) <= 2 * bound)) {
                    fail(label + ": C[" + i + "," + j + "] = " + got + ", oracle " + ref + ", bound " + 2 * bound);
                }
            }
        }
        assertEquals(oracle.length, actual.length);
    }

    @Override
    public String toString() {
        return (transA ? "T" : "N") + (transB ? "T" : "N") + " " + m + "x" + n + "x" + k
                + " alpha=" + alpha + " beta=" + beta + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc;
    }
}
