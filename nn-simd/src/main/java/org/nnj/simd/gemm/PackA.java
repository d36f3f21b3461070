package org.nnj.simd.gemm;

import static org.nnj.simd.gemm.Blocking.MR;

/**
 * Copies an {@code mc x kc} block of {@code op(A)} into slivers of {@link Blocking#MR} rows: sliver
 * {@code s} holds, for each {@code p} in turn, the {@code MR} values {@code op(A)[s*MR + r, p]}, so the
 * micro-kernel reads A strictly in order. Rows past {@code mc} are zero, which lets the kernel run full
 * tiles at the bottom edge.
 */
final class PackA {
    private PackA() {
    }

    /**
     * Packs rows {@code [i0, i0 + mc)} and columns {@code [p0, p0 + kc)} of {@code op(A)} into
     * {@code dst[0 : ceil(mc / MR) * MR * kc]}.
     */
    static void pack(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] dst) {
        for (int s = 0, d = 0; s < mc; s += MR, d += MR * kc) {
            int rows = Math.min(MR, mc - s);
            if (transA) {
                // op(A)[i, p] = a[p * lda + i]: each p gives MR consecutive values.
                packTransposed(a, aOff + p0 * lda + i0 + s, lda, rows, kc, dst, d);
            } else {
                // op(A)[i, p] = a[i * lda + p]: each row is consecutive in p.
                packRows(a, aOff + (i0 + s) * lda + p0, lda, rows, kc, dst, d);
            }
        }
    }

    private static void packRows(float[] a, int src, int lda, int rows, int kc, float[] dst, int d) {
        // Row by row: consecutive reads, and the writes of one row land MR floats apart.
        for (int r = 0; r < rows; r++) {
            int ar = src + r * lda;
            for (int p = 0; p < kc; p++) {
                dst[d + p * MR + r] = a[ar + p];
            }
        }
        for (int r = rows; r < MR; r++) {
            for (int p = 0; p < kc; p++) {
                dst[d + p * MR + r] = 0f;
            }
        }
    }

    private static void packTransposed(float[] a, int src, int lda, int rows, int kc, float[] dst, int d) {
        for (int p = 0; p < kc; p++) {
            int o = d + p * MR;
            int ap = src + p * lda;
            for (int r = 0; r < rows; r++) {
                dst[o + r] = a[ap + r];
            }
            for (int r = rows; r < MR; r++) {
                dst[o + r] = 0f;
            }
        }
    }
}
