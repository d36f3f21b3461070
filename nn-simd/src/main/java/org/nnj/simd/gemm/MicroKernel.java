package org.nnj.simd.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.species.Species;

/**
 * The register-tiled heart of the GEMM: {@code C[0:MR, 0:NR] = alpha * Ap * Bp + beta * C} for one sliver
 * of packed A ({@code kc} columns of {@link Blocking#MR} values) and one sliver of packed B ({@code kc}
 * rows of {@link Blocking#NR} values).
 *
 * <p>Two tiles, chosen once by {@link Blocking#NV}: 6 rows by 4 vectors where the CPU has 32 vector
 * registers (AVX-512: 24 accumulators, 4 vectors of B and a broadcast of A), 6 rows by 2 vectors where it
 * has 16 (AVX2: 12 accumulators). Every step of the k loop loads NV vectors of B, broadcasts six values of
 * A and issues {@code 6 * NV} independent FMAs, enough to keep both FMA pipes busy through their latency
 * with few loads per FMA. The loop has no masks and no branches: the driver pads the panels with zeros
 * and sends edge tiles to a scratch tile instead of C.
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
        // A constant: the JIT keeps one branch and inlines it.
        if (Blocking.NV == 4) {
            kernel6x4(kc, a, ai, b, bi, c, ci, ldc, alpha, beta);
        } else {
            kernel6x2(kc, a, ai, b, bi, c, ci, ldc, alpha, beta);
        }
    }

    private static void kernel6x4(int kc, float[] a, int ai, float[] b, int bi,
            float[] c, int ci, int ldc, float alpha, float beta) {
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
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c32 = FloatVector.zero(S);
        FloatVector c33 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c42 = FloatVector.zero(S);
        FloatVector c43 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        FloatVector c52 = FloatVector.zero(S);
        FloatVector c53 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * 6;
            int bp = bi + p * 4 * L;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            c13 = a1.fma(b3, c13);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            c23 = a2.fma(b3, c23);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            c33 = a3.fma(b3, c33);
            FloatVector a4 = FloatVector.broadcast(S, a[ap + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c42 = a4.fma(b2, c42);
            c43 = a4.fma(b3, c43);
            FloatVector a5 = FloatVector.broadcast(S, a[ap + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            c52 = a5.fma(b2, c52);
            c53 = a5.fma(b3, c53);
        }
        FloatVector va = FloatVector.broadcast(S, alpha);
        if (beta == 0f) {
            c00.mul(va).intoArray(c, ci);
            c01.mul(va).intoArray(c, ci + L);
            c02.mul(va).intoArray(c, ci + 2 * L);
            c03.mul(va).intoArray(c, ci + 3 * L);
            c10.mul(va).intoArray(c, ci + ldc);
            c11.mul(va).intoArray(c, ci + ldc + L);
            c12.mul(va).intoArray(c, ci + ldc + 2 * L);
            c13.mul(va).intoArray(c, ci + ldc + 3 * L);
            c20.mul(va).intoArray(c, ci + 2 * ldc);
            c21.mul(va).intoArray(c, ci + 2 * ldc + L);
            c22.mul(va).intoArray(c, ci + 2 * ldc + 2 * L);
            c23.mul(va).intoArray(c, ci + 2 * ldc + 3 * L);
            c30.mul(va).intoArray(c, ci + 3 * ldc);
            c31.mul(va).intoArray(c, ci + 3 * ldc + L);
            c32.mul(va).intoArray(c, ci + 3 * ldc + 2 * L);
            c33.mul(va).intoArray(c, ci + 3 * ldc + 3 * L);
            c40.mul(va).intoArray(c, ci + 4 * ldc);
            c41.mul(va).intoArray(c, ci + 4 * ldc + L);
            c42.mul(va).intoArray(c, ci + 4 * ldc + 2 * L);
            c43.mul(va).intoArray(c, ci + 4 * ldc + 3 * L);
            c50.mul(va).intoArray(c, ci + 5 * ldc);
            c51.mul(va).intoArray(c, ci + 5 * ldc + L);
            c52.mul(va).intoArray(c, ci + 5 * ldc + 2 * L);
            c53.mul(va).intoArray(c, ci + 5 * ldc + 3 * L);
        } else {
            FloatVector vb = FloatVector.broadcast(S, beta);
            update(c00, va, vb, c, ci);
            update(c01, va, vb, c, ci + L);
            update(c02, va, vb, c, ci + 2 * L);
            update(c03, va, vb, c, ci + 3 * L);
            update(c10, va, vb, c, ci + ldc);
            update(c11, va, vb, c, ci + ldc + L);
            update(c12, va, vb, c, ci + ldc + 2 * L);
            update(c13, va, vb, c, ci + ldc + 3 * L);
            update(c20, va, vb, c, ci + 2 * ldc);
            update(c21, va, vb, c, ci + 2 * ldc + L);
            update(c22, va, vb, c, ci + 2 * ldc + 2 * L);
            update(c23, va, vb, c, ci + 2 * ldc + 3 * L);
            update(c30, va, vb, c, ci + 3 * ldc);
            update(c31, va, vb, c, ci + 3 * ldc + L);
            update(c32, va, vb, c, ci + 3 * ldc + 2 * L);
            update(c33, va, vb, c, ci + 3 * ldc + 3 * L);
            update(c40, va, vb, c, ci + 4 * ldc);
            update(c41, va, vb, c, ci + 4 * ldc + L);
            update(c42, va, vb, c, ci + 4 * ldc + 2 * L);
            update(c43, va, vb, c, ci + 4 * ldc + 3 * L);
            update(c50, va, vb, c, ci + 5 * ldc);
            update(c51, va, vb, c, ci + 5 * ldc + L);
            update(c52, va, vb, c, ci + 5 * ldc + 2 * L);
            update(c53, va, vb, c, ci + 5 * ldc + 3 * L);
        }
    }

    private static void kernel6x2(int kc, float[] a, int ai, float[] b, int bi,
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
            int ap = ai + p * 6;
            int bp = bi + p * 2 * L;
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
