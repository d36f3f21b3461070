package org.nnj.simd.gemm;

import static org.nnj.simd.gemm.Blocking.KC;
import static org.nnj.simd.gemm.Blocking.MR;
import static org.nnj.simd.gemm.Blocking.NR;

import java.util.Arrays;
import org.nnj.simd.SimdSettings;
import org.nnj.simd.parallel.WorkerPool;

/**
 * {@code C = alpha * op(A) * op(B) + beta * C} on row-major {@code float[]} matrices: the entry point and
 * the cache-blocking driver of the SIMD GEMM.
 *
 * <p>{@code A * B^T} with few rows in A (a dense layer's forward pass) goes to {@link RowBroadcastGemm},
 * products with few rows, or many rows and few columns or little depth, to {@link BroadcastAGemm} (both
 * read A, and B where they can, in place instead of packing them), a C at most one vector wide to {@link NarrowGemm}, small calls to {@link SmallGemm}, and a C so
 * narrow that its transpose fills the register tiles much better is computed transposed, a mostly-zero A
 * (a dense layer's output gradient) goes to {@link SparseAGemm}. The rest is
 * computed on one thread, or on several by {@link SharedPanels} (or, for C with few rows,
 * {@link SharedBlocksOfA}); each runs the classic GotoBLAS loop nest:
 * panels of {@code nc} columns, blocks of {@code kc} depth (B packed once per block), blocks of {@code mc}
 * rows (A packed once per block), and register tiles of {@code MR x NR} computed by {@link MicroKernel};
 * {@link Blocking} says how the sizes are chosen.
 *
 * <p>Arguments are not checked here: callers validate them with
 * {@link org.nnj.api.backend.GemmArguments#check} first.
 */
public final class Sgemm {
    /** Multiply-adds below which a call is not worth splitting over threads (~20 microseconds of work). */
    private static final long MIN_WORK_PER_PART = 1L << 21;
    /** Whether a mostly-zero A may take {@link SparseAGemm}: see {@link SimdSettings#SPARSE}. */
    private static final boolean SPARSE = SimdSettings.get().sparse();

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
        if (RowBroadcastGemm.suits(transA, transB, m, n, k)) {
            RowBroadcastGemm.gemm(threads, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if (BroadcastAGemm.suits(transA, transB, m, n)) {
            BroadcastAGemm.gemm(threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff,
                    ldc);
            return;
        }
        if (NarrowGemm.fits(n)) {
            narrow(threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
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
        if (SPARSE && SparseAGemm.suits(transA, transB, m, n, k, alpha, beta)
                && SparseAGemm.pays(threads, transA, m, n, k, a, aOff, lda, b, bOff, ldb)) {
            SparseAGemm.gemm(threads, transA, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        packed(threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** The packed GEMM, on the calling thread or split over up to {@code threads}. */
    static void packed(int threads, boolean transA, boolean transB, int m, int n, int k,
                       float alpha, float[] a, int aOff, int lda,
                       float[] b, int bOff, int ldb,
                       float beta, float[] c, int cOff, int ldc) {
        long work = (long) m * n * k;
        int parts = (int) Math.max(1, Math.min(threads, work / MIN_WORK_PER_PART));
        if (parts == 1) {
            blocked(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (SharedPanels.fits(parts, m, k)) {
            SharedPanels.gemm(parts, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            SharedBlocksOfA.gemm(parts, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /** {@link NarrowGemm}, split by rows of C when there is enough work for several threads. */
    private static void narrow(int threads, boolean transA, boolean transB, int m, int n, int k,
                               float alpha, float[] a, int aOff, int lda,
                               float[] b, int bOff, int ldb,
                               float beta, float[] c, int cOff, int ldc) {
        int parts = (int) Math.max(1, Math.min(Math.min(threads, m / 8 + 1), (long) m * n * k / MIN_WORK_PER_PART));
        if (parts == 1) {
            NarrowGemm.gemm(transA, transB, 0, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        WorkerPool.run(parts, part -> NarrowGemm.gemm(transA, transB, (int) ((long) m * part / parts),
                (int) ((long) m * (part + 1) / parts), n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
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
        int kcMax = Blocking.kc(k);
        int mBlocks = (m + Blocking.mc(kcMax) - 1) / Blocking.mc(kcMax);
        int mcMax = Blocking.roundUp((m + mBlocks - 1) / mBlocks, MR);
        int ncMax = Math.min(Blocking.nc(kcMax), Blocking.roundUp(n, NR));
        float[] pa = ws.packedA(mcMax * kcMax);
        float[] pb = ws.packedB(ncMax * kcMax);
        for (int jc = 0; jc < n; jc += ncMax) {
            int nc = Math.min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                PackB.pack(transB, b, bOff, ldb, pc, kc, jc, nc, pb, 0);
                // beta applies once, with the first block of k; later blocks accumulate.
                float betaBlock = pc == 0 ? beta : 1f;
                for (int ic = 0; ic < m; ic += mcMax) {
                    int mc = Math.min(mcMax, m - ic);
                    PackA.pack(transA, a, aOff, lda, ic, mc, pc, kc, pa);
                    multiplyBlock(mc, nc, kc, pa, 0, pb, alpha, betaBlock, c, cOff + ic * ldc + jc, ldc, ws);
                }
            }
        }
    }

    /**
     * {@code C[0:mc, 0:nc] = alpha * Ap * Bp + beta * C} for a packed block of A (at {@code pa[paOff]}) and a
     * packed panel of B, register tile by register tile: each sliver of B stays in L2 while every sliver of A
     * passes by it.
     */
    static void multiplyBlock(int mc, int nc, int kc, float[] pa, int paOff, float[] pb, float alpha, float beta,
                              float[] c, int cOff, int ldc, Workspace ws) {
        float[] tile = ws.tile;
        float[] acc = ws.accumulators;
        for (int jr = 0; jr < nc; jr += NR) {
            int bi = jr * kc;
            int cols = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
                int ai = paOff + ir * kc;
                int ci = cOff + ir * ldc + jr;
                int rows = Math.min(MR, mc - ir);
                if (rows == MR && cols == NR) {
                    MicroKernel.kernel(kc, pa, ai, pb, bi, c, ci, ldc, alpha, beta, acc);
                } else {
                    MicroKernel.kernel(kc, pa, ai, pb, bi, tile, 0, NR, 1f, 0f, acc);
                    mergeEdge(tile, rows, cols, alpha, beta, c, ci, ldc);
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
