package org.nnj.layers.activation;

import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.tensor.Tensor;

/**
 * The logistic function {@code 1 / (1 + e^-x)}, with derivative {@code y (1 - y)}. Computed without
 * overflow for any {@code x}. Provider name {@code "sigmoid"}, no config.
 */
public final class Sigmoid extends ElementwiseActivation {
    /** The provider name. */
    public static final String TYPE = "sigmoid";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public float apply(float x) {
        // exp of a non-positive number only, so it never overflows
        if (x >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    @Override
    public float derivative(float x, float y) {
        return y * (1f - y);
    }

    @Override
    public void forward(ComputeBackend backend, Tensor input, Tensor output) {
        ActivationChecks.forward(TYPE, input, output);
        backend.sigmoid(input.size(), input.data(), input.offset(), output.data(), output.offset());
    }

    @Override
    public void backward(ComputeBackend backend, Tensor input, Tensor output, Tensor gradOutput, Tensor gradInput) {
        ActivationChecks.backward(TYPE, input, output, gradOutput, gradInput);
        backend.sigmoidBackward(input.size(), output.data(), output.offset(), gradOutput.data(), gradOutput.offset(),
                gradInput.data(), gradInput.offset());
    }
}
