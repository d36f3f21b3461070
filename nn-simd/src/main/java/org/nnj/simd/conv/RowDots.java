package org.nnj.simd.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * tiles repeat the last row instead of branching, and drop the repeated results. The rows may come in
 * {@code segments} of {@code len} floats at fixed steps ({@code aStep}, {@code bStep}), so that the output
 * gradients of several images are read in place rather than gathered first.
 */
final class RowDots {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;
    static final int TM = 3;
    static final int TN = 4;

    private RowDots() {
    }

    /**
     * For {@code i < m}, {@code j < n}: {@code c[cOff + i * ldc + j] += } the sum over segments {@code s} and
     * {@code k < len} of {@code a[aOff + s * aStep + i * lda + k] * b[bOff + s * bStep + j * ldb + k]}.
     */
    static void accumulate(int m, int n, int segments, int len,
                           float[] a, int aOff, int lda, int aStep,
                           float[] b, int bOff, int ldb, int bStep,
                           float[] c, int cOff, int ldc) {
        int full = S.loopBound(len);
        VectorMask<Float> tail = S.indexInRange(full, len);
        for (int i0 = 0; i0 < m; i0 += TM) {
            int a0 = aOff + Math.min(i0, m - 1) * lda;
            int a1 = aOff + Math.min(i0 + 1, m - 1) * lda;
            int a2 = aOff + Math.min(i0 + 2, m - 1) * lda;
            for (int j0 = 0; j0 < n; j0 += TN) {
                int b0 = bOff + Math.min(j0, n - 1) * ldb;
                int b1 = bOff + Math.min(j0 + 1, n - 1) * ldb;
                int b2 = bOff + Math.min(j0 + 2, n - 1) * ldb;
                int b3 = bOff + Math.min(j0 + 3, n - 1) * ldb;
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
                for (int s = 0; s < segments; s++) {
                    int as = s * aStep;
                    int bs = s * bStep;
                    for (int k = 0; k < full; k += L) {
                        FloatVector va0 = FloatVector.fromArray(S, a, a0 + as + k);
                        FloatVector va1 = FloatVector.fromArray(S, a, a1 + as + k);
                        FloatVector va2 = FloatVector.fromArray(S, a, a2 + as + k);
                        FloatVector vb = FloatVector.fromArray(S, b, b0 + bs + k);
                        c00 = va0.fma(vb, c00);
                        c10 = va1.fma(vb, c10);
                        c20 = va2.fma(vb, c20);
                        vb = FloatVector.fromArray(S, b, b1 + bs + k);
                        c01 = va0.fma(vb, c01);
                        c11 = va1.fma(vb, c11);
                        c21 = va2.fma(vb, c21);
                        vb = FloatVector.fromArray(S, b, b2 + bs + k);
                        c02 = va0.fma(vb, c02);
                        c12 = va1.fma(vb, c12);
                        c22 = va2.fma(vb, c22);
                        vb = FloatVector.fromArray(S, b, b3 + bs + k);
                        c03 = va0.fma(vb, c03);
                        c13 = va1.fma(vb, c13);
                        c23 = va2.fma(vb, c23);
                    }
                    if (full < len) {
                        // The tail: lanes past the row load as zero on one side, so they add nothing.
                        FloatVector va0 = FloatVector.fromArray(S, a, a0 + as + full, tail);
                        FloatVector va1 = FloatVector.fromArray(S, a, a1 + as + full, tail);
                        FloatVector va2 = FloatVector.fromArray(S, a, a2 + as + full, tail);
                        FloatVector vb = FloatVector.fromArray(S, b, b0 + bs + full, tail);
                        c00 = va0.fma(vb, c00);
                        c10 = va1.fma(vb, c10);
                        c20 = va2.fma(vb, c20);
                        vb = FloatVector.fromArray(S, b, b1 + bs + full, tail);
                        c01 = va0.fma(vb, c01);
                        c11 = va1.fma(vb, c11);
                        c21 = va2.fma(vb, c21);
                        vb = FloatVector.fromArray(S, b, b2 + bs + full, tail);
                        c02 = va0.fma(vb, c02);
                        c12 = va1.fma(vb, c12);
                        c22 = va2.fma(vb, c22);
                        vb = FloatVector.fromArray(S, b, b3 + bs + full, tail);
                        c03 = va0.fma(vb, c03);
                        c13 = va1.fma(vb, c13);
                        c23 = va2.fma(vb, c23);
                    }
                }
                int ci = cOff + i0 * ldc + j0;
                int rows = Math.min(TM, m - i0);
                int cols = Math.min(TN, n - j0);
                add(c, ci, cols, c00, c01, c02, c03);
                if (rows > 1) {
                    add(c, ci + ldc, cols, c10, c11, c12, c13);
                }
                if (rows > 2) {
                    add(c, ci + 2 * ldc, cols, c20, c21, c22, c23);
                }
            }
        }
    }

    /** Adds the sums of the first {@code cols} accumulators to {@code c[ci ...]}. */
    private static void add(float[] c, int ci, int cols, FloatVector v0, FloatVector v1, FloatVector v2,
                            FloatVector v3) {
        c[ci] += v0.reduceLanes(VectorOperators.ADD);
        if (cols > 1) {
            c[ci + 1] += v1.reduceLanes(VectorOperators.ADD);
        }
        if (cols > 2) {
            c[ci + 2] += v2.reduceLanes(VectorOperators.ADD);
        }
        if (cols > 3) {
            c[ci + 3] += v3.reduceLanes(VectorOperators.ADD);
        }
    }
}
