package org.nnj.simd.gemm;

import static org.nnj.simd.gemm.Blocking.KC;
import static org.nnj.simd.gemm.Blocking.MR;
import static org.nnj.simd.gemm.Blocking.NR;

import java.util.Arrays;
import org.nnj.simd.parallel.WorkerPool;

/**
 * {@code C = alpha * op(A) * op(B) + beta * C} on row-major {@code float[]} matrices: the entry point and
 * the cache-blocking driver of the SIMD GEMM.
 *
 * <p>Small calls go to {@link SmallGemm}. Larger ones are split into at most {@code threads} parts along
 * the wider of the two dimensions of C (whole register tiles per part, no shared state, no barriers), and
 * each part runs the classic GotoBLAS loop nest: panels of {@code nc} columns, blocks of {@code kc} depth
 * (B packed once per block), blocks of {@code mc} rows (A packed once per block), and register tiles of
 * {@code MR x NR} computed by {@link MicroKernel}; {@link Blocking} says how the sizes are chosen.
 *
 * <p>Arguments are not checked here: callers validate them with
 * {@link org.nnj.api.backend.GemmArguments#check} first.
 */
public final class Sgemm {
    /** Multiply-adds below which a call is not worth splitting over threads (~20 microseconds of work). */
    private static final long MIN_WORK_PER_PART = 1L << 21;

    private Sgemm() {
    }

    /** Runs the GEMM using up to {@code threads} threads of the shared pool (including the caller). */
    public static void gemm(int threads, boolean transA, boolean transB, int m, int n, int k,
                            float alpha, float[] a, int aOff, int lda,
                            float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (alpha == 0f || k == 0) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        if (SmallGemm.prefers(m, n, k)) {
            SmallGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if (transposedFitsTilesBetter(m, n)) {
            transposed(threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        long work = (long) m * n * k;
        // Splitting along n repeats the packing of A in every part, splitting along m repeats B's:
        // repeat the smaller one.
        boolean splitN = m <= n;
        int tiles = splitN ? (n + NR - 1) / NR : (m + MR - 1) / MR;
        int parts = (int) Math.max(1, Math.min(Math.min(threads, tiles), work / MIN_WORK_PER_PART));
        if (parts == 1) {
            blocked(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        WorkerPool.run(parts, part -> {
            int t0 = (int) ((long) tiles * part / parts);
            int t1 = (int) ((long) tiles * (part + 1) / parts);
            if (splitN) {
                int j0 = t0 * NR;
                int j1 = Math.min(n, t1 * NR);
                int bShift = transB ? j0 * ldb : j0;
                blocked(transA, transB, m, j1 - j0, k, alpha, a, aOff, lda,
                        b, bOff + bShift, ldb, beta, c, cOff + j0, ldc);
            } else {
                int i0 = t0 * MR;
                int i1 = Math.min(m, t1 * MR);
                int aShift = transA ? i0 : i0 * lda;
                blocked(transA, transB, i1 - i0, n, k, alpha, a, aOff + aShift, lda,
                        b, bOff, ldb, beta, c, cOff + i0 * ldc, ldc);
            }
        });
    }

    /**
     * True when C is so narrow that most of each register tile would be padding (64 x 10 fills 10 of a
     * tile's 64 columns) while its transpose fills the tiles well (10 of 12 rows): then computing
     * {@code C^T = op(B)^T op(A)^T} and transposing it back is several times faster.
     */
    static boolean transposedFitsTilesBetter(int m, int n) {
        double direct = fill(m, MR) * fill(n, NR);
        double transposed = fill(n, MR) * fill(m, NR);
        return transposed > 1.5 * direct;
    }

    private static double fill(int size, int tile) {
        return (double) size / Blocking.roundUp(size, tile);
    }

    /** {@code C^T = alpha * op(B)^T * op(A)^T} into a scratch buffer, then {@code C = C^T^T + beta * C}. */
    private static void transposed(int threads, boolean transA, boolean transB, int m, int n, int k,
                                   float alpha, float[] a, int aOff, int lda,
                                   float[] b, int bOff, int ldb,
                                   float beta, float[] c, int cOff, int ldc) {
        // op(B)^T is b read with the opposite transpose flag, op(A)^T likewise.
        float[] t = Workspace.get().transposedC(m * n);
        gemm(threads, !transB, !transA, n, m, k, alpha, b, bOff, ldb, a, aOff, lda, 0f, t, 0, m);
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0f) {
                for (int j = 0; j < n; j++) {
                    c[ci + j] = t[j * m + i];
                }
            } else {
                for (int j = 0; j < n; j++) {
                    c[ci + j] = t[j * m + i] + beta * c[ci + j];
                }
            }
        }
    }

    /** The packed, blocked product on the calling thread. */
    private static void blocked(boolean transA, boolean transB, int m, int n, int k,
                                float alpha, float[] a, int aOff, int lda,
                                float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc) {
        Workspace ws = Workspace.get();
        // Equal blocks rather than full blocks and a thin remainder: a thin block runs the kernel on a
        // short k loop (or a mostly padded tile) and wastes most of its cost on loading and storing C.
        int kBlocks = (k + KC - 1) / KC;
        int kcMax = (k + kBlocks - 1) / kBlocks;
        int mBlocks = (m + Blocking.mc(kcMax) - 1) / Blocking.mc(kcMax);
        int mcMax = Blocking.roundUp((m + mBlocks - 1) / mBlocks, MR);
        int ncMax = Math.min(Blocking.nc(kcMax), Blocking.roundUp(n, NR));
        float[] pa = ws.packedA(mcMax * kcMax);
        float[] pb = ws.packedB(ncMax * kcMax);
        float[] tile = ws.tile;
        for (int jc = 0; jc < n; jc += ncMax) {
            int nc = Math.min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                PackB.pack(transB, b, bOff, ldb, pc, kc, jc, nc, pb);
                // beta applies once, with the first block of k; later blocks accumulate.
                float betaBlock = pc == 0 ? beta : 1f;
                for (int ic = 0; ic < m; ic += mcMax) {
                    int mc = Math.min(mcMax, m - ic);
                    PackA.pack(transA, a, aOff, lda, ic, mc, pc, kc, pa);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int bi = jr * kc;
                        int cols = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int ai = ir * kc;
                            int ci = cOff + (ic + ir) * ldc + jc + jr;
                            int rows = Math.min(MR, mc - ir);
                            if (rows == MR && cols == NR) {
                                MicroKernel.kernel(kc, pa, ai, pb, bi, c, ci, ldc, alpha, betaBlock);
                            } else {
                                MicroKernel.kernel(kc, pa, ai, pb, bi, tile, 0, NR, 1f, 0f);
                                mergeEdge(tile, rows, cols, alpha, betaBlock, c, ci, ldc);
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code C = alpha * tile + beta * C} for the part of an edge tile that lies inside C. */
    private static void mergeEdge(float[] tile, int rows, int cols, float alpha, float beta,
                                  float[] c, int ci, int ldc) {
        for (int r = 0; r < rows; r++) {
            int t = r * NR;
            int o = ci + r * ldc;
            if (beta == 0f) {
                for (int j = 0; j < cols; j++) {
                    c[o + j] = alpha * tile[t + j];
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    c[o + j] = alpha * tile[t + j] + beta * c[o + j];
                }
            }
        }
    }

    /** {@code C = beta * C}, never reading C when {@code beta == 0}. */
    static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int o = cOff + i * ldc;
            if (beta == 0f) {
                Arrays.fill(c, o, o + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[o + j] *= beta;
                }
            }
        }
    }
}
