package org.nnj.simd.gemm;

import org.nnj.simd.species.Species;

/**
 * How the dimension that {@link BroadcastTiles} keep in the vector lanes (a direct convolution's output
 * channels, or input channels in the backward-data pass; the rows of C in {@link RowBroadcastGemm}) is cut
 * into blocks that one register tile covers: blocks of 4 vectors (64 channels
 * with 512-bit vectors) while more than 32 channels remain, then one block of 4, 2 or 1 vectors for the
 * rest. A block's lanes past the last channel hold zero weights and are never stored.
 */
public final class LaneBlocks {
    private static final int L = Species.LANES;

    private final int channels;
    private final int count;

    public LaneBlocks(int channels) {
        this.channels = channels;
        this.count = (channels + 4 * L - 1) / (4 * L);
    }

    /**
     * True when {@code channels} in the lanes fill at least three quarters of the tiles' vectors: 16, 32 or 64
     * fill them, while 6 would leave 10 of 16 lanes idle.
     */
    public static boolean fills(int channels) {
        LaneBlocks blocks = new LaneBlocks(channels);
        return 4 * channels >= 3 * blocks.lanes();
    }

    /** All blocks' lanes, the channels rounded up. */
    public int lanes() {
        return (count - 1) * 4 * L + stride(count - 1);
    }

    /** The number of blocks. */
    public int count() {
        return count;
    }

    /** The first channel of block {@code b}. */
    public int first(int b) {
        return b * 4 * L;
    }

    /** The channels of block {@code b} that exist. */
    public int width(int b) {
        return Math.min(4 * L, channels - first(b));
    }

    /** Vectors across block {@code b}: 4, or 2 or 1 for a last block of at most 2 or 1 vectors' channels. */
    public int vectors(int b) {
        int w = width(b);
        return w > 2 * L ? 4 : w > L ? 2 : 1;
    }

    /** Floats per step of block {@code b}'s packed operand: its vectors times the lanes. */
    public int stride(int b) {
        return vectors(b) * L;
    }

    /** Where block {@code b}'s packed operand of {@code steps} steps starts, blocks laid out one after another. */
    public int offset(int b, int steps) {
        return first(b) * steps;
    }

    /** Floats of all blocks' packed operands of {@code steps} steps. */
    public int size(int steps) {
        return (count - 1) * 4 * L * steps + stride(count - 1) * steps;
    }
}
