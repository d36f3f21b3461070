package org.nnj.simd.gemm;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.parallel.WorkerPool;
import org.nnj.simd.species.Species;

/**
 * {@code C = alpha * A * op(B) + beta * C} for a row-major, untransposed A with many rows and a C of at most
 * {@link #MAX_COLUMNS} columns: a dense layer's forward pass at a large batch (inference at batch 1000).
 *
 * <p>The packed GEMM packs A by gathers, and with few columns in C each packed value serves only {@code n}
 * multiply-adds: at 1000 x 256 x 784 the packing took a fifth of the time. Here A is never copied:
 * {@link BroadcastTiles} broadcast its scalars straight from its rows, and only {@code op(B)}, the small
 * operand (a layer's weights), is packed, {@code kc} steps of up to 64 columns at a time. Tiles are 6 rows
 * of A by 64 columns of C, stored as whole vectors.
 *
 * <p>Depth is cut into the same blocks as in the packed GEMM ({@link Blocking#kc}); threads split the rows
 * of C into equal runs of tiles, and every element of C is summed in the same order whatever the thread
 * count.
 */
final class BroadcastAGemm {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;
    /** The widest C this is used for: each packed value of A would serve at least this many multiply-adds. */
    static final int MAX_COLUMNS = 512;
    /** Multiply-adds below which a call is not split over threads (about 20 microseconds of work). */
    private static final long MIN_WORK_PER_PART = 1L << 19;

    private BroadcastAGemm() {
    }

    /** True for untransposed A, 512-bit vectors, 16 to {@link #MAX_COLUMNS} columns that fill the lanes. */
    static boolean suits(boolean transA, int m, int n) {
        return L == 16 && !transA && m >= 6 && n <= MAX_COLUMNS && n >= L && LaneBlocks.fills(n);
    }

    static void gemm(int threads, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        LaneBlocks blocks = new LaneBlocks(n);
        Workspace ws = Workspace.get();
        int kcMax = Blocking.kc(k);
        float[] packed = ws.packedB(blocks.size(kcMax));
        int[] columns = ws.columns(kcMax);
        int tiles = (m + 5) / 6;
        int parts = (int) Math.max(1, Math.min(Math.min(threads, tiles), (long) m * n * k / MIN_WORK_PER_PART));
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            int p0 = pc;
            float betaBlock = pc == 0 ? beta : 1f;
            pack(blocks, transB, b, bOff, ldb, p0, kc, packed);
            WorkerPool.run(parts, part -> {
                int[] d = new int[12];
                float[] out = new float[24 * L];
                for (int blk = 0; blk < blocks.count(); blk++) {
                    int nv = blocks.vectors(blk);
                    int rows = BroadcastTiles.rows(nv);
                    int all = (m + rows - 1) / rows;
                    int first = (int) ((long) all * part / parts) * rows;
                    int end = Math.min(m, (int) ((long) all * (part + 1) / parts) * rows);
                    for (int i0 = first; i0 < end; i0 += rows) {
                        int valid = Math.min(rows, m - i0);
                        for (int r = 0; r < rows; r++) {
                            d[r] = aOff + (i0 + Math.min(r, valid - 1)) * lda + p0;
                        }
                        BroadcastTiles.tile(nv, 0, kc, columns, a, d, packed, blocks.offset(blk, kc), out);
                        store(blocks, blk, out, valid, alpha, betaBlock, c, cOff + i0 * ldc, ldc);
                    }
                }
            });
        }
    }

    /** {@code packed[block][p][j] = op(B)[p0 + p][first + j]}, zeros past the block's columns. */
    private static void pack(LaneBlocks blocks, boolean transB, float[] b, int bOff, int ldb, int p0, int kc,
                             float[] packed) {
        for (int blk = 0; blk < blocks.count(); blk++) {
            int stride = blocks.stride(blk);
            int first = blocks.first(blk);
            int width = blocks.width(blk);
            int o = blocks.offset(blk, kc);
            if (width < stride) {
                Arrays.fill(packed, o, o + kc * stride, 0f);
            }
            if (transB) {
                // op(B)[p][j] = b[j * ldb + p]: read each row of b in order, write a column of the panel.
                for (int j = 0; j < width; j++) {
                    int src = bOff + (first + j) * ldb + p0;
                    for (int p = 0, dst = o + j; p < kc; p++, dst += stride) {
                        packed[dst] = b[src + p];
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b, bOff + (p0 + p) * ldb + first, packed, o + p * stride, width);
                }
            }
        }
    }

    /** {@code C[r][first + j] = alpha * out[r][j] + beta * C[r][first + j]} for the tile's valid rows. */
    private static void store(LaneBlocks blocks, int blk, float[] out, int valid, float alpha, float beta,
                              float[] c, int cOff, int ldc) {
        int stride = blocks.stride(blk);
        int first = blocks.first(blk);
        int width = blocks.width(blk);
        FloatVector va = FloatVector.broadcast(S, alpha);
        FloatVector vb = FloatVector.broadcast(S, beta);
        for (int r = 0; r < valid; r++) {
            int o = r * stride;
            int at = cOff + r * ldc + first;
            int j = 0;
            for (; j + L <= width; j += L) {
                FloatVector x = FloatVector.fromArray(S, out, o + j).mul(va);
                if (beta != 0f) {
                    x = FloatVector.fromArray(S, c, at + j).fma(vb, x);
                }
                x.intoArray(c, at + j);
            }
            for (; j < width; j++) {
                c[at + j] = beta == 0f ? alpha * out[o + j] : alpha * out[o + j] + beta * c[at + j];
            }
        }
    }
}
