package org.nnj.simd.conv;

import org.nnj.api.ShapeException;
import org.nnj.api.backend.Conv2dGeometry;

/**
 * How one convolution call is cut up, and where its pieces live in the workspace.
 *
 * <p>The batch is split into {@link #parts()} runs of consecutive images, one per thread; each run is
 * worked off in groups of up to {@link #group()} images whose lowered matrices sit side by side, so that
 * one GEMM multiplies the weights by {@code group * outHeight * outWidth} columns. A wide product fills the
 * GEMM's register tiles better (196 columns of one 14x14 image fill 196 of 256, three images 588 of 640) and
 * pays its fixed costs once per group instead of once per image; the group is kept small enough that its
 * lowered matrix stays in the L2 cache.
 *
 * <p>Workspace, per part: the group's images with zero borders, for a padded convolution
 * ({@link #paddedSize()} floats; the forward passes lower from them, the backward-data pass gathers its
 * gradient in them); the lowered matrix ({@link #columnSize()} floats: {@code patchSize} rows of
 * {@code group * outputPlaneSize}); the gathered output or output gradient of the group
 * ({@link #gatherSize()} floats, {@code outChannels} rows of the same width; none when a group is one image,
 * whose NCHW plane is already such a matrix). The first two end with {@link Lowering#SLACK} spare floats for
 * the vector copies to spill into. After all parts, the partial weight and bias gradients of
 * parts 1 and up ({@link #partialSize()} floats each), which are added into the caller's in part order: the
 * result depends on the thread count but never on timing.
 */
final class ConvolutionPlan {
    /** Columns one GEMM should have at least: about 30 register tiles of 64, so edge waste stays small. */
    static final int TARGET_COLUMNS = 2048;
    /**
     * The most floats one lowered group may take (2 MB, an L2 cache) unless a single image needs more: the
     * GEMM reads the matrix right after im2col wrote it. Measured on the CNN's second layer at batch 64
     * (800 x 196 floats per image): groups of 3 images instead of 11 took the three kernels from about 66
     * to 57 ms.
     */
    static final int MAX_COLUMN_FLOATS = 1 << 19;
    /** Multiply-adds below which a call is not split over threads (about 20 microseconds of work). */
    static final long MIN_WORK_PER_PART = 1L << 20;

    /**
     * Weights up to which the weight gradient uses {@link RowDots}. Measured at batch 64 beside the GEMM:
     * LeNet's 150 weights 1.8 -> 0.5 ms, its 2,400 1.2 -> 0.8 ms, the CNN's first 800 4.8 -> 2.5 ms; its
     * second layer's 51,200 would go from 25 to 65 ms (every B row is read once per three A rows).
     */
    static final int ROW_DOTS_MAX_WEIGHTS = 4096;

    private final int parts;
    private final int group;
    private final int gemmThreads;
    private final int paddedSize;
    private final int columnSize;
    private final int gatherSize;
    private final int partialSize;
    private final int workspaceSize;
    private final boolean rowDots;

    private ConvolutionPlan(Conv2dGeometry g, int threads) {
        int plane = g.outputPlaneSize();
        long work = (long) g.batch() * g.outChannels() * g.patchSize() * plane;
        int p = (int) Math.max(1, Math.min(Math.min(threads, g.batch()), work / MIN_WORK_PER_PART));
        this.parts = p;
        this.rowDots = (long) g.outChannels() * g.patchSize() <= ROW_DOTS_MAX_WEIGHTS;
        this.gemmThreads = p == 1 ? threads : 1;
        int perPart = (g.batch() + p - 1) / p;
        int wanted = (TARGET_COLUMNS + plane - 1) / plane;
        long perImage = (long) g.patchSize() * plane;
        int fits = (int) Math.max(1, MAX_COLUMN_FLOATS / perImage);
        int cap = pointwise(g) ? 1 : Math.max(1, Math.min(perPart, Math.min(wanted, fits)));
        // Equal groups: 64 images in groups of at most 11 are six groups of 10 or 11, not five of 11 and one of 9.
        int groups = Math.max(1, (perPart + cap - 1) / cap);
        this.group = Math.max(1, (perPart + groups - 1) / groups);
        this.paddedSize = g.unpadded() ? 0 : checked(g, (long) Lowering.paddedImageSize(g) * group + Lowering.SLACK);
        this.columnSize = pointwise(g) ? 0 : checked(g, perImage * group + Lowering.SLACK);
        this.gatherSize = group == 1 ? 0 : checked(g, (long) g.outChannels() * plane * group);
        this.partialSize = checked(g, (long) g.weightSize() + g.outChannels());
        long total = (long) p * partStride() + (long) (p - 1) * partialSize;
        this.workspaceSize = checked(g, total);
    }

    /** The plan of geometry {@code g} on a backend of {@code threads} threads. */
    static ConvolutionPlan of(Conv2dGeometry g, int threads) {
        return new ConvolutionPlan(g, threads);
    }

    /**
     * True for a 1x1 kernel with stride 1 and no padding: each image ({@code [inChannels, height * width]})
     * is its own lowered matrix, so nothing is copied.
     */
    static boolean pointwise(Conv2dGeometry g) {
        return g.kernelHeight() == 1 && g.kernelWidth() == 1 && g.strideHeight() == 1 && g.strideWidth() == 1
                && g.unpadded();
    }

    /** {@code size} as an int, or a one-line error naming the geometry when no array can hold it. */
    static int checked(Conv2dGeometry g, long size) {
        if (size > Integer.MAX_VALUE) {
            throw new ShapeException("conv2d: the SIMD workspace would need " + size
                    + " floats, more than an array can hold, for " + g);
        }
        return (int) size;
    }

    /** How many threads share the batch (1: the calling thread alone, with GEMMs that may split themselves). */
    int parts() {
        return parts;
    }

    /**
     * True when the weight gradient is computed by {@link RowDots} rather than by the GEMM: when the
     * weights are few, so that most of the GEMM's wide register tile would be padding.
     */
    boolean rowDots() {
        return rowDots;
    }

    /** The most images one GEMM covers. */
    int group() {
        return group;
    }

    /** The threads each GEMM may use: all of them when the batch is not split, else 1. */
    int gemmThreads() {
        return gemmThreads;
    }

    /** Floats of one part's zero-bordered images (0 without padding). */
    int paddedSize() {
        return paddedSize;
    }

    /** Floats of one part's lowered matrix (0 for pointwise kernels). */
    int columnSize() {
        return columnSize;
    }

    /** Floats of one part's gathered output (0 when a group is one image). */
    int gatherSize() {
        return gatherSize;
    }

    /** Floats of one partial weight-and-bias gradient. */
    int partialSize() {
        return partialSize;
    }

    /** The whole workspace in floats. */
    int workspaceSize() {
        return workspaceSize;
    }

    private long partStride() {
        return (long) paddedSize + columnSize + gatherSize;
    }

    /** Where part {@code part}'s zero-bordered images start, relative to the workspace offset. */
    int paddedOffset(int part) {
        return (int) (part * partStride());
    }

    /** Where part {@code part}'s lowered matrix starts, relative to the workspace offset. */
    int columnOffset(int part) {
        return paddedOffset(part) + paddedSize;
    }

    /** Where part {@code part}'s gathered output starts, relative to the workspace offset. */
    int gatherOffset(int part) {
        return columnOffset(part) + columnSize;
    }

    /** Where the partial gradient of part {@code part >= 1} starts, relative to the workspace offset. */
    int partialOffset(int part) {
        return (int) (parts * partStride() + (long) (part - 1) * partialSize);
    }

    /** The first image of part {@code part} of a batch of {@code batch}. */
    int firstImage(int batch, int part) {
        return (int) ((long) batch * part / parts);
    }
}
