package org.nnj.simd.gemm;

import static org.nnj.simd.gemm.Blocking.MR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.species.Species;

/**
 * Copies an {@code mc x kc} block of {@code op(A)} into slivers of {@link Blocking#MR} rows: sliver
 * {@code s} holds, for each {@code p} in turn, the {@code MR} values {@code op(A)[s*MR + r, p]}, so the
 * micro-kernel reads A strictly in order. Rows past {@code mc} are zero, which lets the kernel run full
 * tiles at the bottom edge.
 */
final class PackA {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;
    /** Values in one round of gathers: the least common multiple of MR and L (48 for 6 and 16). */
    private static final int ROUND = lcm(MR, L);
    /** Gathers per round. */
    private static final int GATHERS = ROUND / L;
    /** Columns of A per round. */
    private static final int P_ROUND = ROUND / MR;
    /** Per thread: the gather offsets for one round of a sliver of A, and the lda they are for. */
    private static final ThreadLocal<int[]> OFFSETS = ThreadLocal.withInitial(() -> new int[ROUND + 1]);

    private PackA() {
    }

    private static int lcm(int x, int y) {
        int a = x;
        int b = y;
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return x / a * y;
    }

    /** Offset {@code q} of a round is where packed value {@code q} comes from: row q % MR, column q / MR. */
    private static int[] offsets(int lda) {
        int[] o = OFFSETS.get();
        if (o[ROUND] != lda) {
            for (int q = 0; q < ROUND; q++) {
                o[q] = q % MR * lda + q / MR;
            }
            o[ROUND] = lda;
        }
        return o;
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
                if (rows == MR) {
                    gatherRows(a, aOff + (i0 + s) * lda + p0, lda, kc, dst, d);
                } else {
                    packRows(a, aOff + (i0 + s) * lda + p0, lda, rows, kc, dst, d);
                }
            }
        }
    }

    /**
     * A full sliver of untransposed A by gathers: each round of {@code GATHERS} gathers interleaves
     * {@code P_ROUND} columns of the MR rows, about twice as fast as element by element.
     */
    private static void gatherRows(float[] a, int src, int lda, int kc, float[] dst, int d) {
        int[] offsets = offsets(lda);
        int p = 0;
        for (; p + P_ROUND <= kc; p += P_ROUND) {
            int o = d + p * MR;
            for (int g = 0; g < GATHERS; g++) {
                FloatVector.fromArray(S, a, src + p, offsets, g * L).intoArray(dst, o + g * L);
            }
        }
        for (; p < kc; p++) {
            for (int r = 0; r < MR; r++) {
                dst[d + p * MR + r] = a[src + r * lda + p];
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
