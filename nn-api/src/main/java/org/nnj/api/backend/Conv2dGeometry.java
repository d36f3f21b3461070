package org.nnj.api.backend;

import org.nnj.api.ShapeException;

/**
 * The shapes of one 2-D convolution call: a batch of {@code [batch, inChannels, inHeight, inWidth]} images
 * (NCHW), weights {@code [outChannels, inChannels, kernelHeight, kernelWidth]} (PyTorch's layout), an
 * optional bias {@code [outChannels]}, and an output {@code [batch, outChannels, outHeight, outWidth]}.
 * Immutable; validated when built, so kernels can trust it.
 *
 * <p>Output element {@code (n, o, i, j)} is
 * {@code bias[o] + sum over c, p, q of w[o, c, p, q] * x[n, c, i * strideH - padTop + p * dilationH,
 * j * strideW - padLeft + q * dilationW]}, where positions outside the input read zero: the padding here is
 * always zero padding (other modes are made with {@link ConvolutionKernels#pad2d} first). This is a
 * cross-correlation, as in every deep-learning framework. The output size is, per axis,
 * {@code (in + padBefore + padAfter - dilation * (kernel - 1) - 1) / stride + 1}, rounded down.
 *
 * <pre>{@code
 * Conv2dGeometry g = Conv2dGeometry.builder()
 *         .batch(64).channels(1, 6).input(28, 28).kernel(5, 5)
 *         .build(); // stride 1, dilation 1, no padding: output 24x24
 * }</pre>
 */
public final class Conv2dGeometry {
    private final int batch;
    private final int inChannels;
    private final int outChannels;
    private final int inHeight;
    private final int inWidth;
    private final int kernelHeight;
    private final int kernelWidth;
    private final int strideHeight;
    private final int strideWidth;
    private final int dilationHeight;
    private final int dilationWidth;
    private final int padTop;
    private final int padBottom;
    private final int padLeft;
    private final int padRight;
    private final int outHeight;
    private final int outWidth;

    private Conv2dGeometry(Builder b) {
        requireAtLeast("batch", b.batch, 0);
        requireAtLeast("input channels", b.inChannels, 1);
        requireAtLeast("output channels", b.outChannels, 1);
        requireAtLeast("input height", b.inHeight, 1);
        requireAtLeast("input width", b.inWidth, 1);
        requireAtLeast("kernel height", b.kernelHeight, 1);
        requireAtLeast("kernel width", b.kernelWidth, 1);
        requireAtLeast("stride height", b.strideHeight, 1);
        requireAtLeast("stride width", b.strideWidth, 1);
        requireAtLeast("dilation height", b.dilationHeight, 1);
        requireAtLeast("dilation width", b.dilationWidth, 1);
        requireAtLeast("padding top", b.padTop, 0);
        requireAtLeast("padding bottom", b.padBottom, 0);
        requireAtLeast("padding left", b.padLeft, 0);
        requireAtLeast("padding right", b.padRight, 0);
        this.batch = b.batch;
        this.inChannels = b.inChannels;
        this.outChannels = b.outChannels;
        this.inHeight = b.inHeight;
        this.inWidth = b.inWidth;
        this.kernelHeight = b.kernelHeight;
        this.kernelWidth = b.kernelWidth;
        this.strideHeight = b.strideHeight;
        this.strideWidth = b.strideWidth;
        this.dilationHeight = b.dilationHeight;
        this.dilationWidth = b.dilationWidth;
        this.padTop = b.padTop;
        this.padBottom = b.padBottom;
        this.padLeft = b.padLeft;
        this.padRight = b.padRight;
        long spanH = (long) dilationHeight * (kernelHeight - 1) + 1;
        long spanW = (long) dilationWidth * (kernelWidth - 1) + 1;
        long paddedH = (long) inHeight + padTop + padBottom;
        long paddedW = (long) inWidth + padLeft + padRight;
        if (spanH > paddedH || spanW > paddedW) {
            throw new ShapeException("the kernel " + kernelHeight + "x" + kernelWidth
                    + (dilationHeight == 1 && dilationWidth == 1 ? ""
                    : " (dilation " + dilationHeight + "x" + dilationWidth + ", spanning " + spanH + "x" + spanW + ")")
                    + " is larger than the padded input " + paddedH + "x" + paddedW + " (input " + inHeight + "x"
                    + inWidth + ", padding " + paddingText() + ")");
        }
        this.outHeight = (int) ((paddedH - spanH) / strideHeight + 1);
        this.outWidth = (int) ((paddedW - spanW) / strideWidth + 1);
        // Every array size must be an int: fail here rather than with an overflow in a kernel.
        checkSize("input", (long) batch * inChannels * inHeight * inWidth);
        checkSize("output", (long) batch * outChannels * outHeight * outWidth);
        checkSize("weight", (long) outChannels * inChannels * kernelHeight * kernelWidth);
        checkSize("im2col matrix", (long) inChannels * kernelHeight * kernelWidth * outHeight * outWidth);
    }

    /** A builder; stride and dilation default to 1, padding to 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** This geometry for another batch size. */
    public Conv2dGeometry withBatch(int newBatch) {
        if (newBatch == batch) {
            return this;
        }
        return toBuilder().batch(newBatch).build();
    }

    /** A builder holding this geometry's values. */
    public Builder toBuilder() {
        return builder().batch(batch).channels(inChannels, outChannels).input(inHeight, inWidth)
                .kernel(kernelHeight, kernelWidth).stride(strideHeight, strideWidth)
                .dilation(dilationHeight, dilationWidth).padding(padTop, padBottom, padLeft, padRight);
    }

    public int batch() {
        return batch;
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
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

    public int dilationHeight() {
        return dilationHeight;
    }

    public int dilationWidth() {
        return dilationWidth;
    }

    public int padTop() {
        return padTop;
    }

    public int padBottom() {
        return padBottom;
    }

    public int padLeft() {
        return padLeft;
    }

    public int padRight() {
        return padRight;
    }

    public int outHeight() {
        return outHeight;
    }

    public int outWidth() {
        return outWidth;
    }

    /** True when no side is padded. */
    public boolean unpadded() {
        return padTop == 0 && padBottom == 0 && padLeft == 0 && padRight == 0;
    }

    /** {@code inChannels * inHeight * inWidth}: the elements of one input image. */
    public int inputImageSize() {
        return inChannels * inHeight * inWidth;
    }

    /** {@code outChannels * outHeight * outWidth}: the elements of one output image. */
    public int outputImageSize() {
        return outChannels * outHeight * outWidth;
    }

    /** The elements of the whole input batch. */
    public int inputSize() {
        return batch * inputImageSize();
    }

    /** The elements of the whole output batch. */
    public int outputSize() {
        return batch * outputImageSize();
    }

    /** {@code outChannels * inChannels * kernelHeight * kernelWidth}: the elements of the weights. */
    public int weightSize() {
        return outChannels * patchSize();
    }

    /**
     * {@code inChannels * kernelHeight * kernelWidth}: the elements of one receptive field, which is the
     * inner dimension of the convolution as a matrix product (the rows of an im2col matrix).
     */
    public int patchSize() {
        return inChannels * kernelHeight * kernelWidth;
    }

    /** {@code outHeight * outWidth}: the positions of one output channel (the columns of an im2col matrix). */
    public int outputPlaneSize() {
        return outHeight * outWidth;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Conv2dGeometry)) {
            return false;
        }
        Conv2dGeometry g = (Conv2dGeometry) o;
        return batch == g.batch && inChannels == g.inChannels && outChannels == g.outChannels
                && inHeight == g.inHeight && inWidth == g.inWidth && kernelHeight == g.kernelHeight
                && kernelWidth == g.kernelWidth && strideHeight == g.strideHeight && strideWidth == g.strideWidth
                && dilationHeight == g.dilationHeight && dilationWidth == g.dilationWidth && padTop == g.padTop
                && padBottom == g.padBottom && padLeft == g.padLeft && padRight == g.padRight;
    }

    @Override
    public int hashCode() {
        int h = batch;
        for (int v : new int[] {inChannels, outChannels, inHeight, inWidth, kernelHeight, kernelWidth, strideHeight,
            strideWidth, dilationHeight, dilationWidth, padTop, padBottom, padLeft, padRight}) {
            h = 31 * h + v;
        }
        return h;
    }

    /** For example {@code conv2d [64, 1, 28, 28] -> [64, 6, 24, 24], kernel 5x5, stride 1x1, dilation 1x1, padding 0/0/0/0}. */
    @Override
    public String toString() {
        return "conv2d [" + batch + ", " + inChannels + ", " + inHeight + ", " + inWidth + "] -> [" + batch + ", "
                + outChannels + ", " + outHeight + ", " + outWidth + "], kernel " + kernelHeight + "x" + kernelWidth
                + ", stride " + strideHeight + "x" + strideWidth + ", dilation " + dilationHeight + "x" + dilationWidth
                + ", padding " + paddingText();
    }

    private String paddingText() {
        return "top " + padTop + ", bottom " + padBottom + ", left " + padLeft + ", right " + padRight;
    }

    private static void requireAtLeast(String what, int value, int min) {
        if (value < min) {
            throw new ShapeException("conv2d: " + what + " must be at least " + min + ", got " + value);
        }
    }

    private void checkSize(String what, long size) {
        if (size > Integer.MAX_VALUE) {
            throw new ShapeException("conv2d: the " + what + " would have " + size
                    + " elements, more than an array can hold, in " + this);
        }
    }

    /** Collects the values of a {@link Conv2dGeometry}; {@link #build()} validates them. */
    public static final class Builder {
        private static final int UNSET = Integer.MIN_VALUE;
        private int batch = UNSET;
        private int inChannels;
        private int outChannels;
        private int inHeight;
        private int inWidth;
        private int kernelHeight;
        private int kernelWidth;
        private int strideHeight = 1;
        private int strideWidth = 1;
        private int dilationHeight = 1;
        private int dilationWidth = 1;
        private int padTop;
        private int padBottom;
        private int padLeft;
        private int padRight;

        private Builder() {
        }

        /** The number of images (required; 0 is allowed and makes every kernel a no-op). */
        public Builder batch(int batch) {
            this.batch = batch;
            return this;
        }

        /** Input and output channels (required). */
        public Builder channels(int in, int out) {
            this.inChannels = in;
            this.outChannels = out;
            return this;
        }

        /** The input height and width (required). */
        public Builder input(int height, int width) {
            this.inHeight = height;
            this.inWidth = width;
            return this;
        }

        /** The kernel height and width (required). */
        public Builder kernel(int height, int width) {
            this.kernelHeight = height;
            this.kernelWidth = width;
            return this;
        }

        /** The step between output positions, per axis (default 1). */
        public Builder stride(int height, int width) {
            this.strideHeight = height;
            this.strideWidth = width;
            return this;
        }

        /** The step between kernel taps, per axis (default 1: adjacent pixels). */
        public Builder dilation(int height, int width) {
            this.dilationHeight = height;
            this.dilationWidth = width;
            return this;
        }

        /** Zero padding on each side (default 0). */
        public Builder padding(int top, int bottom, int left, int right) {
            this.padTop = top;
            this.padBottom = bottom;
            this.padLeft = left;
            this.padRight = right;
            return this;
        }

        /**
         * The geometry.
         *
         * @throws ShapeException naming the first value out of range, or when the (dilated) kernel is larger
         *                        than the padded input, with both shapes
         */
        public Conv2dGeometry build() {
            if (batch == UNSET) {
                throw new ShapeException("conv2d: the batch size was not set");
            }
            return new Conv2dGeometry(this);
        }
    }
}
