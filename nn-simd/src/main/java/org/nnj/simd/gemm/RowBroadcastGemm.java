package org.nnj.simd.gemm;

import org.nnj.simd.parallel.WorkerPool;
import org.nnj.simd.species.Species;

/**
 * {@code C = alpha * A * B^T + beta * C} for a row-major A of few rows (a batch) and a row-major B of many
 * (a dense layer's weights, {@code [out, in]}): the product of a dense layer's forward pass.
 *
 * <p>The packed GEMM would pack {@code B^T}, every element of the weights, by gathers across B's rows, and
 * then use each packed value for only {@code m} multiply-adds (64 at batch 64): the packing cost about as
 * much as the arithmetic. Here the weights are never copied. The product is computed transposed,
 * {@code C^T = B * A^T}, with {@link BroadcastTiles}: the tile's rows are rows of B, whose scalars are
 * broadcast straight from the weights as they stream by, and its vector lanes are the rows of A (the
 * batch), packed once as {@code A^T} ({@code k} steps of up to 64 floats, a few hundred KB that stay in L2).
 * Each finished tile is written transposed into C.
 *
 * <p>Threads split the rows of B into equal runs of tiles; each element of C is summed by one thread in
 * the same order, so the result does not depend on the thread count.
 */
final class RowBroadcastGemm {
    private static final int L = Species.LANES;
    /** The most rows of A (lanes) this is used for; beyond them the packed GEMM amortises its packing of B. */
    static final int MAX_ROWS = 256;
    /** Multiply-adds below which a call is not split over threads (about 20 microseconds of work). */
    private static final long MIN_WORK_PER_PART = 1L << 19;

    private RowBroadcastGemm() {
    }

    /**
     * True for products this computes better than the packed GEMM: {@code A * B^T} with 512-bit vectors,
     * at most {@link #MAX_ROWS} rows in A and enough of them to fill the lanes.
     */
    static boolean suits(boolean transA, boolean transB, int m, int n, int k) {
        return L == 16 && !transA && transB && m >= L && m <= MAX_ROWS && LaneBlocks.fills(m) && n >= 6;
    }

    static void gemm(int threads, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        LaneBlocks blocks = new LaneBlocks(m);
        Workspace ws = Workspace.get();
        float[] packed = ws.packedA(blocks.size(k));
        packTransposed(blocks, m, k, a, aOff, lda, packed);
        int[] columns = ws.columns(k);
        int tiles = (n + 5) / 6;
        int parts = (int) Math.max(1, Math.min(Math.min(threads, tiles), (long) m * n * k / MIN_WORK_PER_PART));
        WorkerPool.run(parts, part -> {
            int[] d = new int[12];
            float[] out = new float[24 * L];
            for (int blk = 0; blk < blocks.count(); blk++) {
                int nv = blocks.vectors(blk);
                int rows = BroadcastTiles.rows(nv);
                int all = (n + rows - 1) / rows;
                int first = (int) ((long) all * part / parts) * rows;
                int end = Math.min(n, (int) ((long) all * (part + 1) / parts) * rows);
                for (int j0 = first; j0 < end; j0 += rows) {
                    int valid = Math.min(rows, n - j0);
                    for (int r = 0; r < rows; r++) {
                        d[r] = bOff + (j0 + Math.min(r, valid - 1)) * ldb;
                    }
                    BroadcastTiles.tile(nv, 0, k, columns, b, d, packed, blocks.offset(blk, k), out);
                    store(blocks, blk, out, valid, alpha, beta, c, cOff + j0, ldc);
                }
            }
        });
    }

    /** Depth steps of A^T written per pass over a block's rows: 16 floats, one cache line, of each row of A. */
    private static final int PACK_STEPS = 16;

    /**
     * {@code packed[block][p][i] = a[i][p]}, zeros in the lanes past the block's rows. Written
     * {@link #PACK_STEPS} depth steps at a time: those steps of all the block's rows (a line of each) and of
     * the panel (4 KB) stay in L1 while they are transposed, where a whole row of A at once would touch a
     * line of the panel per float, {@code k} lines per row, from L2 (a tenth of a step at batch 64).
     */
    private static void packTransposed(LaneBlocks blocks, int m, int k, float[] a, int aOff, int lda,
                                       float[] packed) {
        for (int blk = 0; blk < blocks.count(); blk++) {
            int stride = blocks.stride(blk);
            int first = blocks.first(blk);
            int width = blocks.width(blk);
            int o = blocks.offset(blk, k);
            if (width < stride) {
                java.util.Arrays.fill(packed, o, o + k * stride, 0f);
            }
            for (int p0 = 0; p0 < k; p0 += PACK_STEPS) {
                int steps = Math.min(PACK_STEPS, k - p0);
                for (int i = 0; i < width; i++) {
                    int src = aOff + (first + i) * lda + p0;
                    int dst = o + p0 * stride + i;
                    for (int p = 0; p < steps; p++, dst += stride) {
                        packed[dst] = a[src + p];
                    }
                }
            }
        }
    }

    /** {@code C[i][j0 + r] = alpha * out[r][i] + beta * C[i][j0 + r]} for the tile's valid rows. */
    private static void store(LaneBlocks blocks, int blk, float[] out, int valid, float alpha, float beta,
                              float[] c, int cOff, int ldc) {
        int stride = blocks.stride(blk);
        int first = blocks.first(blk);
        int width = blocks.width(blk);
        for (int r = 0; r < valid; r++) {
            int o = r * stride;
            int at = cOff + first * ldc + r;
            if (beta == 0f) {
                for (int i = 0; i < width; i++, at += ldc) {
                    c[at] = alpha * out[o + i];
                }
            } else {
                for (int i = 0; i < width; i++, at += ldc) {
                    c[at] = alpha * out[o + i] + beta * c[at];
                }
            }
        }
    }
}
