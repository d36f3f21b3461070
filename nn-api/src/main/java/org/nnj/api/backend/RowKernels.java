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
}
