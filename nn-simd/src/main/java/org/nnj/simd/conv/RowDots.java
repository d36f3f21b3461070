package org.nnj.simd.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.species.Lanes;
import org.nnj.simd.species.Species;

/**
 * {@code C[i, j] += dot(A row i, B row j)} for a small {@code C} and long rows: the weight gradient of a
 * convolution with few weights ({@code dW[out, patch] += dY[out, Q] * col[patch, Q]^T}, with {@code Q} in
 * the tens of thousands). A GEMM handles this shape badly: its register tile is 64 columns wide, so a
 * patch of 25 fills 25 of them, and it has to transpose {@code col} while packing it.
 *
 * <p>Here both operands are read as they lie, along the rows: a tile of {@value #TM} rows of A by
 * {@value #TN} rows of B keeps {@code TM * TN} vector accumulators over the whole length, loading
 * {@code TM + TN} vectors per {@code TM * TN} fused multiply-adds, and reduces them once at the end. Edge
 * tiles repeat the last row instead of branching, and drop the repeated results.
 */
final class RowDots {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;
    static final int TM = 3;
    static final int TN = 4;

    private RowDots() {
    }

    /**
     * For {@code i < m}, {@code j < n}: {@code c[cOff + i * ldc + j] += } the sum over {@code k < len} of
     * {@code a[aOff + i * lda + k] * b[bOff + j * ldb + k]}.
     */
    static void accumulate(int m, int n, int len, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                           float[] c, int cOff, int ldc) {
        for (int i0 = 0; i0 < m; i0 += TM) {
            int rows = Math.min(TM, m - i0);
            int a0 = aOff + i0 * lda;
            int a1 = aOff + Math.min(i0 + 1, m - 1) * lda;
            int a2 = aOff + Math.min(i0 + 2, m - 1) * lda;
            for (int j0 = 0; j0 < n; j0 += TN) {
                int cols = Math.min(TN, n - j0);
                int b0 = bOff + j0 * ldb;
                int b1 = bOff + Math.min(j0 + 1, n - 1) * ldb;
                int b2 = bOff + Math.min(j0 + 2, n - 1) * ldb;
                int b3 = bOff + Math.min(j0 + 3, n - 1) * ldb;
                tile(len, a, a0, a1, a2, b, b0, b1, b2, b3, c, cOff + i0 * ldc + j0, ldc, rows, cols);
            }
        }
    }

    /**
     * One tile: the rows of A at {@code a0, a1, a2} against the rows of B at {@code b0 ... b3}, added to the
     * first {@code rows x cols} of the tile at {@code c[ci]}. The accumulators live in one flat loop (as in
     * the GEMM's micro-kernel), which is what lets every JIT keep them in registers; the tail is scalar.
     */
    private static void tile(int len, float[] a, int a0, int a1, int a2, float[] b, int b0, int b1, int b2, int b3,
                             float[] c, int ci, int ldc, int rows, int cols) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c02 = FloatVector.zero(S);
        FloatVector c03 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c12 = FloatVector.zero(S);
        FloatVector c13 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c22 = FloatVector.zero(S);
        FloatVector c23 = FloatVector.zero(S);
        int full = S.loopBound(len);
        for (int k = 0; k < full; k += L) {
            FloatVector va0 = FloatVector.fromArray(S, a, a0 + k);
            FloatVector va1 = FloatVector.fromArray(S, a, a1 + k);
            FloatVector va2 = FloatVector.fromArray(S, a, a2 + k);
            FloatVector vb = FloatVector.fromArray(S, b, b0 + k);
            c00 = va0.fma(vb, c00);
            c10 = va1.fma(vb, c10);
            c20 = va2.fma(vb, c20);
            vb = FloatVector.fromArray(S, b, b1 + k);
            c01 = va0.fma(vb, c01);
            c11 = va1.fma(vb, c11);
            c21 = va2.fma(vb, c21);
            vb = FloatVector.fromArray(S, b, b2 + k);
            c02 = va0.fma(vb, c02);
            c12 = va1.fma(vb, c12);
            c22 = va2.fma(vb, c22);
            vb = FloatVector.fromArray(S, b, b3 + k);
            c03 = va0.fma(vb, c03);
            c13 = va1.fma(vb, c13);
            c23 = va2.fma(vb, c23);
        }
        int ci1 = ci + ldc;
        int ci2 = ci + 2 * ldc;
        put(c, ci, c00, a, a0, b, b0, full, len);
        if (cols > 1) {
            put(c, ci + 1, c01, a, a0, b, b1, full, len);
        }
        if (cols > 2) {
            put(c, ci + 2, c02, a, a0, b, b2, full, len);
        }
        if (cols > 3) {
            put(c, ci + 3, c03, a, a0, b, b3, full, len);
        }
        if (rows > 1) {
            put(c, ci1, c10, a, a1, b, b0, full, len);
            if (cols > 1) {
                put(c, ci1 + 1, c11, a, a1, b, b1, full, len);
            }
            if (cols > 2) {
                put(c, ci1 + 2, c12, a, a1, b, b2, full, len);
            }
            if (cols > 3) {
                put(c, ci1 + 3, c13, a, a1, b, b3, full, len);
            }
        }
        if (rows > 2) {
            put(c, ci2, c20, a, a2, b, b0, full, len);
            if (cols > 1) {
                put(c, ci2 + 1, c21, a, a2, b, b1, full, len);
            }
            if (cols > 2) {
                put(c, ci2 + 2, c22, a, a2, b, b2, full, len);
            }
            if (cols > 3) {
                put(c, ci2 + 3, c23, a, a2, b, b3, full, len);
            }
        }
    }

    /** {@code c[at] +=} the lanes of {@code acc} plus the scalar tail {@code [full, len)} of the two rows. */
    private static void put(float[] c, int at, FloatVector acc, float[] a, int ar, float[] b, int br, int full,
                            int len) {
        float s = Lanes.sum(acc);
        for (int k = full; k < len; k++) {
            s += a[ar + k] * b[br + k];
        }
        c[at] += s;
    }
}
