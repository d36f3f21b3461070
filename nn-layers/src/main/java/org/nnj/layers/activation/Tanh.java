package org.nnj.layers.activation;

import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.tensor.Tensor;

/** The hyperbolic tangent, with derivative {@code 1 - y^2}. Provider name {@code "tanh"}, no config. */
public final class Tanh extends ElementwiseActivation {
    /** The provider name. */
    public static final String TYPE = "tanh";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public float apply(float x) {
        return (float) Math.tanh(x);
    }

    @Override
    public float derivative(float x, float y) {
        return 1f - y * y;
    }

    @Override
    public void forward(ComputeBackend backend, Tensor input, Tensor output) {
        ActivationChecks.forward(TYPE, input, output);
        backend.tanh(input.size(), input.data(), input.offset(), output.data(), output.offset());
    }

    @Override
    public void backward(ComputeBackend backend, Tensor input, Tensor output, Tensor gradOutput, Tensor gradInput) {
        ActivationChecks.backward(TYPE, input, output, gradOutput, gradInput);
        backend.tanhBackward(input.size(), output.data(), output.offset(), gradOutput.data(), gradOutput.offset(),
                gradInput.data(), gradInput.offset());
    }
}
