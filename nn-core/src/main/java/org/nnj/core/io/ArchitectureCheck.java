package org.nnj.core.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.nnj.api.ConfigException;
import org.nnj.api.DataFormatException;
import org.nnj.api.ShapeException;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * The sizes a model file's architecture implies, checked against the file itself before anything of that
 * size is allocated, so that an edited config ({@code units} 2,000,000 against a 256-row weight, a
 * convolution padded by a million pixels) is a {@link DataFormatException} within milliseconds rather
 * than an {@link OutOfMemoryError} after seconds. {@link ModelFileReader} builds the model one layer at a
 * time and calls {@link #beforeBuild} and {@link #afterBuild} around each layer.
 *
 * <h2>The rules</h2>
 * <ul>
 *   <li><b>Parameters agree with the tensors before they exist.</b> For the built-in layers whose weights
 *       a config sizes ({@code dense}: {@code [units, in]}, {@code conv2d}: {@code [filters, channels,
 *       kh, kw]}), the weight shape the config implies for the layer's input shape is compared with the
 *       file's tensor {@code "<index>.weight"} before the provider is called. Any other layer (a
 *       third-party plugin) is trusted to validate its own config; its parameters and buffers are compared
 *       with the file's tensors as soon as it is built, before the next layer is.</li>
 *   <li><b>Per-sample sizes are bounded.</b> The input shape has at most {@value #MAX_INPUT_ELEMENTS}
 *       elements. No layer's output, no convolution's or pooling's zero-padded input, and no convolution's
 *       lowered (im2col) matrix or pooling's visited window elements may exceed, per sample,
 *       {@code max(}{@value #MIN_SAMPLE_CAP}{@code , }{@value #SAMPLE_RATIO}{@code  * input elements)}:
 *       16 MB of floats for a Fashion-MNIST model, 600 MB for 224x224 colour images, well above what the
 *       usual architectures use (VGG's largest lowered matrix is 192 times its input) and well below what
 *       a padding, dilation, stride or kernel edited by orders of magnitude implies. Layers without
 *       parameters (pooling, flatten) are covered by these bounds, since their configs can still imply
 *       huge activations.</li>
 * </ul>
 */
final class ArchitectureCheck {
    /** The largest per-sample input a model file may declare (64 MB of floats). */
    static final int MAX_INPUT_ELEMENTS = 1 << 24;
    /** Per-sample sizes up to this many elements are always accepted (16 MB of floats). */
    static final long MIN_SAMPLE_CAP = 1L << 22;
    /** Per-sample sizes are accepted up to this many times the model's input elements. */
    static final long SAMPLE_RATIO = 1024;

    private static final String DENSE = "org.nnj.layers.dense.DenseProvider";
    private static final String CONV = "org.nnj.layers.conv.Conv2dProvider";
    private static final String MAX_POOL = "org.nnj.layers.pooling.MaxPool2dProvider";
    private static final String AVG_POOL = "org.nnj.layers.pooling.AvgPool2dProvider";

    private final Path file;
    private final Safetensors.Contents contents;
    private final Map<String, Tensor> tensors;
    private final long cap;

    /**
     * @throws DataFormatException when the input shape is larger than {@value #MAX_INPUT_ELEMENTS} elements
     */
    ArchitectureCheck(Path file, Shape inputShape, Safetensors.Contents contents) {
        this.file = file;
        this.contents = contents;
        this.tensors = contents.tensors();
        if (inputShape.size() > MAX_INPUT_ELEMENTS) {
            throw new DataFormatException(file + ": the architecture's input shape " + inputShape + " has "
                    + inputShape.size() + " elements per sample, more than the " + MAX_INPUT_ELEMENTS
                    + " a model file may declare; the file is damaged or was edited");
        }
        this.cap = Math.max(MIN_SAMPLE_CAP, SAMPLE_RATIO * inputShape.size());
    }

    /** The largest per-sample size any layer may imply. */
    long cap() {
        return cap;
    }

    /**
     * Checks what layer {@code index}'s config implies, for a built-in provider, against the file's
     * tensors and the size bounds, before the provider builds (and allocates) anything. A config the
     * checks cannot read is left to the provider, which reports it.
     */
    void beforeBuild(int index, LayerSpec spec, LayerProvider provider, Shape input) {
        if (provider == null) {
            return;
        }
        String name = layerName(index, spec.type());
        String kind = provider.getClass().getName();
        Config c = spec.config();
        try {
            switch (kind) {
                case DENSE:
                    if (input.rank() == 1 && c.has("units")) {
                        long units = c.getLong("units");
                        expectWeight(index, name, "'units' " + units, units, input.dim(0));
                    }
                    break;
                case CONV:
                    if (input.rank() == 3 && c.has("filters") && c.has("kernel")) {
                        long filters = c.getLong("filters");
                        int[] kernel = pair(c, "kernel", null);
                        expectWeight(index, name, "'filters' " + filters + ", 'kernel' "
                                + Arrays.toString(kernel), filters, input.dim(0), kernel[0], kernel[1]);
                        checkPadded(name, input, convPadding(c, kernel, pair(c, "dilation", new int[] {1, 1})));
                    }
                    break;
                case MAX_POOL:
                case AVG_POOL:
                    if (input.rank() == 3) {
                        int[] p = pair(c, "padding", new int[] {0, 0});
                        checkPadded(name, input, new long[] {2L * p[0], 2L * p[1]});
                    }
                    break;
                default:
                    break;
            }
        } catch (ConfigException | ShapeException | ArithmeticException e) {
            // A config the provider itself rejects, with its own message, when it is built.
        }
    }

    /**
     * Checks built layer {@code index}: its output and, for the built-in spatial layers, the work per
     * sample against the bounds, and its parameters and buffers against the file's tensors, before the
     * next layer is built on its output shape.
     */
    void afterBuild(int index, Layer layer, LayerProvider provider, Shape input) {
        String name = layerName(index, layer.type());
        Shape out = layer.outputShape();
        requireWithinCap(name, "output " + out, out.size());
        String kind = provider == null ? "" : provider.getClass().getName();
        boolean conv = kind.equals(CONV);
        if ((conv || kind.equals(MAX_POOL) || kind.equals(AVG_POOL)) && input.rank() == 3 && out.rank() == 3) {
            try {
                int[] kernel = pair(layer.config(), "kernel", null);
                long lowered = (long) kernel[0] * kernel[1] * input.dim(0) * out.dim(1) * out.dim(2);
                requireWithinCap(name, conv ? "lowered (im2col) matrix of " + lowered + " elements"
                        : "pooling windows of " + lowered + " elements", lowered);
            } catch (ConfigException | ShapeException | ArithmeticException e) {
                // A layer that does not report its kernel as the built-in ones do: nothing more to check.
            }
        }
        for (var p : layer.parameters()) {
            expectTensor(name, index + "." + p.name(), "parameter", p.shape());
        }
        for (var b : layer.buffers().entrySet()) {
            expectTensor(name, index + "." + b.getKey(), "buffer", b.getValue().shape());
        }
    }

    private void expectTensor(String layer, String tensor, String what, Shape shape) {
        Tensor t = tensors.get(tensor);
        if (t != null && !t.shape().equals(shape)) {
            throw new DataFormatException(file + ", " + contents.describe(tensor) + ": shape " + t.shape()
                    + " does not match the shape " + shape + " that " + layer + " of the architecture gives its "
                    + what + "; the architecture does not match the weights (was the header edited?)");
        }
        // A missing tensor is reported with the full list of tensors once the model is built.
    }

    /** The weight {@code [dims...]} that {@code why} implies must be the file's {@code "<index>.weight"}. */
    private void expectWeight(int index, String name, String why, long... dims) {
        String tensor = index + ".weight";
        Tensor t = tensors.get(tensor);
        int[] actual = t == null ? null : t.shape().dims();
        long[] widened = actual == null ? null : Arrays.stream(actual).asLongStream().toArray();
        if (!Arrays.equals(widened, dims)) {
            throw new DataFormatException(file + ", " + (t == null ? "tensor '" + tensor + "'" : contents.describe(tensor))
                    + ": " + (t == null ? "missing" : "shape " + t.shape()) + ", but " + name + " of the architecture has "
                    + why + ", which gives its weight the shape " + Arrays.toString(dims) + "; the architecture does"
                    + " not match the weights (was the header edited?), so the layer is not built");
        }
    }

    /** {@code input} padded by {@code [vertical, horizontal]} in total must stay within the cap. */
    private void checkPadded(String name, Shape input, long[] padding) {
        long padded = input.dim(0) * (input.dim(1) + padding[0]) * (input.dim(2) + padding[1]);
        requireWithinCap(name, "padded input [" + input.dim(0) + ", " + (input.dim(1) + padding[0]) + ", "
                + (input.dim(2) + padding[1]) + "]", padded);
    }

    /**
     * The total vertical and horizontal padding of a conv2d config: its explicit sides, or for
     * {@code "same"} at most the dilated kernel's span.
     */
    private static long[] convPadding(Config c, int[] kernel, int[] dilation) {
        Object v = c.asMap().get("padding");
        if (v == null || "valid".equals(v) || "none".equals(v)) {
            return new long[] {0, 0};
        }
        if ("same".equals(v)) {
            return new long[] {(long) dilation[0] * (kernel[0] - 1) + 1, (long) dilation[1] * (kernel[1] - 1) + 1};
        }
        int[] p = c.getIntArray("padding");
        switch (p.length) {
            case 1:
                return new long[] {2L * p[0], 2L * p[0]};
            case 2:
                return new long[] {2L * p[0], 2L * p[1]};
            case 4:
                return new long[] {(long) p[0] + p[1], (long) p[2] + p[3]};
            default:
                return new long[] {0, 0};
        }
    }

    /** An integer or [height, width] setting, as the built-in 2-D layers read it. */
    private static int[] pair(Config c, String key, int[] defaultValue) {
        if (!c.has(key) && defaultValue != null) {
            return defaultValue;
        }
        int[] v = c.getIntArray(key);
        if (v.length == 1) {
            return new int[] {v[0], v[0]};
        }
        if (v.length != 2) {
            throw new ConfigException(key + ": not an integer or [height, width]"); // the provider says it better
        }
        return v;
    }

    private void requireWithinCap(String name, String what, long elements) {
        if (elements > cap) {
            throw new DataFormatException(file + ": " + name + " would need a " + what + " of " + elements
                    + " elements per sample, more than the " + cap + " that a model with this input shape may"
                    + " (max(" + MIN_SAMPLE_CAP + ", " + SAMPLE_RATIO + " x the input's elements)); the layer's"
                    + " config is implausible: the file is damaged or was edited");
        }
    }

    private static String layerName(int index, String type) {
        return "layer " + index + " (" + type + ")";
    }
}
