package org.nnj.layers.activation;

import org.nnj.api.backend.ComputeBackend;

/**
 * {@code y_j = x_j - log(sum_k e^(x_k))} over the last dimension, as PyTorch's {@code log_softmax(x, dim=-1)}:
 * a batch {@code [N, C]} gives {@code N} rows of log-probabilities. Computed stably (the row maximum is
 * subtracted first), so logits of {@code +-1000} give finite, exact values where {@code log(softmax(x))}
 * would give {@code -inf}; a masked {@code -inf} logit gives {@code -inf}. The backward pass is
 * {@code dx = dy - softmax(x) * sum(dy)} per row, with {@code softmax(x) = exp(y)}. Provider name
 * {@code "log_softmax"}, no config.
 *
 * <p>Ending a model with it and training with the {@code nll} loss is PyTorch's classic
 * {@code log_softmax} + {@code nll_loss} pair, equal to the fused {@code softmax_cross_entropy} on logits.
 */
public final class LogSoftmax extends RowActivation {
    /** The provider name. */
    public static final String TYPE = "log_softmax";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    void forwardRows(ComputeBackend backend, int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        backend.logSoftmaxRows(rows, cols, x, xOff, y, yOff);
    }

    @Override
    void backwardRows(ComputeBackend backend, int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                      float[] dx, int dxOff) {
        backend.logSoftmaxBackwardRows(rows, cols, y, yOff, dy, dyOff, dx, dxOff);
    }
}
