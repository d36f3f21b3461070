package org.nnj.api.backend;

/** Kernels over the rows of a dense {@code rows x cols} matrix, such as a batch of logits. */
public interface RowKernels {

    /**
     * {@code y[r, :] = softmax(x[r, :])}, computed stably (the row maximum is subtracted first, so logits
     * of 1000 give exact probabilities, not NaN). {@code x} and {@code y} may be the same.
     */
    void softmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff);

    /**
     * The backward pass of softmax: {@code dx[r, :] = y[r, :] * (dy[r, :] - dot(dy[r, :], y[r, :]))},
     * where {@code y} is the softmax output.
     */
    void softmaxBackwardRows(int rows, int cols, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff);

    /** {@code out[r] = log(sum(exp(x[r, :])))}, computed stably. */
    void logSumExpRows(int rows, int cols, float[] x, int xOff, float[] out, int outOff);

    // ---------------------------------------------------------------- log-softmax (added in 1.1.0)
    // Default methods, so that a backend written against 1.0.0 keeps compiling and gets a correct scalar
    // version; AbstractComputeBackend overrides both with validated hooks.

    /**
     * {@code y[r, :] = log(softmax(x[r, :])) = x[r, :] - max - log(sum(exp(x[r, :] - max)))}, computed stably
     * (the row maximum is subtracted first, so logits of {@code +-1000} give finite, exact values rather than
     * {@code -inf} or NaN). A masked entry of {@code -inf} gives {@code -inf}, as long as the row has a finite
     * one. {@code x} and {@code y} may be the same.
     *
     * <p>The default validates the arguments and runs a scalar loop that accumulates in double.
     *
     * @since 1.1.0
     */
    default void logSoftmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        GemmArguments.checkDense("logSoftmaxRows: x", x, xOff, rows, cols);
        GemmArguments.checkDense("logSoftmaxRows: y", y, yOff, rows, cols);
        ScalarLogSoftmax.forward(rows, cols, x, xOff, y, yOff);
    }

    /**
     * The backward pass of log-softmax: {@code dx[r, :] = dy[r, :] - exp(y[r, :]) * sum(dy[r, :])}, where
     * {@code y} is the log-softmax output. {@code dx} may be {@code dy}.
     *
     * <p>The default validates the arguments and runs a scalar loop that accumulates in double.
     *
     * @since 1.1.0
     */
    default void logSoftmaxBackwardRows(int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                                        float[] dx, int dxOff) {
        GemmArguments.checkDense("logSoftmaxBackwardRows: y", y, yOff, rows, cols);
        GemmArguments.checkDense("logSoftmaxBackwardRows: dy", dy, dyOff, rows, cols);
        GemmArguments.checkDense("logSoftmaxBackwardRows: dx", dx, dxOff, rows, cols);
        ScalarLogSoftmax.backward(rows, cols, y, yOff, dy, dyOff, dx, dxOff);
    }
}
