package org.nnj.simd.gemm;

import static org.nnj.simd.gemm.Blocking.MR;
import static org.nnj.simd.gemm.Blocking.NR;

import org.nnj.simd.parallel.WorkerPool;

/**
 * The multi-threaded GEMM for C with few rows (a dense layer at batch 64: 64 x 256 x 784), which
 * {@link SharedPanels} cannot cut into enough row blocks: all of op(A) for one block of depth is packed
 * once, by the calling thread, into a buffer all threads read, and the slivers of columns of C go to
 * whichever thread is free, each packing its own slivers of B.
 *
 * <p>Before, each thread computed a fixed share of the columns as a whole single-threaded product of its
 * own, and so packed all of A again. The blocks are computed with the same depth blocks as on one thread,
 * so the result is the same bit for bit whatever the number of threads.
 */
final class SharedBlocksOfA {
    /** Parts per thread, so that a thread that is held up leaves its work to the others. */
    private static final int PARTS_PER_THREAD = 4;

    private SharedBlocksOfA() {
    }

    static void gemm(int threads, boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        int kcMax = Blocking.kc(k);
        int slivers = (n + NR - 1) / NR;
        int parts = Math.min(slivers, threads * PARTS_PER_THREAD);
        int ncMax = Math.min(Blocking.nc(kcMax), Blocking.roundUp(n, NR));
        int mcMax = Blocking.mc(kcMax);
        // The caller's buffer for A, read by all threads; each thread packs its slivers of B into its own.
        float[] pa = Workspace.get().packedA(Blocking.roundUp(m, MR) * kcMax);
        for (int pc = 0; pc < k; pc += kcMax) {
            int depth = pc;
            int kc = Math.min(kcMax, k - pc);
            PackA.pack(transA, a, aOff, lda, 0, m, depth, kc, pa);
            float betaBlock = pc == 0 ? beta : 1f;
            WorkerPool.run(parts, threads, part -> {
                int j0 = (int) ((long) slivers * part / parts) * NR;
                int j1 = Math.min(n, (int) ((long) slivers * (part + 1) / parts) * NR);
                Workspace own = Workspace.get();
                float[] pb = own.packedB(ncMax * kcMax);
                for (int jc = j0; jc < j1; jc += ncMax) {
                    int nc = Math.min(ncMax, j1 - jc);
                    PackB.pack(transB, b, bOff, ldb, depth, kc, jc, nc, pb, 0);
                    // Rows in L2-sized blocks, as on one thread (few rows: usually one block).
                    for (int ic = 0; ic < m; ic += mcMax) {
                        Sgemm.multiplyBlock(Math.min(mcMax, m - ic), nc, kc, pa, ic * kc, pb, alpha, betaBlock,
                                c, cOff + ic * ldc + jc, ldc, own);
                    }
                }
            });
        }
    }
}
