package org.nnj.layers.activation;

import java.util.Objects;
import org.nnj.api.ConfigException;
import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * A layer that applies an {@link Activation}, any of them: the built-ins in this package or a plugin's.
 * Its output has the shape of its input, and it has no parameters.
 *
 * <p>Config (provider {@code "activation"}): {@code function}, the activation's provider name, plus that
 * activation's own keys, for example {@code {function=leaky_relu, alpha=0.2}}.
 *
 * <p>The forward pass keeps its input and output in the context (ReLU's derivative needs the input,
 * sigmoid's and tanh's the output), so inference from many threads is safe.
 */
public final class ActivationLayer extends AbstractLayer {
    /** The provider name. */
    public static final String TYPE = "activation";
    /** The config key naming the activation. */
    public static final String FUNCTION = "function";

    private final Activation activation;

    /** A layer applying {@code activation} to samples of {@code shape}. */
    public ActivationLayer(Shape shape, Activation activation) {
        super(TYPE, shape, shape);
        this.activation = Objects.requireNonNull(activation, "activation");
        if (activation.config().has(FUNCTION)) {
            // The layer's config would not be able to hold both.
            throw new ConfigException("activation " + activation.type() + ": its config may not use the key '"
                    + FUNCTION + "', which the activation layer uses for the activation's name");
        }
    }

    public Activation activation() {
        return activation;
    }

    /**
     * The activation's name and its own settings, without the layer's {@code function} key: {@code relu},
     * {@code leaky_relu(alpha=0.01)}.
     */
    @Override
    public String describe() {
        Config c = activation.config();
        return c.keys().isEmpty() ? activation.type() : activation.type() + "(" + c.toText() + ")";
    }

    /** {@code {function=<name>, ...the activation's config}}. */
    @Override
    public Config config() {
        return Config.of(FUNCTION, activation.type()).withAll(activation.config());
    }

    @Override
    protected Tensor doForward(Tensor input, LayerContext context) {
        Tensor output = context.allocate(input.shape());
        activation.forward(context.backend(), input, output);
        context.save(input, output);
        return output;
    }

    @Override
    protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
        if (!context.needsInputGradient()) {
            return null; // no parameters: nothing else to compute
        }
        Tensor input = context.saved(0, Tensor.class);
        Tensor output = context.saved(1, Tensor.class);
        Tensor gradInput = context.allocate(input.shape());
        activation.backward(context.backend(), input, output, gradOutput, gradInput);
        return gradInput;
    }

    /** For example {@code activation(relu)[128] -> [128]}. */
    @Override
    public String toString() {
        return TYPE + "(" + activation + ")" + inputShape() + " -> " + outputShape();
    }
}
