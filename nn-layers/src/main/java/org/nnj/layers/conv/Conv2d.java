package org.nnj.layers.conv;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.api.backend.Pad2dGeometry;
import org.nnj.api.backend.PaddingMode;
import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.layers.dense.DenseInit;
import org.nnj.layers.spatial.ImageShape;
import org.nnj.layers.spatial.SpatialText;

/**
 * A 2-D convolution (a cross-correlation, as in every framework) of {@code [C, H, W]} images with
 * {@code filters} kernels, giving {@code [filters, OH, OW]}.
 *
 * <ul>
 *   <li>Parameters: {@code "weight"} of shape {@code [filters, C, kh, kw]} (PyTorch's {@code nn.Conv2d}
 *       layout) and, unless disabled, {@code "bias"} of shape {@code [filters]}.</li>
 *   <li>Kernel, stride and dilation per axis (rectangular kernels allowed); padding per side or
 *       {@code "same"} ({@link Conv2dPadding}), filled as the {@link PaddingMode} says: zeros (default),
 *       reflect (mirror without repeating the edge), symmetric (mirror repeating the edge) or replicate (the
 *       edge value).</li>
 *   <li>Initialisation: {@link DenseInit#XAVIER} (default) or {@link DenseInit#HE} with
 *       {@code fanIn = C * kh * kw} and {@code fanOut = filters * kh * kw}; the bias starts at zero.</li>
 *   <li>Output size per axis: {@code (in + padBefore + padAfter - dilation * (kernel - 1) - 1) / stride + 1}.
 *       A kernel larger than the padded input is rejected when the layer is built.</li>
 * </ul>
 *
 * <h2>How it runs</h2>
 * Zero padding is done by the convolution kernels themselves. Other modes pad the input first with
 * {@link ComputeBackend#pad2d} into a buffer from the context, convolve that without padding, and send the
 * input gradient back through {@link ComputeBackend#pad2dBackward}. The convolution's workspace comes from
 * the context too and serves the forward and the backward pass, so a training step allocates nothing once
 * its buffers exist. Everything a backward pass needs is kept in the context: inference from many threads
 * is safe.
 */
public final class Conv2d extends AbstractLayer {
    /** The provider name. */
    public static final String TYPE = "conv2d";

    private final int filters;
    private final int[] kernel;
    private final int[] stride;
    private final int[] dilation;
    private final Conv2dPadding padding;
    private final PaddingMode paddingMode;
    private final DenseInit init;
    private final ImageShape in;
    /** The convolution of one image; its padding is zero unless the mode is ZEROS. */
    private final Conv2dGeometry geometry;
    /** The explicit padding of one image, or null when the convolution pads (or nothing is padded). */
    private final Pad2dGeometry padGeometry;
    private final Parameter weight;
    private final Parameter bias; // null without bias

    private Conv2d(Builder b, ImageShape in, Conv2dGeometry geometry, Pad2dGeometry padGeometry, long seed) {
        super(TYPE, in.toShape(), Shape.of(b.filters, geometry.outHeight(), geometry.outWidth()));
        this.filters = b.filters;
        this.kernel = b.kernel.clone();
        this.stride = b.stride.clone();
        this.dilation = b.dilation.clone();
        this.padding = b.padding;
        this.paddingMode = b.paddingMode;
        this.init = b.init;
        this.in = in;
        this.geometry = geometry;
        this.padGeometry = padGeometry;
        Shape weightShape = Shape.of(filters, in.channels(), kernel[0], kernel[1]);
        float[] w = new float[weightShape.size()];
        int area = kernel[0] * kernel[1];
        init.fill(w, in.channels() * area, filters * area, new SplittableRandom(seed));
        this.weight = new Parameter("weight", Tensor.wrap(w, weightShape));
        this.bias = b.bias ? new Parameter("bias", Tensor.zeros(filters)) : null;
    }

    /** A builder for a convolution with {@code filters} output channels. */
    public static Builder builder(int filters) {
        return new Builder(filters);
    }

    /** The weights, {@code [filters, channels, kh, kw]}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, {@code [filters]}, if the layer has one. */
    public Optional<Parameter> bias() {
        return Optional.ofNullable(bias);
    }

    /** The padding as configured ({@code "same"} or per side). */
    public Conv2dPadding padding() {
        return padding;
    }

    public PaddingMode paddingMode() {
        return paddingMode;
    }

    /** The resolved padding, {@code [top, bottom, left, right]}. */
    public int[] paddingSides() {
        if (padGeometry != null) {
            return new int[] {padGeometry.top(), padGeometry.bottom(), padGeometry.left(), padGeometry.right()};
        }
        return new int[] {geometry.padTop(), geometry.padBottom(), geometry.padLeft(), geometry.padRight()};
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    /**
     * {@code {filters, kernel, stride, dilation, padding, padding_mode, bias, init}}, sizes as
     * {@code [height, width]} and the padding as {@code "same"} or {@code [top, bottom, left, right]}.
     */
    @Override
    public Config config() {
        return Config.of("filters", filters, "kernel", kernel, "stride", stride, "dilation", dilation,
                "padding", padding.configValue(), "padding_mode", paddingMode.configName(),
                "bias", bias != null, "init", init.configName());
    }

    @Override
    protected Tensor doForward(Tensor input, LayerContext context) {
        ComputeBackend backend = context.backend();
        int n = input.dim(0);
        Tensor source = input;
        if (padGeometry != null) {
            Pad2dGeometry pg = padGeometry(n);
            source = context.allocate(Shape.of(n, in.channels(), pg.outHeight(), pg.outWidth()));
            backend.pad2d(pg, input.data(), input.offset(), source.data(), source.offset());
        }
        Conv2dGeometry g = geometry.withBatch(n);
        Tensor work = context.allocate(Shape.of(backend.conv2dWorkspaceSize(g)));
        Tensor output = context.allocate(outputShape().withBatch(n));
        Tensor b = bias == null ? null : bias.value();
        backend.conv2dForward(g, source.data(), source.offset(), weight.value().data(), weight.value().offset(),
                b == null ? null : b.data(), b == null ? 0 : b.offset(), output.data(), output.offset(),
                work.data(), work.offset());
        context.save(source, work);
        return output;
    }

    @Override
    protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
        ComputeBackend backend = context.backend();
        Tensor source = context.saved(0, Tensor.class);
        Tensor work = context.saved(1, Tensor.class);
        int n = gradOutput.dim(0);
        Conv2dGeometry g = geometry.withBatch(n);
        Tensor dw = weight.gradient();
        Tensor db = bias == null ? null : bias.gradient();
        backend.conv2dBackwardWeights(g, source.data(), source.offset(), gradOutput.data(), gradOutput.offset(),
                dw.data(), dw.offset(), db == null ? null : db.data(), db == null ? 0 : db.offset(),
                work.data(), work.offset());
        if (!context.needsInputGradient()) {
            return null;
        }
        Tensor gradSource = context.allocate(source.shape());
        backend.conv2dBackwardData(g, gradOutput.data(), gradOutput.offset(), weight.value().data(),
                weight.value().offset(), gradSource.data(), gradSource.offset(), work.data(), work.offset());
        if (padGeometry == null) {
            return gradSource;
        }
        Tensor gradInput = context.allocate(inputShape().withBatch(n));
        backend.pad2dBackward(padGeometry(n), gradSource.data(), gradSource.offset(), gradInput.data(),
                gradInput.offset());
        return gradInput;
    }

    private Pad2dGeometry padGeometry(int n) {
        Pad2dGeometry p = padGeometry;
        return new Pad2dGeometry(p.mode(), n * in.channels(), p.height(), p.width(), p.top(), p.bottom(), p.left(),
                p.right());
    }

    /**
     * For example {@code conv2d 5x5/1 same, 32 filters}: kernel / stride, the padding as configured
     * ({@link Conv2dPadding#describe()}) followed by its mode unless that is the default zero fill (so
     * {@code same reflect}), the dilation when it is not 1, the filters, and {@code no bias} when so.
     */
    @Override
    public String describe() {
        StringBuilder s = new StringBuilder(TYPE).append(' ').append(SpatialText.window(kernel, stride)).append(' ')
                .append(padding.describe());
        if (!padding.isNone() && paddingMode != PaddingMode.ZEROS) {
            s.append(' ').append(paddingMode.configName());
        }
        if (dilation[0] != 1 || dilation[1] != 1) {
            s.append(", dilation ").append(SpatialText.size(dilation));
        }
        s.append(", ").append(filters).append(filters == 1 ? " filter" : " filters");
        return bias == null ? s.append(", no bias").toString() : s.toString();
    }

    /**
     * For example {@code conv2d(5x5, stride 1x1, padding same/zeros)[1, 28, 28] -> [32, 28, 28]}; dilation
     * only when it is not 1.
     */
    @Override
    public String toString() {
        return TYPE + "(" + kernel[0] + "x" + kernel[1] + ", stride " + stride[0] + "x" + stride[1]
                + (dilation[0] == 1 && dilation[1] == 1 ? "" : ", dilation " + dilation[0] + "x" + dilation[1])
                + ", padding " + (padding.isSame() ? "same" : sidesText()) + "/" + paddingMode.configName() + ")"
                + inputShape() + " -> " + outputShape();
    }

    private String sidesText() {
        int[] s = paddingSides();
        return s[0] == s[1] && s[1] == s[2] && s[2] == s[3] ? String.valueOf(s[0])
                : s[0] + "," + s[1] + "," + s[2] + "," + s[3];
    }

    /** Collects a {@link Conv2d}'s settings; {@link #build} checks them against an input shape. */
    public static final class Builder {
        private final int filters;
        private int[] kernel;
        private int[] stride = {1, 1};
        private int[] dilation = {1, 1};
        private Conv2dPadding padding = Conv2dPadding.valid();
        private PaddingMode paddingMode = PaddingMode.ZEROS;
        private boolean bias = true;
        private DenseInit init = DenseInit.XAVIER;

        private Builder(int filters) {
            this.filters = filters;
        }

        /** A square kernel (required). */
        public Builder kernel(int size) {
            return kernel(size, size);
        }

        /** The kernel height and width (required). */
        public Builder kernel(int height, int width) {
            this.kernel = new int[] {height, width};
            return this;
        }

        /** The same stride on both axes (default 1). */
        public Builder stride(int step) {
            return stride(step, step);
        }

        public Builder stride(int height, int width) {
            this.stride = new int[] {height, width};
            return this;
        }

        /** The same dilation on both axes (default 1). */
        public Builder dilation(int step) {
            return dilation(step, step);
        }

        public Builder dilation(int height, int width) {
            this.dilation = new int[] {height, width};
            return this;
        }

        /** How much to pad (default {@link Conv2dPadding#valid()}). */
        public Builder padding(Conv2dPadding padding) {
            this.padding = Objects.requireNonNull(padding, "padding");
            return this;
        }

        /** How to fill the padding (default {@link PaddingMode#ZEROS}). */
        public Builder paddingMode(PaddingMode mode) {
            this.paddingMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Whether the layer has a bias (default true). */
        public Builder bias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /** The weight initialisation (default {@link DenseInit#XAVIER}). */
        public Builder init(DenseInit init) {
            this.init = Objects.requireNonNull(init, "init");
            return this;
        }

        /** The layer for {@code inputShape}, with weights drawn from {@code seed}. */
        public Conv2d build(Shape inputShape, long seed) {
            return build(inputShape, seed, TYPE);
        }

        /**
         * The layer for {@code inputShape} ({@code [C, H, W]}), with weights drawn from {@code seed}.
         *
         * @param layerName for messages, for example {@code "layer 0 (conv2d)"}
         * @throws ConfigException for a missing kernel or a size below 1
         * @throws ShapeException  naming the layer and the shapes when the input is not an image, when the
         *                         kernel is larger than the padded input, or when the padding mode cannot
         *                         make that much padding
         */
        public Conv2d build(Shape inputShape, long seed, String layerName) {
            if (filters < 1) {
                throw new ConfigException(layerName + ": 'filters' must be at least 1, got " + filters);
            }
            if (kernel == null) {
                throw new ConfigException(layerName + ": the kernel size is required");
            }
            requirePositive(layerName, "kernel", kernel);
            requirePositive(layerName, "stride", stride);
            requirePositive(layerName, "dilation", dilation);
            ImageShape image = ImageShape.of(inputShape, layerName, "a 2-D convolution");
            int[] sides = padding.resolve(image.height(), image.width(), kernel, stride, dilation);
            boolean explicit = paddingMode != PaddingMode.ZEROS && !(sides[0] == 0 && sides[1] == 0
                    && sides[2] == 0 && sides[3] == 0);
            try {
                Pad2dGeometry pad = explicit ? new Pad2dGeometry(paddingMode, image.channels(), image.height(),
                        image.width(), sides[0], sides[1], sides[2], sides[3]) : null;
                Conv2dGeometry.Builder g = Conv2dGeometry.builder().batch(1).channels(image.channels(), filters)
                        .kernel(kernel[0], kernel[1]).stride(stride[0], stride[1]).dilation(dilation[0], dilation[1]);
                if (explicit) {
                    g.input(pad.outHeight(), pad.outWidth());
                } else {
                    g.input(image.height(), image.width()).padding(sides[0], sides[1], sides[2], sides[3]);
                }
                return new Conv2d(this, image, g.build(), pad, seed);
            } catch (ShapeException e) {
                throw new ShapeException(layerName + ": cannot convolve input " + inputShape + " with a "
                        + kernel[0] + "x" + kernel[1] + " kernel, padding " + padding + " (" + paddingMode.configName()
                        + "): " + e.getMessage());
            }
        }

        private static void requirePositive(String layerName, String key, int[] v) {
            if (v[0] < 1 || v[1] < 1) {
                throw new ConfigException(layerName + ": '" + key + "' must be at least 1, got [" + v[0] + ", " + v[1]
                        + "]");
            }
        }
    }
}
