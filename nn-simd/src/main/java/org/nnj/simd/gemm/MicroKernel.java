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
     * (rows {@code ldc} apart). When {@code beta == 0}, C is not read. {@code acc} is scratch space for
     * {@code MR * NR} floats.
     */
    static void kernel(int kc, float[] a, int ai, float[] b, int bi,
                       float[] c, int ci, int ldc, float alpha, float beta, float[] acc) {
        // A constant: the JIT keeps one branch and inlines it.
        if (Blocking.NV == 4) {
            kernel6x4(kc, a, ai, b, bi, c, ci, ldc, alpha, beta, acc);
        } else {
            kernel6x2(kc, a, ai, b, bi, c, ci, ldc, alpha, beta, acc);
        }
    }

    private static void kernel6x4(int kc, float[] a, int ai, float[] b, int bi,
            float[] c, int ci, int ldc, float alpha, float beta, float[] acc) {
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
        // The tile goes through a small array: one short method applies alpha and beta, which keeps
        // this method small enough for C1 (see store).
        c00.intoArray(acc, 0);
        c01.intoArray(acc, 1 * L);
        c02.intoArray(acc, 2 * L);
        c03.intoArray(acc, 3 * L);
        c10.intoArray(acc, 4 * L);
        c11.intoArray(acc, 5 * L);
        c12.intoArray(acc, 6 * L);
        c13.intoArray(acc, 7 * L);
        c20.intoArray(acc, 8 * L);
        c21.intoArray(acc, 9 * L);
        c22.intoArray(acc, 10 * L);
        c23.intoArray(acc, 11 * L);
        c30.intoArray(acc, 12 * L);
        c31.intoArray(acc, 13 * L);
        c32.intoArray(acc, 14 * L);
        c33.intoArray(acc, 15 * L);
        c40.intoArray(acc, 16 * L);
        c41.intoArray(acc, 17 * L);
        c42.intoArray(acc, 18 * L);
        c43.intoArray(acc, 19 * L);
        c50.intoArray(acc, 20 * L);
        c51.intoArray(acc, 21 * L);
        c52.intoArray(acc, 22 * L);
        c53.intoArray(acc, 23 * L);
        store(acc, 4, c, ci, ldc, alpha, beta);
    }

    private static void kernel6x2(int kc, float[] a, int ai, float[] b, int bi,
            float[] c, int ci, int ldc, float alpha, float beta, float[] acc) {
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
        // The tile goes through a small array: one short method applies alpha and beta, which keeps
        // this method small enough for C1 (see store).
        c00.intoArray(acc, 0);
        c01.intoArray(acc, 1 * L);
        c10.intoArray(acc, 2 * L);
        c11.intoArray(acc, 3 * L);
        c20.intoArray(acc, 4 * L);
        c21.intoArray(acc, 5 * L);
        c30.intoArray(acc, 6 * L);
        c31.intoArray(acc, 7 * L);
        c40.intoArray(acc, 8 * L);
        c41.intoArray(acc, 9 * L);
        c50.intoArray(acc, 10 * L);
        c51.intoArray(acc, 11 * L);
        store(acc, 2, c, ci, ldc, alpha, beta);
    }

    /**
     * {@code C = alpha * acc + beta * C} for the {@code MR x nv} vectors of a tile held in {@code acc}.
     * The kernels hand their accumulators over through this array rather than applying alpha and beta
     * themselves: that keeps them small enough for C1, JDK 17's C1 cannot allocate registers for the
     * 6 x 4 kernel otherwise, and its failed compile can leave the kernel running in slow C1 code for
     * seconds instead of moving on to C2.
     */
    private static void store(float[] acc, int nv, float[] c, int ci, int ldc, float alpha, float beta) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        FloatVector vb = FloatVector.broadcast(S, beta);
        for (int r = 0; r < Blocking.MR; r++) {
            for (int v = 0; v < nv; v++) {
                FloatVector x = FloatVector.fromArray(S, acc, (r * nv + v) * L).mul(va);
                int o = ci + r * ldc + v * L;
                if (beta != 0f) {
                    x = FloatVector.fromArray(S, c, o).fma(vb, x);
                }
                x.intoArray(c, o);
            }
        }
    }
}
