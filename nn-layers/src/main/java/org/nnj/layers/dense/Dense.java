package org.nnj.layers.dense;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * A fully connected layer: {@code y = x W^T + b} for a batch {@code x} of shape {@code [N, in]}, giving
 * {@code [N, out]}.
 *
 * <ul>
 *   <li>Parameters: {@code "weight"} of shape {@code [out, in]} (PyTorch's {@code nn.Linear} layout, so
 *       weights can be exchanged with it) and, unless disabled, {@code "bias"} of shape {@code [out]}.</li>
 *   <li>Initialisation: {@link DenseInit#XAVIER} (the default) or {@link DenseInit#HE}, from a seed; the
 *       bias starts at zero.</li>
 *   <li>Input: one dimension of features. Images ({@code [C, H, W]}) need a flatten layer first.</li>
 *   <li>Config (provider {@code "dense"}): {@code units} (required, at least 1), {@code bias} (default
 *       true), {@code init} ({@code "xavier"} or {@code "he"}, default {@code "xavier"}).</li>
 * </ul>
 *
 * <p>Both passes are three backend calls: the forward pass a GEMM and a bias add; the backward pass
 * {@code dW += dy^T x}, {@code db += column sums of dy} and, when the context needs it,
 * {@code dx = dy W}. The forward pass keeps its input in the context, never in a field, so inference from
 * many threads is safe.
 */
public final class Dense extends AbstractLayer {
    /** The provider name. */
    public static final String TYPE = "dense";

    private final int in;
    private final int out;
    private final DenseInit init;
    private final Parameter weight;
    private final Parameter bias; // null without bias

    /** A layer from {@code in} to {@code out} features with a bias and Xavier-uniform weights. */
    public Dense(int in, int out, long seed) {
        this(in, out, true, DenseInit.XAVIER, seed);
    }

    /**
     * A layer from {@code in} to {@code out} features.
     *
     * @param bias whether the layer has a bias (initialised to zero)
     * @param init how the weights are drawn from {@code seed}
     */
    public Dense(int in, int out, boolean bias, DenseInit init, long seed) {
        super(TYPE, Shape.of(checkSize("input size", in)), Shape.of(checkSize("units", out)));
        this.in = in;
        this.out = out;
        this.init = Objects.requireNonNull(init, "init");
        Shape weightShape = Shape.of(out, in); // fails clearly above 2^31-1 elements
        float[] w = new float[weightShape.size()];
        init.fill(w, in, out, new SplittableRandom(seed));
        this.weight = new Parameter("weight", Tensor.wrap(w, weightShape));
        this.bias = bias ? new Parameter("bias", Tensor.zeros(out)) : null;
    }

    /**
     * The number of input features of a layer built for {@code inputShape}, which must have rank 1.
     *
     * @param layerName for the message, for example {@code "layer 3 (dense)"}
     * @throws ShapeException naming the layer and suggesting a flatten layer when the rank is not 1
     */
    static int inputSize(Shape inputShape, String layerName) {
        if (inputShape.rank() != 1) {
            throw new ShapeException(layerName + ": a dense layer takes one dimension of features per sample, got"
                    + " input shape " + inputShape + "; add a flatten layer before it to turn " + inputShape
                    + " into [" + inputShape.size() + "]");
        }
        return inputShape.dim(0);
    }

    /** The weights, {@code [out, in]}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, {@code [out]}, if the layer has one. */
    public Optional<Parameter> bias() {
        return Optional.ofNullable(bias);
    }

    /** The initialisation this layer was built with. */
    public DenseInit init() {
        return init;
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    /** For example {@code dense 256}, or {@code dense 10, no bias}. */
    @Override
    public String describe() {
        return TYPE + " " + out + (bias == null ? ", no bias" : "");
    }

    /** {@code {units, bias, init}}: with {@link #type()} and the input shape, this rebuilds the layer. */
    @Override
    public Config config() {
        return Config.of("units", out, "bias", bias != null, "init", init.configName());
    }

    @Override
    protected Tensor doForward(Tensor input, LayerContext context) {
        ComputeBackend backend = context.backend();
        int n = input.dim(0);
        Tensor output = context.allocate(Shape.of(n, out));
        // y[N, out] = x[N, in] * W[out, in]^T
        backend.gemm(false, true, n, out, in,
                1f, input.data(), input.offset(), in,
                weight.value().data(), weight.value().offset(), in,
                0f, output.data(), output.offset(), out);
        if (bias != null) {
            backend.addRowVector(n, out, bias.value().data(), bias.value().offset(), output.data(), output.offset());
        }
        context.save(input);
        return output;
    }

    @Override
    protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
        ComputeBackend backend = context.backend();
        Tensor input = context.saved(0, Tensor.class);
        int n = input.dim(0);
        // dW[out, in] += dy[N, out]^T * x[N, in]
        Tensor dw = weight.gradient();
        backend.gemm(true, false, out, in, n,
                1f, gradOutput.data(), gradOutput.offset(), out,
                input.data(), input.offset(), in,
                1f, dw.data(), dw.offset(), in);
        if (bias != null) {
            Tensor db = bias.gradient();
            backend.addColumnSums(n, out, gradOutput.data(), gradOutput.offset(), db.data(), db.offset());
        }
        if (!context.needsInputGradient()) {
            return null;
        }
        // dx[N, in] = dy[N, out] * W[out, in]
        Tensor gradInput = context.allocate(Shape.of(n, in));
        backend.gemm(false, false, n, in, out,
                1f, gradOutput.data(), gradOutput.offset(), out,
                weight.value().data(), weight.value().offset(), in,
                0f, gradInput.data(), gradInput.offset(), in);
        return gradInput;
    }

    private static int checkSize(String what, int size) {
        if (size < 1) {
            throw new ConfigException("dense: " + what + " must be at least 1, got " + size);
        }
        return size;
    }
}
