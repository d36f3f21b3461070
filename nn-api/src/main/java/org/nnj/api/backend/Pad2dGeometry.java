package org.nnj.api.backend;

import java.util.Objects;
import org.nnj.api.ShapeException;

/**
 * The shapes of one {@link ConvolutionKernels#pad2d} call: {@code planes} images of
 * {@code height x width} (for NCHW data, {@code planes = batch * channels}), each extended by {@code top},
 * {@code bottom}, {@code left} and {@code right} elements filled as {@code mode} says, giving planes of
 * {@link #outHeight()} x {@link #outWidth()}. Validated when built: reflect can add at most
 * {@code size - 1} on a side and symmetric at most {@code size}, as in PyTorch and TensorFlow.
 */
public record Pad2dGeometry(PaddingMode mode, int planes, int height, int width,
                            int top, int bottom, int left, int right) {

    /**
     * @throws ShapeException for a negative or zero size, a negative padding, or a padding the mode cannot
     *                        make, naming the side, the mode and the limit
     */
    public Pad2dGeometry {
        Objects.requireNonNull(mode, "mode");
        if (planes < 0) {
            throw new ShapeException("pad2d: planes must be at least 0, got " + planes);
        }
        if (height < 1 || width < 1) {
            throw new ShapeException("pad2d: the input must be at least 1x1, got " + height + "x" + width);
        }
        checkSide(mode, "top", top, "height", height);
        checkSide(mode, "bottom", bottom, "height", height);
        checkSide(mode, "left", left, "width", width);
        checkSide(mode, "right", right, "width", width);
        if ((long) planes * (height + (long) top + bottom) * (width + (long) left + right) > Integer.MAX_VALUE) {
            throw new ShapeException("pad2d: the padded output would have more elements than an array can hold");
        }
    }

    /** {@code height + top + bottom}. */
    public int outHeight() {
        return height + top + bottom;
    }

    /** {@code width + left + right}. */
    public int outWidth() {
        return width + left + right;
    }

    /** The elements of the whole input. */
    public int inputSize() {
        return planes * height * width;
    }

    /** The elements of the whole padded output. */
    public int outputSize() {
        return planes * outHeight() * outWidth();
    }

    private static void checkSide(PaddingMode mode, String side, int pad, String axis, int size) {
        if (pad < 0) {
            throw new ShapeException("pad2d: the " + side + " padding must be at least 0, got " + pad);
        }
        if (pad > mode.maxPadding(size)) {
            throw new ShapeException("pad2d: " + mode.configName() + " padding can add at most "
                    + mode.maxPadding(size) + " on a side of an input of " + axis + " " + size + ", got " + side
                    + " padding " + pad);
        }
    }
}
