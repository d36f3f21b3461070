package org.nnj.simd.gemm;

import static org.nnj.simd.gemm.Blocking.MR;
import static org.nnj.simd.gemm.Blocking.NR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.species.Species;

/**
 * The register-tiled heart of the GEMM: {@code C[0:MR, 0:NR] = alpha * Ap * Bp + beta * C} for one sliver
 * of packed A ({@code kc} columns of {@link Blocking#MR} values) and one sliver of packed B ({@code kc}
 * rows of {@link Blocking#NR} values).
 *
 * <p>Every step of the k loop loads two vectors of B, broadcasts six values of A and issues twelve
 * independent FMAs into twelve accumulators, enough to keep both FMA pipes busy through their latency.
 * The loop has no masks and no branches: the driver pads the panels with zeros and sends edge tiles to
 * a scratch tile instead of C.
 */
final class MicroKernel {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;

    private MicroKernel() {
    }

    /**
     * Multiplies the slivers at {@code a[ai]} and {@code b[bi]} and writes the full tile at {@code c[ci]}
     * (rows {@code ldc} apart). When {@code beta == 0}, C is not read.
     */
    static void kernel(int kc, float[] a, int ai, float[] b, int bi,
                       float[] c, int ci, int ldc, float alpha, float beta) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * MR;
            int bp = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ap + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ap + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        FloatVector va = FloatVector.broadcast(S, alpha);
        if (beta == 0f) {
            c00.mul(va).intoArray(c, ci);
            c01.mul(va).intoArray(c, ci + L);
            c10.mul(va).intoArray(c, ci + ldc);
            c11.mul(va).intoArray(c, ci + ldc + L);
            c20.mul(va).intoArray(c, ci + 2 * ldc);
            c21.mul(va).intoArray(c, ci + 2 * ldc + L);
            c30.mul(va).intoArray(c, ci + 3 * ldc);
            c31.mul(va).intoArray(c, ci + 3 * ldc + L);
            c40.mul(va).intoArray(c, ci + 4 * ldc);
            c41.mul(va).intoArray(c, ci + 4 * ldc + L);
            c50.mul(va).intoArray(c, ci + 5 * ldc);
            c51.mul(va).intoArray(c, ci + 5 * ldc + L);
        } else {
            FloatVector vb = FloatVector.broadcast(S, beta);
            update(c00, va, vb, c, ci);
            update(c01, va, vb, c, ci + L);
            update(c10, va, vb, c, ci + ldc);
            update(c11, va, vb, c, ci + ldc + L);
            update(c20, va, vb, c, ci + 2 * ldc);
            update(c21, va, vb, c, ci + 2 * ldc + L);
            update(c30, va, vb, c, ci + 3 * ldc);
            update(c31, va, vb, c, ci + 3 * ldc + L);
            update(c40, va, vb, c, ci + 4 * ldc);
            update(c41, va, vb, c, ci + 4 * ldc + L);
            update(c50, va, vb, c, ci + 5 * ldc);
            update(c51, va, vb, c, ci + 5 * ldc + L);
        }
    }

    /** {@code c = alpha * acc + beta * c} for one vector of C. */
    private static void update(FloatVector acc, FloatVector va, FloatVector vb, float[] c, int i) {
        FloatVector.fromArray(S, c, i).fma(vb, acc.mul(va)).intoArray(c, i);
    }
}
