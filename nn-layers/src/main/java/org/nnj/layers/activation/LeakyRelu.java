package org.nnj.layers.activation;

import org.nnj.api.ConfigException;
import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Tensor;

/**
 * {@code x} for {@code x > 0}, {@code alpha * x} otherwise; the derivative is 1 or {@code alpha}
 * ({@code alpha} at the kink itself, as in PyTorch). Provider name {@code "leaky_relu"}, config key
 * {@code alpha} (default {@value #DEFAULT_ALPHA}, PyTorch's {@code negative_slope}).
 */
public final class LeakyRelu extends ElementwiseActivation {
    /** The provider name. */
    public static final String TYPE = "leaky_relu";
    /** PyTorch's default negative slope. */
    public static final double DEFAULT_ALPHA = 0.01;

    // Kept as given, so that config() returns exactly the number it was built from.
    private final double alpha;
    private final float alphaF;

    /** Leaky ReLU with slope {@value #DEFAULT_ALPHA} for negative inputs. */
    public LeakyRelu() {
        this(DEFAULT_ALPHA);
    }

    /** Leaky ReLU with slope {@code alpha} for negative inputs; {@code alpha} must be finite. */
    public LeakyRelu(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new ConfigException("leaky_relu: 'alpha' must be a finite number, got " + alpha);
        }
        this.alpha = alpha;
        this.alphaF = (float) alpha;
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
        return x > 0f ? x : alphaF * x;
    }

    @Override
    public float derivative(float x, float y) {
        return x > 0f ? 1f : alphaF;
    }

    @Override
    public void forward(ComputeBackend backend, Tensor input, Tensor output) {
        ActivationChecks.forward(TYPE, input, output);
        backend.leakyRelu(input.size(), alphaF, input.data(), input.offset(), output.data(), output.offset());
    }

    @Override
    public void backward(ComputeBackend backend, Tensor input, Tensor output, Tensor gradOutput, Tensor gradInput) {
        ActivationChecks.backward(TYPE, input, output, gradOutput, gradInput);
        backend.leakyReluBackward(input.size(), alphaF, input.data(), input.offset(),
                gradOutput.data(), gradOutput.offset(), gradInput.data(), gradInput.offset());
    }
}
