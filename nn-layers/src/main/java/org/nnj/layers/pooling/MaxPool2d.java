package org.nnj.layers.pooling;

import org.nnj.api.backend.Pool2dGeometry;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.layers.spatial.ImageShape;

/**
 * 2-D max pooling of {@code [C, H, W]} images, each channel on its own, with PyTorch's
 * {@code nn.MaxPool2d} defaults: the stride is the kernel size, no padding, the output size rounded down
 * ({@code ceil_mode=False}), no dilation. Padding, at most half the kernel, never wins a maximum. The gradient
 * goes to the first maximum of each window (see {@link org.nnj.api.backend.PoolingKernels}).
 *
 * <p>Config (provider {@code "max_pool2d"}): {@code kernel} (required), {@code stride} (default: the kernel),
 * {@code padding} (default 0), each an integer or {@code [height, width]}. No parameters. The forward pass
 * keeps its input in the context (the backward pass finds the maxima again), so inference from many threads
 * is safe.
 */
public final class MaxPool2d extends Pool2dLayer {
    /** The provider name. */
    public static final String TYPE = "max_pool2d";

    /** Non-overlapping {@code size x size} windows: the usual 2x2 halving. */
    public MaxPool2d(Shape inputShape, int size) {
        this(inputShape, new int[] {size, size}, new int[] {size, size}, new int[] {0, 0}, TYPE);
    }

    /**
     * @param kernel    {@code [height, width]} of the window
     * @param stride    {@code [height, width]} of the step between windows
     * @param padding   {@code [height, width]} added on both sides of each axis
     * @param layerName for messages, for example {@code "layer 2 (max_pool2d)"}
     * @throws org.nnj.api.ShapeException naming the layer when the input is not an image or the window does
     *                                    not fit
     */
    public MaxPool2d(Shape inputShape, int[] kernel, int[] stride, int[] padding, String layerName) {
        this(inputShape, geometry(inputShape, layerName, "max pooling", kernel, stride, padding));
    }

    private MaxPool2d(Shape inputShape, Pool2dGeometry geometry) {
        super(TYPE, new ImageShape(inputShape.dim(0), inputShape.dim(1), inputShape.dim(2)), geometry);
    }

    @Override
    protected Tensor doForward(Tensor input, LayerContext context) {
        int n = input.dim(0);
        Tensor output = context.allocate(outputShape().withBatch(n));
        context.backend().maxPool2dForward(geometry(n), input.data(), input.offset(), output.data(), output.offset());
        context.save(input);
        return output;
    }

    @Override
    protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
        if (!context.needsInputGradient()) {
            return null;
        }
        Tensor input = context.saved(0, Tensor.class);
        int n = input.dim(0);
        Tensor gradInput = context.allocate(input.shape());
        context.backend().maxPool2dBackward(geometry(n), input.data(), input.offset(), gradOutput.data(),
                gradOutput.offset(), gradInput.data(), gradInput.offset());
        return gradInput;
    }
}
