package org.nnj.simd.conv;

import org.nnj.simd.species.Species;

/**
 * How the vector-lane dimension of a direct convolution (output channels, or input channels for the
 * backward-data pass) is cut into blocks that one register tile covers: blocks of 4 vectors (64 channels
 * with 512-bit vectors) while more than 32 channels remain, then one block of 4, 2 or 1 vectors for the
 * rest. A block's lanes past the last channel hold zero weights and are never stored.
 */
final class ChannelBlocks {
    private static final int L = Species.LANES;

    private final int channels;
    private final int count;

    ChannelBlocks(int channels) {
        this.channels = channels;
        this.count = (channels + 4 * L - 1) / (4 * L);
    }

    /** The number of blocks. */
    int count() {
        return count;
    }

    /** The first channel of block {@code b}. */
    int first(int b) {
        return b * 4 * L;
    }

    /** The channels of block {@code b} that exist. */
    int width(int b) {
        return Math.min(4 * L, channels - first(b));
    }

    /** Vectors across block {@code b}: 4, or 2 or 1 for a last block of at most 2 or 1 vectors' channels. */
    int vectors(int b) {
        int w = width(b);
        return w > 2 * L ? 4 : w > L ? 2 : 1;
    }

    /** Floats per step of block {@code b}'s packed operand: its vectors times the lanes. */
    int stride(int b) {
        return vectors(b) * L;
    }

    /** Where block {@code b}'s packed operand of {@code steps} steps starts, blocks laid out one after another. */
    int offset(int b, int steps) {
        return first(b) * steps;
    }

    /** Floats of all blocks' packed operands of {@code steps} steps. */
    int size(int steps) {
        return (count - 1) * 4 * L * steps + stride(count - 1) * steps;
    }
}
