package org.nnj.simd.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.species.Species;

/**
 * The direct path for calls too small for packing to pay: no copies, vectors taken straight from the
 * operands, one row of C at a time.
 *
 * <p>Without {@code transB}, a row of C is built from rows of B ({@code C[i, :] += A(i, p) * B[p, :]})
 * with the accumulators in registers across all of {@code k}; with {@code transB}, each element is a dot
 * product of two rows vectorised along {@code k}. Tails are scalar.
 */
final class SmallGemm {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;
    /** Up to this many multiply-adds (about 25^3) the direct path is used: packing costs more than it saves. */
    private static final long MAX_WORK = 1L << 14;

    private SmallGemm() {
    }

    static boolean prefers(int m, int n, int k) {
        return (long) m * n * k <= MAX_WORK;
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        // The steps between consecutive elements of a row and of a column of op(A).
        int aRow = transA ? 1 : lda;
        int aCol = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * aRow;
            int ci = cOff + i * ldc;
            if (transB) {
                rowByDots(k, n, alpha, a, ai, aCol, b, bOff, ldb, beta, c, ci);
            } else {
                rowByAxpy(k, n, alpha, a, ai, aCol, b, bOff, ldb, beta, c, ci);
            }
        }
    }

    /** {@code C[i, :] = alpha * sum_p A(i, p) * B[p, :] + beta * C[i, :]}, B not transposed. */
    private static void rowByAxpy(int k, int n, float alpha, float[] a, int ai, int aStep,
                                  float[] b, int bOff, int ldb, float beta, float[] c, int ci) {
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            FloatVector acc0 = FloatVector.zero(S);
            FloatVector acc1 = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                FloatVector av = FloatVector.broadcast(S, a[ai + p * aStep]);
                int bp = bOff + p * ldb + j;
                acc0 = av.fma(FloatVector.fromArray(S, b, bp), acc0);
                acc1 = av.fma(FloatVector.fromArray(S, b, bp + L), acc1);
            }
            store(acc0, alpha, beta, c, ci + j);
            store(acc1, alpha, beta, c, ci + j + L);
        }
        for (; j + L <= n; j += L) {
            FloatVector acc = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                acc = FloatVector.broadcast(S, a[ai + p * aStep]).fma(FloatVector.fromArray(S, b, bOff + p * ldb + j), acc);
            }
            store(acc, alpha, beta, c, ci + j);
        }
        for (; j < n; j++) {
            float s = 0f;
            for (int p = 0; p < k; p++) {
                s += a[ai + p * aStep] * b[bOff + p * ldb + j];
            }
            c[ci + j] = beta == 0f ? alpha * s : alpha * s + beta * c[ci + j];
        }
    }

    /** {@code C[i, j] = alpha * dot(op(A)[i, :], B[j, :]) + beta * C[i, j]}, B transposed. */
    private static void rowByDots(int k, int n, float alpha, float[] a, int ai, int aStep,
                                  float[] b, int bOff, int ldb, float beta, float[] c, int ci) {
        for (int j = 0; j < n; j++) {
            int bj = bOff + j * ldb;
            float s;
            if (aStep == 1) {
                s = dot(a, ai, b, bj, k);
            } else {
                s = 0f;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p * aStep] * b[bj + p];
                }
            }
            c[ci + j] = beta == 0f ? alpha * s : alpha * s + beta * c[ci + j];
        }
    }

    private static float dot(float[] x, int xi, float[] y, int yi, int k) {
        int p = 0;
        float s = 0f;
        if (k >= L) {
            FloatVector acc = FloatVector.zero(S);
            for (; p + L <= k; p += L) {
                acc = FloatVector.fromArray(S, x, xi + p).fma(FloatVector.fromArray(S, y, yi + p), acc);
            }
            s = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; p < k; p++) {
            s += x[xi + p] * y[yi + p];
        }
        return s;
    }

    private static void store(FloatVector acc, float alpha, float beta, float[] c, int i) {
        FloatVector r = acc.mul(alpha);
        if (beta != 0f) {
            r = FloatVector.fromArray(S, c, i).fma(FloatVector.broadcast(S, beta), r);
        }
        r.intoArray(c, i);
    }
}
