package org.nnj.simd.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.species.Lanes;
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
    /** Up to this many multiply-adds (about 50^3) packing costs more than it saves (32^3: 3.5x faster direct). */
    static final long MAX_WORK = 1L << 17;

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
        int i = 0;
        if (!transB) {
            for (; i + 4 <= m; i += 4) {
                fourRows(k, n, alpha, a, aOff + i * aRow, aRow, aCol, b, bOff, ldb, beta, c, cOff + i * ldc, ldc);
            }
        }
        for (; i < m; i++) {
            int ai = aOff + i * aRow;
            int ci = cOff + i * ldc;
            if (transB) {
                rowByDots(k, n, alpha, a, ai, aCol, b, bOff, ldb, beta, c, ci);
            } else {
                rowByAxpy(k, n, alpha, a, ai, aCol, b, bOff, ldb, beta, c, ci);
            }
        }
    }

    /**
     * Four rows of C at once, B not transposed: each vector of B is loaded once for four rows, and the
     * eight accumulators of a 4 x 2-vector block are independent, so the FMAs overlap.
     */
    private static void fourRows(int k, int n, float alpha, float[] a, int ai, int aRow, int aStep,
                                 float[] b, int bOff, int ldb, float beta, float[] c, int ci, int ldc) {
        int a0 = ai;
        int a1 = ai + aRow;
        int a2 = ai + 2 * aRow;
        int a3 = ai + 3 * aRow;
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            FloatVector c00 = FloatVector.zero(S);
            FloatVector c01 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S);
            FloatVector c11 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S);
            FloatVector c21 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S);
            FloatVector c31 = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                int bp = bOff + p * ldb + j;
                FloatVector b0 = FloatVector.fromArray(S, b, bp);
                FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
                int ap = p * aStep;
                FloatVector x0 = FloatVector.broadcast(S, a[a0 + ap]);
                c00 = x0.fma(b0, c00);
                c01 = x0.fma(b1, c01);
                FloatVector x1 = FloatVector.broadcast(S, a[a1 + ap]);
                c10 = x1.fma(b0, c10);
                c11 = x1.fma(b1, c11);
                FloatVector x2 = FloatVector.broadcast(S, a[a2 + ap]);
                c20 = x2.fma(b0, c20);
                c21 = x2.fma(b1, c21);
                FloatVector x3 = FloatVector.broadcast(S, a[a3 + ap]);
                c30 = x3.fma(b0, c30);
                c31 = x3.fma(b1, c31);
            }
            store(c00, alpha, beta, c, ci + j);
            store(c01, alpha, beta, c, ci + j + L);
            store(c10, alpha, beta, c, ci + ldc + j);
            store(c11, alpha, beta, c, ci + ldc + j + L);
            store(c20, alpha, beta, c, ci + 2 * ldc + j);
            store(c21, alpha, beta, c, ci + 2 * ldc + j + L);
            store(c30, alpha, beta, c, ci + 3 * ldc + j);
            store(c31, alpha, beta, c, ci + 3 * ldc + j + L);
        }
        for (; j + L <= n; j += L) {
            FloatVector c0 = FloatVector.zero(S);
            FloatVector c1 = FloatVector.zero(S);
            FloatVector c2 = FloatVector.zero(S);
            FloatVector c3 = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                FloatVector bv = FloatVector.fromArray(S, b, bOff + p * ldb + j);
                int ap = p * aStep;
                c0 = FloatVector.broadcast(S, a[a0 + ap]).fma(bv, c0);
                c1 = FloatVector.broadcast(S, a[a1 + ap]).fma(bv, c1);
                c2 = FloatVector.broadcast(S, a[a2 + ap]).fma(bv, c2);
                c3 = FloatVector.broadcast(S, a[a3 + ap]).fma(bv, c3);
            }
            store(c0, alpha, beta, c, ci + j);
            store(c1, alpha, beta, c, ci + ldc + j);
            store(c2, alpha, beta, c, ci + 2 * ldc + j);
            store(c3, alpha, beta, c, ci + 3 * ldc + j);
        }
        for (; j < n; j++) {
            for (int r = 0; r < 4; r++) {
                float s = 0f;
                int ar = ai + r * aRow;
                for (int p = 0; p < k; p++) {
                    s += a[ar + p * aStep] * b[bOff + p * ldb + j];
                }
                int o = ci + r * ldc + j;
                c[o] = beta == 0f ? alpha * s : alpha * s + beta * c[o];
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
                FloatVector bv = FloatVector.fromArray(S, b, bOff + p * ldb + j);
                acc = FloatVector.broadcast(S, a[ai + p * aStep]).fma(bv, acc);
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
            s = Lanes.sum(acc);
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
