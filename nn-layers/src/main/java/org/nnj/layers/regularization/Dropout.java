package org.nnj.layers.regularization;

import java.util.random.RandomGenerator;
import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * Inverted dropout, as PyTorch's {@code nn.Dropout}: in training each element is zeroed with probability
 * {@code p} and the survivors are scaled by {@code 1 / (1 - p)}, so that the expected output equals the
 * input and inference needs no rescaling; in inference the layer is the identity (it returns its input).
 *
 * <p>The mask is drawn from {@link LayerContext#random()}, which the training loop seeds per step and layer,
 * so a run is reproducible; it is kept in a context buffer for the backward pass, never in a field. The
 * products {@code y = x * mask} and {@code dx = dy * mask} run on the backend's {@code multiply} kernel.
 *
 * <p>Config (provider {@code "dropout"}): {@code p}, the probability of dropping, in {@code [0, 1)}, default
 * 0.5 as in PyTorch. Any input shape; no parameters.
 */
public final class Dropout extends AbstractLayer {
    /** The provider name. */
    public static final String TYPE = "dropout";

    private final double p;
    /** {@code p} in the precision of the draws. */
    private final float dropProbability;

    /**
     * @param p the probability of dropping an element, in {@code [0, 1)}
     * @throws ConfigException for {@code p} outside {@code [0, 1)}
     */
    public Dropout(Shape shape, double p) {
        super(TYPE, shape, shape);
        if (!(p >= 0 && p < 1)) {
            throw new ConfigException("dropout: 'p' must be in [0, 1), got " + p);
        }
        this.p = p;
        this.dropProbability = (float) p;
    }

    /** The probability of dropping an element. */
    public double p() {
        return p;
    }

    /** For example {@code dropout 0.4}: the probability of dropping an element. */
    @Override
    public String describe() {
        return TYPE + " " + p;
    }

    /** {@code {p}}. */
    @Override
    public Config config() {
        return Config.of("p", p);
    }

    private boolean active(LayerContext context) {
        return context.isTraining() && p > 0;
    }

    @Override
    protected Tensor doForward(Tensor input, LayerContext context) {
        if (!active(context)) {
            return input;
        }
        Tensor mask = context.allocate(input.shape());
        Tensor output = context.allocate(input.shape());
        float keep = (float) (1 / (1 - p));
        RandomGenerator random = context.random();
        float[] m = mask.data();
        int mo = mask.offset();
        int n = input.size();
        // The draws stay here, one per element in order, so a seeded run gives the same mask on every backend.
        for (int i = 0; i < n; i++) {
            m[mo + i] = random.nextFloat() < dropProbability ? 0f : keep;
        }
        context.backend().multiply(n, input.data(), input.offset(), m, mo, output.data(), output.offset());
        context.save(mask);
        return output;
    }

    @Override
    protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
        if (!context.needsInputGradient()) {
            return null;
        }
        if (!active(context)) {
            return gradOutput;
        }
        Tensor mask = context.saved(0, Tensor.class);
        Tensor gradInput = context.allocate(gradOutput.shape());
        context.backend().multiply(gradOutput.size(), gradOutput.data(), gradOutput.offset(),
                mask.data(), mask.offset(), gradInput.data(), gradInput.offset());
        return gradInput;
    }

    /** For example {@code dropout(p=0.4)[1024] -> [1024]}. */
    @Override
    public String toString() {
        return TYPE + "(p=" + p + ")" + inputShape() + " -> " + outputShape();
    }
}
