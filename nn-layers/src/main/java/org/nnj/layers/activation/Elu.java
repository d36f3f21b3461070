package org.nnj.layers.activation;

import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.math.ActivationFunctions;
import org.nnj.api.tensor.Tensor;

/**
 * The exponential linear unit, {@code x > 0 ? x : alpha * (exp(x) - 1)}, as {@code torch.nn.ELU}; the derivative
 * is 1 or {@code alpha * exp(x)} ({@code alpha} at 0 itself, as PyTorch's autograd). Provider name
 * {@code "elu"}, config key {@code alpha} (default {@value #DEFAULT_ALPHA}), any finite float.
 */
public final class Elu extends ElementwiseActivation {
    /** The provider name. */
    public static final String TYPE = "elu";
    /** PyTorch's default. */
    public static final double DEFAULT_ALPHA = 1.0;

    // Kept as given, so that config() returns exactly the number it was built from.
    private final double alpha;
    private final float alphaF;

    /** ELU with {@code alpha = 1}. */
    public Elu() {
        this(DEFAULT_ALPHA);
    }

    /** ELU with the given {@code alpha}; it must be finite as a float. */
    public Elu(double alpha) {
        this.alphaF = ActivationChecks.finiteFloat(TYPE, "alpha", alpha);
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Config config() {
        return Config.of("alpha", alpha);
    }

    @Override
    public float apply(float x) {
        return (float) ActivationFunctions.elu(x, alphaF, 1);
    }

    @Override
    public float derivative(float x, float y) {
        return (float) ActivationFunctions.eluDerivative(x, alphaF, 1);
    }

    @Override
    public void forward(ComputeBackend backend, Tensor input, Tensor output) {
        ActivationChecks.forward(TYPE, input, output);
        backend.elu(input.size(), alphaF, 1f, input.data(), input.offset(), output.data(), output.offset());
    }

    @Override
    public void backward(ComputeBackend backend, Tensor input, Tensor output, Tensor gradOutput, Tensor gradInput) {
        ActivationChecks.backward(TYPE, input, output, gradOutput, gradInput);
        backend.eluBackward(input.size(), alphaF, 1f, input.data(), input.offset(),
                gradOutput.data(), gradOutput.offset(), gradInput.data(), gradInput.offset());
    }
}
