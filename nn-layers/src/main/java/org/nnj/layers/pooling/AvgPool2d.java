package org.nnj.layers.pooling;

import org.nnj.api.backend.Pool2dGeometry;
import org.nnj.api.config.Config;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.layers.spatial.ImageShape;

/**
 * 2-D average pooling of {@code [C, H, W]} images, each channel on its own, with PyTorch's
 * {@code nn.AvgPool2d} defaults: the stride is the kernel size, no padding, the output size rounded down
 * ({@code ceil_mode=False}), and {@code count_include_pad=True}: padding counts as zeros, so every window is
 * divided by {@code kh * kw}. With {@code count_include_pad=false} a window is divided by the number of input
 * pixels it covers.
 *
 * <p>Config (provider {@code "avg_pool2d"}): {@code kernel} (required), {@code stride} (default: the kernel),
 * {@code padding} (default 0), each an integer or {@code [height, width]}; {@code count_include_pad} (default
 * true). No parameters, and nothing kept for the backward pass but the batch size.
 */
public final class AvgPool2d extends Pool2dLayer {
    /** The provider name. */
    public static final String TYPE = "avg_pool2d";

    private final boolean countIncludePad;

    /** Non-overlapping {@code size x size} windows. */
    public AvgPool2d(Shape inputShape, int size) {
        this(inputShape, new int[] {size, size}, new int[] {size, size}, new int[] {0, 0}, true, TYPE);
    }

    /**
     * @param kernel          {@code [height, width]} of the window
     * @param stride          {@code [height, width]} of the step between windows
     * @param padding         {@code [height, width]} added on both sides of each axis
     * @param countIncludePad whether padding counts in the divisor (PyTorch's default: true)
     * @param layerName       for messages, for example {@code "layer 2 (avg_pool2d)"}
     * @throws org.nnj.api.ShapeException naming the layer when the input is not an image or the window does
     *                                    not fit
     */
    public AvgPool2d(Shape inputShape, int[] kernel, int[] stride, int[] padding, boolean countIncludePad,
                     String layerName) {
        this(inputShape, geometry(inputShape, layerName, "average pooling", kernel, stride, padding),
                countIncludePad);
    }

    private AvgPool2d(Shape inputShape, Pool2dGeometry geometry, boolean countIncludePad) {
        super(TYPE, new ImageShape(inputShape.dim(0), inputShape.dim(1), inputShape.dim(2)), geometry);
        this.countIncludePad = countIncludePad;
    }

    public boolean countIncludePad() {
        return countIncludePad;
    }

    /** As {@link Pool2dLayer#describe()}, plus {@code pad not counted} when there is padding and it does not count. */
    @Override
    public String describe() {
        return countIncludePad || !padded() ? super.describe() : super.describe() + ", pad not counted";
    }

    /** {@code {kernel, stride, padding, count_include_pad}}. */
    @Override
    public Config config() {
        return super.config().with("count_include_pad", countIncludePad);
    }

    @Override
    protected Tensor doForward(Tensor input, LayerContext context) {
        int n = input.dim(0);
        Tensor output = context.allocate(outputShape().withBatch(n));
        context.backend().avgPool2dForward(countIncludePad, geometry(n), input.data(), input.offset(),
                output.data(), output.offset());
        return output;
    }

    @Override
    protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
        if (!context.needsInputGradient()) {
            return null;
        }
        int n = gradOutput.dim(0);
        Tensor gradInput = context.allocate(inputShape().withBatch(n));
        context.backend().avgPool2dBackward(countIncludePad, geometry(n), gradOutput.data(), gradOutput.offset(),
                gradInput.data(), gradInput.offset());
        return gradInput;
    }
}
