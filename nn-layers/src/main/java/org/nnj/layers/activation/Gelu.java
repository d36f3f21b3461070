package org.nnj.layers.activation;

import org.nnj.api.ConfigException;
import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.math.ActivationFunctions;
import org.nnj.api.tensor.Tensor;

/**
 * The Gaussian error linear unit, {@code x * Phi(x) = 0.5 * x * (1 + erf(x / sqrt(2)))}, or its tanh
 * approximation {@code 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))}, as {@code torch.nn.GELU}.
 * Provider name {@code "gelu"}, config key {@code approximate}: {@code "none"} (the default, exact) or
 * {@code "tanh"}, PyTorch's names.
 */
public final class Gelu extends ElementwiseActivation {
    /** The provider name. */
    public static final String TYPE = "gelu";
    /** The exact form, PyTorch's default. */
    public static final String NONE = "none";
    /** The tanh approximation. */
    public static final String TANH = "tanh";

    private final boolean tanh;

    /** The exact GELU. */
    public Gelu() {
        this(NONE);
    }

    /**
     * GELU with {@code approximate} {@value #NONE} or {@value #TANH}.
     *
     * @throws ConfigException for any other value
     */
    public Gelu(String approximate) {
        if (NONE.equals(approximate)) {
            tanh = false;
        } else if (TANH.equals(approximate)) {
            tanh = true;
        } else {
            throw new ConfigException("gelu: 'approximate' must be '" + NONE + "' or '" + TANH + "', got '"
                    + approximate + "'");
        }
    }

    /** {@value #NONE} or {@value #TANH}. */
    public String approximate() {
        return tanh ? TANH : NONE;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Config config() {
        return Config.of("approximate", approximate());
    }

    @Override
    public float apply(float x) {
        return (float) (tanh ? ActivationFunctions.geluTanh(x) : ActivationFunctions.gelu(x));
    }

    @Override
    public float derivative(float x, float y) {
        return (float) (tanh ? ActivationFunctions.geluTanhDerivative(x) : ActivationFunctions.geluDerivative(x));
    }

    @Override
    public void forward(ComputeBackend backend, Tensor input, Tensor output) {
        ActivationChecks.forward(TYPE, input, output);
        backend.gelu(tanh, input.size(), input.data(), input.offset(), output.data(), output.offset());
    }

    @Override
    public void backward(ComputeBackend backend, Tensor input, Tensor output, Tensor gradOutput, Tensor gradInput) {
        ActivationChecks.backward(TYPE, input, output, gradOutput, gradInput);
        backend.geluBackward(tanh, input.size(), input.data(), input.offset(),
                gradOutput.data(), gradOutput.offset(), gradInput.data(), gradInput.offset());
    }
}
