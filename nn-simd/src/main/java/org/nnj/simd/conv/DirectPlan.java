package org.nnj.simd.conv;

import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.simd.gemm.LaneBlocks;

/**
 * How a {@link DirectConvolution} call is cut up, and where its pieces live in the workspace.
 *
 * <p>The batch is split into {@link #parts()} runs of consecutive images, one per thread, and each run is
 * worked off in groups of images whose zero-bordered copies (about {@link #GROUP_FLOATS} floats) stay in
 * the L2 cache beside the packed operand that every tile streams.
 *
 * <p>Workspace: first the packed weights, shared by all parts (the largest of the forward, the flipped
 * backward-data and the {@link SparseDataGradient} packing); then, per part, the largest of what the passes
 * need: the forward pass's zero-bordered images; the backward-data pass's zero-bordered output gradients;
 * the weight-gradient pass's zero-bordered images, its transposed output gradients and its partial weight
 * and bias gradients; and the sparse passes' areas ({@link SparseWeightGradient}, {@link SparseDataGradient}).
 */
final class DirectPlan {
    /** Floats of one group's zero-bordered images: 192 KB, a fraction of a 1-2 MB L2 cache. */
    static final int GROUP_FLOATS = 48 * 1024;
    /** Multiply-adds below which a call is not split over threads (about 20 microseconds of work). */
    static final long MIN_WORK_PER_PART = 1L << 20;

    private final Conv2dGeometry g;
    private final int parts;
    private final int sourceHeight;
    private final int sourceWidth;
    private final int forwardGroup;
    private final int backwardDataGroup;
    private final int weightsGroup;
    private final int weightsImageFloats;
    private final int shared;
    private final int partStride;
    private final int workspaceSize;

    private DirectPlan(Conv2dGeometry g, int threads) {
        this.g = g;
        long work = (long) g.batch() * g.outChannels() * g.patchSize() * g.outputPlaneSize();
        this.parts = (int) Math.max(1, Math.min(Math.min(threads, g.batch()), work / MIN_WORK_PER_PART));
        int perPart = (g.batch() + parts - 1) / parts;
        this.sourceHeight = g.inHeight() + g.padTop() + g.padBottom();
        this.sourceWidth = g.inWidth() + g.padLeft() + g.padRight();
        int padded = g.unpadded() ? 0 : sourceImageFloats();
        this.forwardGroup = padded == 0 ? perPart : group(perPart, padded);
        long need = (long) forwardGroup * padded;

        LaneBlocks outBlocks = new LaneBlocks(g.outChannels());
        long packed = outBlocks.size(g.patchSize());
        if (DirectConvolution.backwardDataIsAConvolution(g)) {
            int gh = g.inHeight() + g.dilationHeight() * (g.kernelHeight() - 1);
            int gw = g.inWidth() + g.dilationWidth() * (g.kernelWidth() - 1);
            long gradientImage = (long) g.outChannels() * gh * gw;
            this.backwardDataGroup = group(perPart, gradientImage);
            need = Math.max(need, backwardDataGroup * gradientImage);
            int steps = g.outChannels() * g.kernelHeight() * g.kernelWidth();
            packed = Math.max(packed, new LaneBlocks(g.inChannels()).size(steps));
        } else {
            this.backwardDataGroup = 0;
        }

        long transposedPerImage = (long) outBlocks.size(1) * g.outputPlaneSize();
        this.weightsGroup = group(perPart, padded + transposedPerImage);
        this.weightsImageFloats = ConvolutionPlan.checked(g, (long) weightsGroup * padded);
        long weights = weightsImageFloats + weightsGroup * transposedPerImage + outBlocks.size(g.patchSize())
                + g.outChannels();
        need = Math.max(need, weights);
        if (SparseWeightGradient.suits(g)) {
            need = Math.max(need, SparseWeightGradient.partFloats(g, weightsGroup, sourceHeight, sourceWidth));
        }
        if (SparseDataGradient.suits(g)) {
            packed = Math.max(packed, SparseDataGradient.sharedFloats(g));
            need = Math.max(need, SparseDataGradient.partFloats(g));
        }

        this.shared = ConvolutionPlan.checked(g, packed);
        this.partStride = ConvolutionPlan.checked(g, need);
        this.workspaceSize = ConvolutionPlan.checked(g, packed + (long) parts * need);
    }

    static DirectPlan of(Conv2dGeometry g, int threads) {
        return new DirectPlan(g, threads);
    }

    /** Images per group: as many as fit {@link #GROUP_FLOATS}, at least one, at most a part's. */
    private static int group(int perPart, long floatsPerImage) {
        return (int) Math.max(1, Math.min(perPart, GROUP_FLOATS / Math.max(1, floatsPerImage)));
    }

    int parts() {
        return parts;
    }

    /** The first image of part {@code part}. */
    int firstImage(int part) {
        return (int) ((long) g.batch() * part / parts);
    }

    /** Height of the images the forward and weight passes read: zero-bordered, unless unpadded. */
    int sourceHeight() {
        return sourceHeight;
    }

    int sourceWidth() {
        return sourceWidth;
    }

    /** Floats of one such image. */
    int sourceImageFloats() {
        return g.inChannels() * sourceHeight * sourceWidth;
    }

    int forwardGroup() {
        return forwardGroup;
    }

    int backwardDataGroup() {
        return backwardDataGroup;
    }

    int weightsGroup() {
        return weightsGroup;
    }

    /** Floats of the weight pass's zero-bordered images of one group (0 when unpadded: it reads x). */
    int weightsImageFloats() {
        return weightsImageFloats;
    }

    /** Where part {@code part}'s area starts, relative to the workspace offset. */
    int partOffset(int part) {
        return shared + part * partStride;
    }

    int workspaceSize() {
        return workspaceSize;
    }
}
