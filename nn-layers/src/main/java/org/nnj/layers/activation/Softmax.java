package org.nnj.layers.activation;

import org.nnj.api.activation.Activation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.tensor.Tensor;

/**
 * {@code y_j = e^(x_j) / sum_k e^(x_k)} over the last dimension of the tensor it is given: a batch of
 * shape {@code [N, C]} is {@code N} distributions over {@code C} classes, {@code [N, T, C]} is
 * {@code N * T} of them. Computed stably (the row maximum is subtracted first). The backward pass is the
 * Jacobian-vector product {@code dx = y * (dy - sum(dy * y))} per row. Provider name {@code "softmax"}, no
 * config.
 *
 * <p>For classification, prefer ending the model with logits and the fused
 * {@code softmax_cross_entropy} loss: it is cheaper and stable where softmax followed by a logarithm is not.
 */
public final class Softmax implements Activation {
    /** The provider name. */
    public static final String TYPE = "softmax";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void forward(ComputeBackend backend, Tensor input, Tensor output) {
        ActivationChecks.forward(TYPE, input, output);
        int cols = ActivationChecks.lastDimension(TYPE, input);
        backend.softmaxRows(ActivationChecks.rows(input, cols), cols, input.data(), input.offset(), output.data(), output.offset());
    }

    @Override
    public void backward(ComputeBackend backend, Tensor input, Tensor output, Tensor gradOutput, Tensor gradInput) {
        ActivationChecks.backward(TYPE, input, output, gradOutput, gradInput);
        int cols = ActivationChecks.lastDimension(TYPE, input);
        backend.softmaxBackwardRows(ActivationChecks.rows(input, cols), cols, output.data(), output.offset(),
                gradOutput.data(), gradOutput.offset(), gradInput.data(), gradInput.offset());
    }

    @Override
    public String toString() {
        return TYPE;
    }
}
