package org.nnj.simd.gemm;

import static org.nnj.simd.gemm.Blocking.NR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.species.Species;

/**
 * Copies a {@code kc x nc} block of {@code op(B)} into slivers of {@link Blocking#NR} columns: sliver
 * {@code t} holds, for each {@code p} in turn, the {@code NR} values {@code op(B)[p, t*NR + j]}, exactly
 * the vectors the micro-kernel loads. Columns past {@code nc} are zero.
 */
final class PackB {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;

    private PackB() {
    }

    /**
     * Packs rows {@code [p0, p0 + kc)} and columns {@code [j0, j0 + nc)} of {@code op(B)} into
     * {@code dst[d0 : d0 + ceil(nc / NR) * NR * kc]}. Threads that share one packed panel each pack
     * their slivers of it: sliver {@code t} of the panel starts at {@code d0 = t * NR * kc}.
     */
    static void pack(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                     float[] dst, int d0) {
        if (!transB) {
            // op(B)[p, j] = b[p * ldb + j]: row by row across all slivers, so that each row of B is read
            // from start to end (the prefetchers follow it; sliver by sliver, every row would be a jump of
            // ldb and the reads would wait on memory).
            packRows(b, bOff + p0 * ldb + j0, ldb, kc, nc, dst, d0);
            return;
        }
        for (int t = 0, d = d0; t < nc; t += NR, d += NR * kc) {
            // op(B)[p, j] = b[j * ldb + p]: each column of op(B) is consecutive in p.
            int cols = Math.min(NR, nc - t);
            if (cols == NR) {
                gatherColumns(b, bOff + (j0 + t) * ldb + p0, ldb, kc, dst, d, strides(ldb));
            } else {
                packColumns(b, bOff + (j0 + t) * ldb + p0, ldb, cols, kc, dst, d);
            }
        }
    }

    private static void packRows(float[] b, int src, int ldb, int kc, int nc, float[] dst, int d0) {
        int full = nc / NR * NR;
        int cols = nc - full;
        for (int p = 0; p < kc; p++) {
            int bp = src + p * ldb;
            for (int t = 0; t < full; t += NR) {
                int o = d0 + t * kc + p * NR;
                for (int v = 0; v < NR; v += L) {
                    FloatVector.fromArray(S, b, bp + t + v).intoArray(dst, o + v);
                }
            }
            if (cols > 0) {
                int o = d0 + full * kc + p * NR;
                for (int j = 0; j < cols; j++) {
                    dst[o + j] = b[bp + full + j];
                }
                for (int j = cols; j < NR; j++) {
                    dst[o + j] = 0f;
                }
            }
        }
    }

    /** Per thread: the offsets {@code 0, ldb, 2 * ldb, ...} of one gather, and the ldb they are for. */
    private static final ThreadLocal<int[]> STRIDES = ThreadLocal.withInitial(() -> new int[L + 1]);

    private static int[] strides(int ldb) {
        int[] s = STRIDES.get();
        if (s[L] != ldb) {
            for (int i = 0; i < L; i++) {
                s[i] = i * ldb;
            }
            s[L] = ldb;
        }
        return s;
    }

    /**
     * A transpose of a full sliver by gathers: for each {@code p}, one gather per vector collects
     * {@code op(B)[p, j .. j + L)} from {@code L} rows of the stored B. Measured beside OpenBLAS, this
     * packs transposed B about twice as fast as element by element (64x256x784 with transB went from
     * 0.73 to 0.9 of OpenBLAS).
     */
    private static void gatherColumns(float[] b, int src, int ldb, int kc, float[] dst, int d, int[] strides) {
        for (int p = 0; p < kc; p++) {
            int o = d + p * NR;
            for (int v = 0; v < NR; v += L) {
                FloatVector.fromArray(S, b, src + v * ldb + p, strides, 0).intoArray(dst, o + v);
            }
        }
    }

    /**
     * Depth of one step of {@link #packColumns}, which packs the partial sliver at the edge: its reads and
     * writes stay within L1.
     */
    private static final int P_STEP = 16;

    private static void packColumns(float[] b, int src, int ldb, int cols, int kc, float[] dst, int d) {
        // A transpose. Column by column over all of kc would write each line of the sliver NR times,
        // far apart in time, and the sliver is larger than L1; in steps of P_STEP rows, the NR * P_STEP
        // values read and the P_STEP * NR written are all in L1 while they are used.
        for (int p0 = 0; p0 < kc; p0 += P_STEP) {
            int p1 = Math.min(kc, p0 + P_STEP);
            for (int j = 0; j < cols; j++) {
                int bj = src + j * ldb;
                for (int p = p0; p < p1; p++) {
                    dst[d + p * NR + j] = b[bj + p];
                }
            }
            for (int j = cols; j < NR; j++) {
                for (int p = p0; p < p1; p++) {
                    dst[d + p * NR + j] = 0f;
                }
            }
        }
    }
}
