package org.nnj.simd.gemm;

import static org.nnj.simd.gemm.Blocking.MR;
import static org.nnj.simd.gemm.Blocking.NR;

import org.nnj.simd.parallel.WorkerPool;

/**
 * The multi-threaded GEMM: the loop nest of {@link Sgemm}'s single-threaded driver, with every panel of B
 * packed once, by all threads together, into one buffer they all read, and the blocks of rows of A handed
 * out one at a time to whichever thread is free.
 *
 * <p>Why not one fixed part of C per thread: each part would pack all of A (or B) again, and the call
 * would last as long as its slowest part. On a virtual machine whose other tenants take a core away for
 * milliseconds at a time, fixed halves of a 1024^3 product ran at a median 1.3x one thread while their
 * best calls reached 2.0x. With several blocks per thread, a thread that is held up computes fewer blocks
 * and the other takes the rest. The blocks are computed exactly as on one thread, so the result is the
 * same bit for bit whatever the number of threads.
 */
final class SharedPanels {
    /** Blocks of rows per thread, enough for the free thread to take over most of a held-up one's work. */
    private static final int BLOCKS_PER_THREAD = 4;
    /**
     * The fewest rows in a block: each sliver of B loaded into L2 serves {@code mc / MR} register tiles,
     * and below four tiles the loads of B start to cost more than the balancing gains.
     */
    private static final int MIN_BLOCK_ROWS = 4 * MR;

    private SharedPanels() {
    }

    /** True when C has enough rows for {@code threads} threads to share panels of B. */
    static boolean fits(int threads, int m, int k) {
        int tiles = (m + MR - 1) / MR;
        return tiles / blocks(threads, m, Blocking.kc(k)) * MR >= MIN_BLOCK_ROWS;
    }

    /**
     * How many blocks the rows of C are cut into: a multiple of the threads, so that equal threads finish
     * together (11 blocks on two threads would leave one thread idle for a twelfth of the call), at least
     * {@link #BLOCKS_PER_THREAD} per thread, and enough that no block of A outgrows {@link Blocking#mc}.
     */
    private static int blocks(int threads, int m, int kc) {
        int l2Blocks = (m + Blocking.mc(kc) - 1) / Blocking.mc(kc);
        return threads * Math.max(BLOCKS_PER_THREAD, (l2Blocks + threads - 1) / threads);
    }

    static void gemm(int threads, boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        int kcMax = Blocking.kc(k);
        int tiles = (m + MR - 1) / MR;
        int mBlocks = blocks(threads, m, kcMax);
        int mcMax = (tiles + mBlocks - 1) / mBlocks * MR;
        int ncMax = Math.min(Blocking.nc(kcMax), Blocking.roundUp(n, NR));
        // The caller's buffer for B, read by all threads; each thread packs its blocks of A into its own.
        float[] pb = Workspace.get().packedB(ncMax * kcMax);
        for (int jc = 0; jc < n; jc += ncMax) {
            int panelColumn = jc;
            int nc = Math.min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int depth = pc;
                int kc = Math.min(kcMax, k - pc);
                packPanel(threads, transB, b, bOff, ldb, depth, kc, panelColumn, nc, pb);
                float betaBlock = pc == 0 ? beta : 1f;
                WorkerPool.run(mBlocks, threads, block -> {
                    // Whole register tiles per block, the blocks within one tile of each other in size.
                    int ic = (int) ((long) tiles * block / mBlocks) * MR;
                    int mc = Math.min(m, (int) ((long) tiles * (block + 1) / mBlocks) * MR) - ic;
                    Workspace own = Workspace.get();
                    float[] pa = own.packedA(mcMax * kcMax);
                    PackA.pack(transA, a, aOff, lda, ic, mc, depth, kc, pa);
                    Sgemm.multiplyBlock(mc, nc, kc, pa, 0, pb, alpha, betaBlock, c, cOff + ic * ldc + panelColumn,
                            ldc, own);
                });
            }
        }
    }

    /** Packs the {@code kc x nc} panel of B at {@code (p0, j0)} into {@code pb}, its slivers split over threads. */
    private static void packPanel(int threads, boolean transB, float[] b, int bOff, int ldb,
                                  int p0, int kc, int j0, int nc, float[] pb) {
        int slivers = (nc + NR - 1) / NR;
        int parts = Math.min(threads, slivers);
        WorkerPool.run(parts, part -> {
            int s0 = (int) ((long) slivers * part / parts);
            int s1 = (int) ((long) slivers * (part + 1) / parts);
            int columns = Math.min(nc, s1 * NR) - s0 * NR;
            PackB.pack(transB, b, bOff, ldb, p0, kc, j0 + s0 * NR, columns, pb, s0 * NR * kc);
        });
    }
}
