package org.nnj.layers.activation;

import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.tensor.Tensor;

/**
 * The rectifier {@code max(x, 0)}. Its derivative is 1 for {@code x > 0} and 0 otherwise, 0 at the kink
 * itself, as in PyTorch. Provider name {@code "relu"}, no config.
 */
public final class Relu extends ElementwiseActivation {
    /** The provider name. */
    public static final String TYPE = "relu";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public float apply(float x) {
        return Math.max(x, 0f);
    }

    @Override
    public float derivative(float x, float y) {
        return x > 0f ? 1f : 0f;
    }

    @Override
    public void forward(ComputeBackend backend, Tensor input, Tensor output) {
        ActivationChecks.forward(TYPE, input, output);
        backend.relu(input.size(), input.data(), input.offset(), output.data(), output.offset());
    }

    @Override
    public void backward(ComputeBackend backend, Tensor input, Tensor output, Tensor gradOutput, Tensor gradInput) {
        ActivationChecks.backward(TYPE, input, output, gradOutput, gradInput);
        backend.reluBackward(input.size(), input.data(), input.offset(), gradOutput.data(), gradOutput.offset(),
                gradInput.data(), gradInput.offset());
    }
}
