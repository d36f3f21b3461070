package org.nnj.layers.activation;

import org.nnj.api.backend.ComputeBackend;

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
public final class Softmax extends RowActivation {
    /** The provider name. */
    public static final String TYPE = "softmax";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    void forwardRows(ComputeBackend backend, int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        backend.softmaxRows(rows, cols, x, xOff, y, yOff);
    }

    @Override
    void backwardRows(ComputeBackend backend, int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                      float[] dx, int dxOff) {
        backend.softmaxBackwardRows(rows, cols, y, yOff, dy, dyOff, dx, dxOff);
    }
}
