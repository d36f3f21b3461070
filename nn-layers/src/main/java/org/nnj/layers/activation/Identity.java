package org.nnj.layers.activation;

import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.tensor.Tensor;

/**
 * {@code f(x) = x}: a linear output, for regression or a model written with an explicit "no activation".
 * Provider name {@code "identity"}, no config.
 */
public final class Identity extends ElementwiseActivation {
    /** The provider name. */
    public static final String TYPE = "identity";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public float apply(float x) {
        return x;
    }

    @Override
    public float derivative(float x, float y) {
        return 1f;
    }

    @Override
    public void forward(ComputeBackend backend, Tensor input, Tensor output) {
        ActivationChecks.forward(TYPE, input, output);
        copy(input, output);
    }

    @Override
    public void backward(ComputeBackend backend, Tensor input, Tensor output, Tensor gradOutput, Tensor gradInput) {
        ActivationChecks.backward(TYPE, input, output, gradOutput, gradInput);
        copy(gradOutput, gradInput);
    }

    /** A copy is all there is to do; nothing when they are the same tensor. */
    private static void copy(Tensor from, Tensor to) {
        if (from.data() != to.data() || from.offset() != to.offset()) {
            to.copyFrom(from);
        }
    }
}
