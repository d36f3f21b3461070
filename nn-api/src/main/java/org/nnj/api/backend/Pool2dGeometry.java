package org.nnj.api.backend;

import org.nnj.api.ShapeException;

/**
 * The shapes of one 2-D pooling call: {@code [batch, channels, inHeight, inWidth]} images (NCHW) pooled
 * per channel over {@code kernelHeight x kernelWidth} windows into
 * {@code [batch, channels, outHeight, outWidth]}. Immutable; validated when built.
 *
 * <p>Window {@code (i, j)} covers rows {@code i * strideH - padH} to {@code i * strideH - padH + kernelH - 1}
 * and the columns likewise. The padding is implicit, on both sides of each axis, as in PyTorch: it never
 * wins a max and it counts as zeros in an average when {@code count_include_pad} (see
 * {@link PoolingKernels}). The output size is, per axis, {@code (in + 2 * pad - kernel) / stride + 1},
 * rounded down (PyTorch's {@code ceil_mode=False}). As in PyTorch, the padding may be at most half the
 * kernel, so that every window holds at least one input element.
 *
 * <pre>{@code
 * Pool2dGeometry g = Pool2dGeometry.builder()
 *         .batch(64).channels(6).input(24, 24).kernel(2, 2)
 *         .build(); // stride = kernel, no padding: output 12x12
 * }</pre>
 */
public final class Pool2dGeometry {
    private final int batch;
    private final int channels;
    private final int inHeight;
    private final int inWidth;
    private final int kernelHeight;
    private final int kernelWidth;
    private final int strideHeight;
    private final int strideWidth;
    private final int padHeight;
    private final int padWidth;
    private final int outHeight;
    private final int outWidth;

    private Pool2dGeometry(Builder b) {
        requireAtLeast("batch", b.batch, 0);
        requireAtLeast("channels", b.channels, 1);
        requireAtLeast("input height", b.inHeight, 1);
        requireAtLeast("input width", b.inWidth, 1);
        requireAtLeast("kernel height", b.kernelHeight, 1);
        requireAtLeast("kernel width", b.kernelWidth, 1);
        int sh = b.strideHeight == 0 ? b.kernelHeight : b.strideHeight;
        int sw = b.strideWidth == 0 ? b.kernelWidth : b.strideWidth;
        requireAtLeast("stride height", sh, 1);
        requireAtLeast("stride width", sw, 1);
        requireAtLeast("padding height", b.padHeight, 0);
        requireAtLeast("padding width", b.padWidth, 0);
        this.batch = b.batch;
        this.channels = b.channels;
        this.inHeight = b.inHeight;
        this.inWidth = b.inWidth;
        this.kernelHeight = b.kernelHeight;
        this.kernelWidth = b.kernelWidth;
        this.strideHeight = sh;
        this.strideWidth = sw;
        this.padHeight = b.padHeight;
        this.padWidth = b.padWidth;
        if (padHeight > kernelHeight / 2 || padWidth > kernelWidth / 2) {
            throw new ShapeException("pool2d: the padding " + padHeight + "x" + padWidth
                    + " must be at most half the kernel " + kernelHeight + "x" + kernelWidth
                    + " (so every window holds an input element)");
        }
        long paddedH = (long) inHeight + 2L * padHeight;
        long paddedW = (long) inWidth + 2L * padWidth;
        if (kernelHeight > paddedH || kernelWidth > paddedW) {
            throw new ShapeException("pool2d: the kernel " + kernelHeight + "x" + kernelWidth
                    + " is larger than the padded input " + paddedH + "x" + paddedW + " (input " + inHeight + "x"
                    + inWidth + ", padding " + padHeight + "x" + padWidth + " on each side)");
        }
        this.outHeight = (int) ((paddedH - kernelHeight) / strideHeight + 1);
        this.outWidth = (int) ((paddedW - kernelWidth) / strideWidth + 1);
        if ((long) batch * channels * inHeight * inWidth > Integer.MAX_VALUE) {
            throw new ShapeException("pool2d: the input would have more elements than an array can hold, in " + this);
        }
    }

    /** A builder; the stride defaults to the kernel size and the padding to 0, as in PyTorch. */
    public static Builder builder() {
        return new Builder();
    }

    /** This geometry for another batch size. */
    public Pool2dGeometry withBatch(int newBatch) {
        if (newBatch == batch) {
            return this;
        }
        return builder().batch(newBatch).channels(channels).input(inHeight, inWidth)
                .kernel(kernelHeight, kernelWidth).stride(strideHeight, strideWidth)
                .padding(padHeight, padWidth).build();
    }

    public int batch() {
        return batch;
    }

    public int channels() {
        return channels;
    }

    public int inHeight() {
        return inHeight;
    }

    public int inWidth() {
        return inWidth;
    }

    public int kernelHeight() {
        return kernelHeight;
    }

    public int kernelWidth() {
        return kernelWidth;
    }

    public int strideHeight() {
        return strideHeight;
    }

    public int strideWidth() {
        return strideWidth;
    }

    /** The padding above and below. */
    public int padHeight() {
        return padHeight;
    }

    /** The padding left and right. */
    public int padWidth() {
        return padWidth;
    }

    public int outHeight() {
        return outHeight;
    }

    public int outWidth() {
        return outWidth;
    }

    /** {@code batch * channels}: the number of planes pooled independently. */
    public int planes() {
        return batch * channels;
    }

    /** The elements of the whole input batch. */
    public int inputSize() {
        return planes() * inHeight * inWidth;
    }

    /** The elements of the whole output batch. */
    public int outputSize() {
        return planes() * outHeight * outWidth;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Pool2dGeometry)) {
            return false;
        }
        Pool2dGeometry g = (Pool2dGeometry) o;
        return batch == g.batch && channels == g.channels && inHeight == g.inHeight && inWidth == g.inWidth
                && kernelHeight == g.kernelHeight && kernelWidth == g.kernelWidth && strideHeight == g.strideHeight
                && strideWidth == g.strideWidth && padHeight == g.padHeight && padWidth == g.padWidth;
    }

    @Override
    public int hashCode() {
        int h = batch;
        for (int v : new int[] {channels, inHeight, inWidth, kernelHeight, kernelWidth, strideHeight, strideWidth,
            padHeight, padWidth}) {
            h = 31 * h + v;
        }
        return h;
    }

    /** For example {@code pool2d [64, 6, 24, 24] -> [64, 6, 12, 12], kernel 2x2, stride 2x2, padding 0x0}. */
    @Override
    public String toString() {
        return "pool2d [" + batch + ", " + channels + ", " + inHeight + ", " + inWidth + "] -> [" + batch + ", "
                + channels + ", " + outHeight + ", " + outWidth + "], kernel " + kernelHeight + "x" + kernelWidth
                + ", stride " + strideHeight + "x" + strideWidth + ", padding " + padHeight + "x" + padWidth;
    }

    private static void requireAtLeast(String what, int value, int min) {
        if (value < min) {
            throw new ShapeException("pool2d: " + what + " must be at least " + min + ", got " + value);
        }
    }

    /** Collects the values of a {@link Pool2dGeometry}; {@link #build()} validates them. */
    public static final class Builder {
        private static final int UNSET = Integer.MIN_VALUE;
        private int batch = UNSET;
        private int channels;
        private int inHeight;
        private int inWidth;
        private int kernelHeight;
        private int kernelWidth;
        private int strideHeight; // 0: the kernel height
        private int strideWidth;
        private int padHeight;
        private int padWidth;

        private Builder() {
        }

        /** The number of images (required; 0 makes every kernel a no-op). */
        public Builder batch(int batch) {
            this.batch = batch;
            return this;
        }

        /** The number of channels (required). */
        public Builder channels(int channels) {
            this.channels = channels;
            return this;
        }

        /** The input height and width (required). */
        public Builder input(int height, int width) {
            this.inHeight = height;
            this.inWidth = width;
            return this;
        }

        /** The window height and width (required). */
        public Builder kernel(int height, int width) {
            this.kernelHeight = height;
            this.kernelWidth = width;
            return this;
        }

        /** The step between windows, per axis (default: the kernel size, so windows do not overlap). */
        public Builder stride(int height, int width) {
            if (height == 0 || width == 0) {
                throw new ShapeException("pool2d: the stride must be at least 1, got " + height + "x" + width);
            }
            this.strideHeight = height;
            this.strideWidth = width;
            return this;
        }

        /** Implicit padding on both sides of each axis (default 0). */
        public Builder padding(int height, int width) {
            this.padHeight = height;
            this.padWidth = width;
            return this;
        }

        /**
         * The geometry.
         *
         * @throws ShapeException naming the first value out of range, or when the kernel is larger than the
         *                        padded input, with both shapes
         */
        public Pool2dGeometry build() {
            if (batch == UNSET) {
                throw new ShapeException("pool2d: the batch size was not set");
            }
            return new Pool2dGeometry(this);
        }
    }
}
