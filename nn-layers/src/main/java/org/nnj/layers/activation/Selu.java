package org.nnj.layers.activation;

import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.math.ActivationFunctions;
import org.nnj.api.tensor.Tensor;

/**
 * The scaled exponential linear unit, {@code scale * (x > 0 ? x : alpha * (exp(x) - 1))} with PyTorch's constants
 * {@code alpha = 1.67326...} and {@code scale = 1.05070...} ({@link ActivationFunctions#SELU_ALPHA},
 * {@link ActivationFunctions#SELU_SCALE}, rounded to float for the kernels), as {@code torch.nn.SELU}; the
 * derivative at 0 is {@code scale * alpha}, as PyTorch's. Provider name {@code "selu"}, no config.
 */
public final class Selu extends ElementwiseActivation {
    /** The provider name. */
    public static final String TYPE = "selu";

    private static final float ALPHA = (float) ActivationFunctions.SELU_ALPHA;
    private static final float SCALE = (float) ActivationFunctions.SELU_SCALE;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public float apply(float x) {
        return (float) ActivationFunctions.elu(x, ALPHA, SCALE);
    }

    @Override
    public float derivative(float x, float y) {
        return (float) ActivationFunctions.eluDerivative(x, ALPHA, SCALE);
    }

    @Override
    public void forward(ComputeBackend backend, Tensor input, Tensor output) {
        ActivationChecks.forward(TYPE, input, output);
        backend.elu(input.size(), ALPHA, SCALE, input.data(), input.offset(), output.data(), output.offset());
    }

    @Override
    public void backward(ComputeBackend backend, Tensor input, Tensor output, Tensor gradOutput, Tensor gradInput) {
        ActivationChecks.backward(TYPE, input, output, gradOutput, gradInput);
        backend.eluBackward(input.size(), ALPHA, SCALE, input.data(), input.offset(),
                gradOutput.data(), gradOutput.offset(), gradInput.data(), gradInput.offset());
    }
}
