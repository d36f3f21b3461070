package org.nnj.simd.gemm;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.SimdSettings;
import org.nnj.simd.elementwise.Scans;
import org.nnj.simd.parallel.WorkerPool;
import org.nnj.simd.species.Species;
import org.nnj.simd.warmup.ExerciseData;
import org.nnj.simd.warmup.JitGate;

/**
 * {@code C = alpha * op(A) * op(B) + beta * C} with A never packed: {@link BroadcastTiles} broadcast its
 * scalars straight from where they lie ({@code op(A)[i][p]} at {@code a[i * lda + p]}, or at
 * {@code a[p * lda + i]} when transposed), into tiles of 6 rows by 64 columns of C that are stored as whole
 * vectors. An untransposed B is read in place too, {@code ldb} floats per step; a transposed one is packed,
 * {@code kc} steps of up to 64 columns at a time.
 *
 * <p>Where the packed GEMM pays more for its packing than it gains: a dense layer's backward passes at
 * batch 64 (its packing of W or of a 64-deep block of {@code dY^T} per tile), and inference at batch 1000,
 * which packed its input by gathers while each packed value served only a few hundred multiply-adds. Here
 * the only copy is of a transposed B, the small operand.
 *
 * <p>When A is a ReLU's output, a unit tends to be off for many rows at once, and a tile of 6 rows skips the
 * steps at which all six are zero ({@link NonzeroSteps} lists the others, {@link BroadcastTiles#tileListed6x4}
 * runs over them): the skipped products are zeros, and C keeps the bits of every step (B must be finite, as
 * {@code 0 * Inf} is NaN). Only products of {@link #MIN_SKIP_WORK} multiply-adds or more do it.
 *
 * <p>Depth is cut into the same blocks as in the packed GEMM ({@link Blocking#kc}). Threads split the
 * column blocks of C when there are enough of them, else the rows; every element of C is summed in the same
 * order whatever the thread count.
 */
final class BroadcastAGemm {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;
    /** The most rows of C for which any width is worth it (the packed GEMM packs A once per many columns). */
    static final int MAX_ROWS = 256;
    /** The widest C with a transposed B, which is packed per call. */
    static final int MAX_PACKED_COLUMNS = 512;
    /**
     * The widest C with few rows. Measured at batch 64 (one thread, JDK 25, thread CPU time): 64 x 784 x 256
     * went from 89 to 103 GFLOPS here, while 64 x 3136 x 1024 fell from 79 to 74, its B rows 12 KB apart
     * each costing a page walk that packing avoids.
     */
    static final int MAX_COLUMNS = 1024;
    /** The widest C with many rows: each packed value of A would serve at most this many multiply-adds. */
    static final int MAX_WIDE_COLUMNS = 256;
    /** Multiply-adds below which a call is not split over threads (about 10 microseconds of work). */
    private static final long MIN_WORK_PER_PART = 1L << 19;
    private static final JitGate STORE = storeGate();
    /** Whether a sparse A may skip its zero steps: see {@link SimdSettings#SPARSE}. */
    private static final boolean SKIP_ZEROS = SimdSettings.get().sparse();
    /**
     * The largest share of a tile's steps that may be nonzero for the zero steps to be skipped. Measured on the
     * MLP's second layer at batch 1000 (1000 x 128 x 256, one thread, JDK 25): 76 % of the steps listed, 0.55 ms
     * against 0.64 for the dense tiles; listing the steps costs about a tenth of the dense product.
     */
    static final double MAX_LISTED_SHARE = 0.85;
    /**
     * Multiply-adds below which no step is skipped: a dense layer at batch 64 gains nothing measurable (the
     * MLP's and LeNet's training steps within 0.5 %), and leaving those calls alone keeps the skipping's gate
     * and its compilation out of the first training step of {@code ./nn train} (0.14 s of CPU time there).
     */
    private static final long MIN_SKIP_WORK = 1L << 23;
    /** Opens when the listing and the listed tile run compiled; until then the dense tiles run. */
    private static final JitGate SKIP_GATE = skipGate();

    private BroadcastAGemm() {
    }

    /**
     * True with 512-bit vectors and 16 to {@link #MAX_COLUMNS} columns that fill the lanes, when C has few
     * rows (and a transposed B is narrow enough to pack per call), or many rows, few columns and an
     * untransposed A (a forward pass at batch 1000).
     */
    static boolean suits(boolean transA, boolean transB, int m, int n) {
        if (L != 16 || m < 6 || n < L || n > MAX_COLUMNS || !LaneBlocks.fills(n)) {
            return false;
        }
        if (m <= MAX_ROWS) {
            return !transB || n <= MAX_PACKED_COLUMNS;
        }
        return !transA && n <= MAX_WIDE_COLUMNS;
    }

    static void gemm(int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
                     float[] c, int cOff, int ldc) {
        boolean skipZeros = SKIP_ZEROS && (long) m * n * k >= MIN_SKIP_WORK;
        gemm(threads, skipZeros, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * {@link #gemm}, with the skipping of zero steps allowed or not, whatever the size (tests compare the two).
     */
    static void gemm(int threads, boolean skipZeros, boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
                     float[] c, int cOff, int ldc) {
        LaneBlocks blocks = new LaneBlocks(n);
        Workspace ws = Workspace.get();
        int kcMax = Blocking.kc(k);
        // An untransposed B is read in place but for a last block narrower than its vectors, whose loads
        // would run past the end of b's rows.
        boolean packAll = transB;
        boolean packLast = !transB && blocks.width(blocks.count() - 1) < blocks.stride(blocks.count() - 1);
        float[] packed = packAll || packLast ? ws.packedB(blocks.size(kcMax)) : null;
        int[] steps = transA ? ws.strided(kcMax, lda) : ws.columns(kcMax);
        int tiles = (m + 5) / 6;
        long work = (long) m * n * k;
        int parts = (int) Math.max(1, Math.min(threads, work / MIN_WORK_PER_PART));
        boolean splitColumns = blocks.count() >= 4 * parts;
        parts = Math.min(parts, splitColumns ? blocks.count() : tiles);
        int finalParts = parts;
        // Whether to skip the steps at which a 6-row tile of A is zero in all six rows (behind a ReLU).
        boolean skip = skipZeros && SKIP_GATE.vectorReady() && skipsZeros(transA, n, m, kcMax, a, aOff, lda);
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            int p0 = pc;
            float betaBlock = pc == 0 ? beta : 1f;
            if (packAll) {
                pack(blocks, b, bOff, ldb, p0, kc, packed);
            } else if (packLast) {
                packUntransposed(blocks, blocks.count() - 1, b, bOff, ldb, p0, kc, packed);
            }
            // A skipped step is a zero times B's step, which is a zero only where B is finite.
            boolean skipBlock = skip && (packAll ? Scans.finite(1, packed, 0, 1, blocks.size(kc), 0)
                    : Scans.finite(threads, b, bOff + p0 * ldb, kc, n, ldb));
            WorkerPool.run(finalParts, part -> {
                int[] d = new int[BroadcastTiles.MAX_ROWS];
                float[] out = new float[BroadcastTiles.MAX_OUT];
                int blockFrom = splitColumns ? (int) ((long) blocks.count() * part / finalParts) : 0;
                int blockTo = splitColumns ? (int) ((long) blocks.count() * (part + 1) / finalParts) : blocks.count();
                if (skipBlock) {
                    int firstTile = splitColumns ? 0 : (int) ((long) tiles * part / finalParts);
                    int endTile = splitColumns ? tiles : (int) ((long) tiles * (part + 1) / finalParts);
                    listedTiles(firstTile, endTile, blockFrom, Math.min(blockTo, wholeBlocks(blocks)), m, kc, alpha,
                            betaBlock, a, aOff + p0, lda, blocks, b, bOff + p0 * ldb, ldb,
                            packAll ? 0 : packLast ? blocks.count() - 1 : -1, packed, c, cOff, ldc, d, out);
                    blockFrom = Math.max(blockFrom, wholeBlocks(blocks));
                }
                for (int blk = blockFrom; blk < blockTo; blk++) {
                    int nv = blocks.vectors(blk);
                    int rows = BroadcastTiles.rows(nv);
                    int all = (m + rows - 1) / rows;
                    int first = splitColumns ? 0 : (int) ((long) all * part / finalParts) * rows;
                    int end = splitColumns ? m : Math.min(m, (int) ((long) all * (part + 1) / finalParts) * rows);
                    boolean inPlace = !packAll && !(packLast && blk == blocks.count() - 1);
                    float[] bb = inPlace ? b : packed;
                    int bo = inPlace ? bOff + p0 * ldb + blocks.first(blk) : blocks.offset(blk, kc);
                    int step = inPlace ? ldb : blocks.stride(blk);
                    for (int i0 = first; i0 < end; i0 += rows) {
                        int valid = Math.min(rows, m - i0);
                        for (int r = 0; r < rows; r++) {
                            int i = i0 + Math.min(r, valid - 1);
                            d[r] = transA ? aOff + p0 * lda + i : aOff + i * lda + p0;
                        }
                        BroadcastTiles.tile(rows, nv, 0, kc, steps, a, d, bb, bo, step, out);
                        store(blocks, blk, out, valid, alpha, betaBlock, c, cOff + i0 * ldc, ldc);
                    }
                }
            });
        }
    }

    /** The blocks of C that are 4 vectors wide, which the listed tile covers: all but a narrower last one. */
    private static int wholeBlocks(LaneBlocks blocks) {
        return blocks.vectors(blocks.count() - 1) == 4 ? blocks.count() : blocks.count() - 1;
    }

    /**
     * The 6-row tiles {@code [firstTile, endTile)} of blocks {@code [blockFrom, blockTo)} (4 vectors wide), over
     * the steps that are nonzero in some row of the tile: each tile's steps are listed once, in the calling
     * thread's {@link Workspace}, for all the blocks. A's block of depth starts at {@code a[aOff]}. B's steps
     * are read in place from {@code b[bOff]}, {@code ldb} apart, for the blocks before {@code firstPacked} (all
     * when it is {@code -1}), and from {@code packed} for the others.
     */
    private static void listedTiles(int firstTile, int endTile, int blockFrom, int blockTo, int m, int kc,
                                    float alpha, float beta, float[] a, int aOff, int lda, LaneBlocks blocks,
                                    float[] b, int bOff, int ldb, int firstPacked, float[] packed, float[] c,
                                    int cOff, int ldc, int[] d, float[] out) {
        if (blockFrom >= blockTo) {
            return;
        }
        int[] listed = Workspace.get().listedSteps(kc);
        for (int t = firstTile; t < endTile; t++) {
            int i0 = t * NonzeroSteps.ROWS;
            int valid = Math.min(NonzeroSteps.ROWS, m - i0);
            for (int r = 0; r < NonzeroSteps.ROWS; r++) {
                d[r] = aOff + (i0 + Math.min(r, valid - 1)) * lda;
            }
            int count = NonzeroSteps.list(a, aOff + i0 * lda, lda, valid, kc, listed, 0);
            for (int blk = blockFrom; blk < blockTo; blk++) {
                boolean inPlace = firstPacked < 0 || blk < firstPacked;
                int at = inPlace ? bOff + blocks.first(blk) : blocks.offset(blk, kc);
                int step = inPlace ? ldb : blocks.stride(blk);
                BroadcastTiles.tileListed6x4(count, listed, a, d, inPlace ? b : packed, at, step, out);
                store(blocks, blk, out, valid, alpha, beta, c, cOff + i0 * ldc, ldc);
            }
        }
    }

    /**
     * True when the zero steps of A are worth skipping: A untransposed (its rows are where the tiles' rows
     * read), C's first block 4 vectors wide (the listed tile's), and at most {@link #MAX_LISTED_SHARE} of the
     * first tile's {@code kc} steps nonzero in some row: a layer's input behind a ReLU, not an image.
     */
    static boolean skipsZeros(boolean transA, int n, int m, int kc, float[] a, int aOff, int lda) {
        if (transA || new LaneBlocks(n).vectors(0) != 4) {
            return false;
        }
        int[] probe = Workspace.get().listedSteps(kc);
        int rows = Math.min(m, NonzeroSteps.ROWS);
        return NonzeroSteps.list(a, aOff, lda, rows, kc, probe, 0) <= MAX_LISTED_SHARE * kc;
    }

    /** {@code packed[block][p][j] = op(B)[p0 + p][first + j] = b[(first + j) * ldb + p0 + p]}, zero-padded. */
    private static void pack(LaneBlocks blocks, float[] b, int bOff, int ldb, int p0, int kc, float[] packed) {
        for (int blk = 0; blk < blocks.count(); blk++) {
            int stride = blocks.stride(blk);
            int first = blocks.first(blk);
            int width = blocks.width(blk);
            int o = blocks.offset(blk, kc);
            if (width < stride) {
                Arrays.fill(packed, o, o + kc * stride, 0f);
            }
            // Each row of b in order, written down a column of the panel.
            for (int j = 0; j < width; j++) {
                int src = bOff + (first + j) * ldb + p0;
                for (int p = 0, dst = o + j; p < kc; p++, dst += stride) {
                    packed[dst] = b[src + p];
                }
            }
        }
    }

    /** {@code packed[block][p][j] = b[(p0 + p) * ldb + first + j]} for one block, zero-padded. */
    private static void packUntransposed(LaneBlocks blocks, int blk, float[] b, int bOff, int ldb, int p0, int kc,
                                         float[] packed) {
        int stride = blocks.stride(blk);
        int width = blocks.width(blk);
        int o = blocks.offset(blk, kc);
        for (int p = 0; p < kc; p++) {
            int dst = o + p * stride;
            System.arraycopy(b, bOff + (p0 + p) * ldb + blocks.first(blk), packed, dst, width);
            Arrays.fill(packed, dst + width, dst + stride, 0f);
        }
    }

    /** {@code C[r][first + j] = alpha * out[r][j] + beta * C[r][first + j]} for the tile's valid rows. */
    private static void store(LaneBlocks blocks, int blk, float[] out, int valid, float alpha, float beta,
                              float[] c, int cOff, int ldc) {
        int stride = blocks.stride(blk);
        int first = blocks.first(blk);
        int width = blocks.width(blk);
        int whole = width - width % L;
        boolean vector = STORE.vectorReady();
        for (int r = 0; r < valid; r++) {
            int o = r * stride;
            int at = cOff + r * ldc + first;
            if (vector) {
                storeVectors(whole, alpha, beta, out, o, c, at);
            } else {
                storeLanes(whole, alpha, beta, out, o, c, at);
            }
            for (int j = whole; j < width; j++) {
                c[at + j] = beta == 0f ? alpha * out[o + j] : alpha * out[o + j] + beta * c[at + j];
            }
        }
    }

    /** {@code c[at + j] = alpha * out[o + j] + beta * c[at + j]} (one rounding: a fused multiply-add), by vectors. */
    private static void storeVectors(int whole, float alpha, float beta, float[] out, int o, float[] c, int at) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        FloatVector vb = FloatVector.broadcast(S, beta);
        for (int j = 0; j < whole; j += L) {
            FloatVector x = FloatVector.fromArray(S, out, o + j).mul(va);
            if (beta != 0f) {
                x = FloatVector.fromArray(S, c, at + j).fma(vb, x);
            }
            x.intoArray(c, at + j);
        }
    }

    /** The twin of {@link #storeVectors}: the same operations one lane at a time. */
    private static void storeLanes(int whole, float alpha, float beta, float[] out, int o, float[] c, int at) {
        for (int j = 0; j < whole; j++) {
            float x = out[o + j] * alpha;
            c[at + j] = beta != 0f ? Math.fma(c[at + j], beta, x) : x;
        }
    }

    /**
     * The listing and the listed tile on 32 steps of 6 rows with every other step zero, against the dense tile's
     * twin on the same problem.
     */
    private static JitGate skipGate() {
        int kc = 32;
        int width = 4 * L;
        float[] a = ExerciseData.floats(NonzeroSteps.ROWS * kc);
        for (int i = 0; i < a.length; i += 2) {
            a[i] = 0f;
        }
        float[] b = ExerciseData.floats(kc * width);
        int[] d = new int[BroadcastTiles.MAX_ROWS];
        for (int r = 0; r < NonzeroSteps.ROWS; r++) {
            d[r] = r * kc;
        }
        int[] columns = new int[kc];
        for (int p = 0; p < kc; p++) {
            columns[p] = p;
        }
        int[] listed = new int[kc];
        float[] vectorOut = new float[BroadcastTiles.MAX_OUT];
        float[] scalarOut = new float[BroadcastTiles.MAX_OUT];
        return JitGate.of("BroadcastAGemm.skipZeros", () -> {
            int count = NonzeroSteps.list(a, 0, kc, NonzeroSteps.ROWS, kc, listed, 0);
            BroadcastTiles.tileListed6x4(count, listed, a, d, b, 0, width, vectorOut);
        }, () -> ScalarTiles.tile(NonzeroSteps.ROWS, 4, 0, kc, columns, a, d, b, 0, width, scalarOut));
    }

    private static JitGate storeGate() {
        int n = 4 * BroadcastTiles.MAX_OUT / 2;
        float[] out = ExerciseData.floats(n);
        float[] c = new float[n];
        return JitGate.of("BroadcastAGemm.store", () -> storeVectors(n, 1f, 0.5f, out, 0, c, 0),
                () -> storeLanes(n, 1f, 0.5f, out, 0, c, 0));
    }
}
