package org.nnj.layers.normalization;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.layers.spatial.ImageShape;

/**
 * Batch normalisation of {@code [C, H, W]} images per channel, as PyTorch's {@code nn.BatchNorm2d}:
 * {@code y = (x - mean) / sqrt(var + eps) * weight + bias}.
 *
 * <ul>
 *   <li>Training: {@code mean} and {@code var} are those of the batch, over the batch and the positions
 *       ({@code N * H * W} values per channel; the biased variance normalises). The running estimates are
 *       updated as {@code running = (1 - momentum) * running + momentum * batch}, with the unbiased variance,
 *       as PyTorch does. A channel needs more than one value per batch.</li>
 *   <li>Inference: the running estimates are used, so the output of a sample does not depend on its
 *       batch.</li>
 *   <li>Parameters (when {@code affine}): {@code "weight"} ({@code [C]}, starting at 1) and {@code "bias"}
 *       ({@code [C]}, starting at 0). The running mean (starting at 0) and variance (starting at 1) are not
 *       trained; they are the layer's {@linkplain #buffers() buffers} {@code "running_mean"} and
 *       {@code "running_var"} (PyTorch's names), saved in model files, and read with {@link #runningMean()}
 *       and {@link #runningVar()}.</li>
 *   <li>Config (provider {@code "batch_norm2d"}): {@code eps} (default 1e-5), {@code momentum} (default 0.1),
 *       {@code affine} (default true), as PyTorch.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Inference only reads the running estimates, so it is safe from many threads. A training forward pass
 * writes them: train a model from one thread at a time (as every training loop does) and do not run
 * inference on it while it trains. Per-call values (the batch statistics) live in the context.
 *
 * <h2>Computation</h2>
 * The work over the elements runs on the {@linkplain LayerContext#backend() backend}'s
 * {@link org.nnj.api.backend.NormalizationKernels}: {@code batchNormStatistics} (mean and biased variance per
 * channel, summed in double precision), {@code batchNormForward} and {@code batchNormBackward} (PyTorch's
 * gradients; {@code dweight = sum(dy * xhat)} and {@code dbias = sum(dy)} are added to the parameters'
 * gradients). The layer itself only loops over the channels, to turn the variance into
 * {@code 1 / sqrt(var + eps)} and to update the running estimates.
 */
public final class BatchNorm2d extends AbstractLayer {
    /** The provider name. */
    public static final String TYPE = "batch_norm2d";
    /** PyTorch's default {@code eps}. */
    public static final double DEFAULT_EPS = 1e-5;
    /** PyTorch's default {@code momentum}. */
    public static final double DEFAULT_MOMENTUM = 0.1;

    private final ImageShape image;
    private final double eps;
    private final double momentum;
    private final Parameter weight; // null unless affine
    private final Parameter bias; // null unless affine
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Map<String, Tensor> buffers;

    /** A layer for images of {@code inputShape} with PyTorch's defaults: eps 1e-5, momentum 0.1, affine. */
    public BatchNorm2d(Shape inputShape) {
        this(inputShape, DEFAULT_EPS, DEFAULT_MOMENTUM, true, TYPE);
    }

    /**
     * @param eps      added to the variance, positive
     * @param momentum the weight of the batch in the running estimates, in {@code [0, 1]}
     * @param affine   whether the layer has a learnt weight and bias
     * @param layerName for messages, for example {@code "layer 1 (batch_norm2d)"}
     */
    public BatchNorm2d(Shape inputShape, double eps, double momentum, boolean affine, String layerName) {
        super(TYPE, inputShape, inputShape);
        this.image = ImageShape.of(inputShape, layerName, "2-D batch normalisation");
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new ConfigException(layerName + ": 'eps' must be positive, got " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new ConfigException(layerName + ": 'momentum' must be in [0, 1], got " + momentum);
        }
        this.eps = eps;
        this.momentum = momentum;
        int c = image.channels();
        if (affine) {
            Tensor ones = Tensor.zeros(c);
            ones.fill(1f);
            this.weight = new Parameter("weight", ones);
            this.bias = new Parameter("bias", Tensor.zeros(c));
        } else {
            this.weight = null;
            this.bias = null;
        }
        this.runningMean = Tensor.zeros(c);
        this.runningVar = Tensor.zeros(c);
        runningVar.fill(1f);
        Map<String, Tensor> named = new LinkedHashMap<>();
        named.put("running_mean", runningMean);
        named.put("running_var", runningVar);
        this.buffers = Collections.unmodifiableMap(named);
    }

    /** The running mean per channel, {@code [C]}: a buffer, not a parameter (saved with the model, not trained). */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance per channel, {@code [C]}. */
    public Tensor runningVar() {
        return runningVar;
    }

    /** The scale, {@code [C]}, when the layer is affine. */
    public Optional<Parameter> weight() {
        return Optional.ofNullable(weight);
    }

    /** The shift, {@code [C]}, when the layer is affine. */
    public Optional<Parameter> bias() {
        return Optional.ofNullable(bias);
    }

    @Override
    public List<Parameter> parameters() {
        return weight == null ? List.of() : List.of(weight, bias);
    }

    /** {@code running_mean} and {@code running_var}, {@code [C]} each. */
    @Override
    public Map<String, Tensor> buffers() {
        return buffers;
    }

    /** {@code batch_norm2d}, followed by the settings that differ from PyTorch's defaults. */
    @Override
    public String describe() {
        StringJoiner differences = new StringJoiner(", ", " ", "").setEmptyValue("");
        if (eps != DEFAULT_EPS) {
            differences.add("eps=" + eps);
        }
        if (momentum != DEFAULT_MOMENTUM) {
            differences.add("momentum=" + momentum);
        }
        if (weight == null) {
            differences.add("not affine");
        }
        return TYPE + differences;
    }

    /** {@code {eps, momentum, affine}}. */
    @Override
    public Config config() {
        return Config.of("eps", eps, "momentum", momentum, "affine", weight != null);
    }

    @Override
    protected Tensor doForward(Tensor input, LayerContext context) {
        ComputeBackend backend = context.backend();
        int n = input.dim(0);
        int channels = image.channels();
        int plane = image.planeSize();
        // stats[c] = mean, stats[C + c] = 1 / sqrt(var + eps): what normalised this call.
        Tensor stats = context.allocate(Shape.of(2 * channels));
        float[] s = stats.data();
        int so = stats.offset();
        float[] rm = runningMean.data();
        float[] rv = runningVar.data();
        if (context.isTraining()) {
            long count = (long) n * plane;
            if (count < 2) {
                throw new ShapeException(this + ": training needs more than one value per channel, got a batch of "
                        + n + " with " + plane + " positions");
            }
            // The biased variance lands where 1 / sqrt(var + eps) goes, and is replaced by it per channel.
            backend.batchNormStatistics(n, channels, plane, input.data(), input.offset(), s, so, s, so + channels);
            for (int c = 0; c < channels; c++) {
                double mean = s[so + c];
                double var = s[so + channels + c];
                s[so + channels + c] = (float) (1 / Math.sqrt(var + eps));
                rm[c] = (float) ((1 - momentum) * rm[c] + momentum * mean);
                rv[c] = (float) ((1 - momentum) * rv[c] + momentum * var * count / (count - 1));
            }
        } else {
            for (int c = 0; c < channels; c++) {
                s[so + c] = rm[c];
                s[so + channels + c] = (float) (1 / Math.sqrt(rv[c] + eps));
            }
        }
        Tensor output = context.allocate(input.shape());
        backend.batchNormForward(n, channels, plane, input.data(), input.offset(), s, so, s, so + channels,
                weight == null ? null : weight.value().data(), weight == null ? 0 : weight.value().offset(),
                bias == null ? null : bias.value().data(), bias == null ? 0 : bias.value().offset(),
                output.data(), output.offset());
        context.save(input, stats);
        return output;
    }

    @Override
    protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
        Tensor input = context.saved(0, Tensor.class);
        Tensor stats = context.saved(1, Tensor.class);
        int channels = image.channels();
        Tensor gradInput = context.needsInputGradient() ? context.allocate(input.shape()) : null;
        boolean affine = weight != null;
        // In training the batch statistics depend on every input; in inference the running ones are constants.
        context.backend().batchNormBackward(context.isTraining(), input.dim(0), channels, image.planeSize(),
                input.data(), input.offset(), gradOutput.data(), gradOutput.offset(),
                stats.data(), stats.offset(), stats.data(), stats.offset() + channels,
                affine ? weight.value().data() : null, affine ? weight.value().offset() : 0,
                gradInput == null ? null : gradInput.data(), gradInput == null ? 0 : gradInput.offset(),
                affine ? weight.gradient().data() : null, affine ? weight.gradient().offset() : 0,
                affine ? bias.gradient().data() : null, affine ? bias.gradient().offset() : 0);
        return gradInput;
    }

    /** For example {@code batch_norm2d(eps=1.0E-5, momentum=0.1)[32, 14, 14] -> [32, 14, 14]}. */
    @Override
    public String toString() {
        return TYPE + "(eps=" + eps + ", momentum=" + momentum + (weight == null ? ", not affine" : "") + ")"
                + inputShape() + " -> " + outputShape();
    }
}
