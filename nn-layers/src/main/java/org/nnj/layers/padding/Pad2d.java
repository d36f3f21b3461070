package org.nnj.layers.padding;

import java.util.List;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.Pad2dGeometry;
import org.nnj.api.backend.PaddingMode;
import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.layers.spatial.ImageShape;

/**
 * Pads images {@code [C, H, W]} by a number of elements on each side, filled as a {@link PaddingMode} says
 * (zeros, reflect, symmetric, replicate): PyTorch's {@code F.pad} on the last two dimensions, and ONNX's
 * {@code Pad} where no convolution follows to pad inside. Both passes are one backend call each
 * ({@link ComputeBackend#pad2d}, {@link ComputeBackend#pad2dBackward}); no parameters.
 *
 * <p>Config (provider {@code "pad2d"}): {@code padding} (required: an integer for every side,
 * {@code [vertical, horizontal]} or {@code [top, bottom, left, right]}), {@code mode} ({@code "zeros"},
 * the default, {@code "reflect"}, {@code "symmetric"} or {@code "replicate"}).
 */
public final class Pad2d extends AbstractLayer {
    /** The provider name. */
    public static final String TYPE = "pad2d";

    private final ImageShape in;
    private final Pad2dGeometry geometry; // one image

    /**
     * A layer padding images of {@code inputShape} by {@code sides} ({@code [top, bottom, left, right]}).
     *
     * @param layerName for messages, for example {@code "layer 2 (pad2d)"}
     * @throws ShapeException when the input is not an image or the mode cannot pad that much (reflect adds
     *                        at most size - 1 on a side)
     */
    public Pad2d(Shape inputShape, int[] sides, PaddingMode mode, String layerName) {
        this(ImageShape.of(inputShape, layerName, "2-D padding"), sides, mode, layerName);
    }

    private Pad2d(ImageShape in, int[] sides, PaddingMode mode, String layerName) {
        this(in, geometry(in, sides, mode, layerName));
    }

    private Pad2d(ImageShape in, Pad2dGeometry g) {
        super(TYPE, in.toShape(), Shape.of(in.channels(), g.outHeight(), g.outWidth()));
        this.in = in;
        this.geometry = g;
    }

    private static Pad2dGeometry geometry(ImageShape in, int[] sides, PaddingMode mode, String layerName) {
        if (sides.length != 4) {
            throw new ShapeException(layerName + ": padding needs 4 sides [top, bottom, left, right], got "
                    + sides.length);
        }
        try {
            return new Pad2dGeometry(mode, in.channels(), in.height(), in.width(), sides[0], sides[1], sides[2],
                    sides[3]);
        } catch (ShapeException e) {
            throw new ShapeException(layerName + ": cannot pad input " + in.toShape() + ": " + e.getMessage());
        }
    }

    /** The padding, {@code [top, bottom, left, right]}. */
    public int[] sides() {
        return new int[] {geometry.top(), geometry.bottom(), geometry.left(), geometry.right()};
    }

    public PaddingMode mode() {
        return geometry.mode();
    }

    /** {@code {padding: [top, bottom, left, right], mode}}. */
    @Override
    public Config config() {
        return Config.of("padding", List.of(geometry.top(), geometry.bottom(), geometry.left(), geometry.right()),
                "mode", geometry.mode().configName());
    }

    /** For example {@code pad2d 1 reflect}, or {@code pad2d t0 b1 l1 r2 zeros}. */
    @Override
    public String describe() {
        Pad2dGeometry g = geometry;
        boolean even = g.top() == g.bottom() && g.bottom() == g.left() && g.left() == g.right();
        return TYPE + " " + (even ? Integer.toString(g.top())
                : "t" + g.top() + " b" + g.bottom() + " l" + g.left() + " r" + g.right()) + " "
                + g.mode().configName();
    }

    @Override
    protected Tensor doForward(Tensor input, LayerContext context) {
        int n = input.dim(0);
        Tensor output = context.allocate(outputShape().withBatch(n));
        context.backend().pad2d(batch(n), input.data(), input.offset(), output.data(), output.offset());
        return output;
    }

    @Override
    protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
        if (!context.needsInputGradient()) {
            return null;
        }
        int n = gradOutput.dim(0);
        Tensor gradInput = context.allocate(inputShape().withBatch(n));
        context.backend().pad2dBackward(batch(n), gradOutput.data(), gradOutput.offset(), gradInput.data(),
                gradInput.offset());
        return gradInput;
    }

    private Pad2dGeometry batch(int n) {
        Pad2dGeometry g = geometry;
        return new Pad2dGeometry(g.mode(), n * in.channels(), g.height(), g.width(), g.top(), g.bottom(), g.left(),
                g.right());
    }
}
