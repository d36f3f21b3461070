package org.nnj.api.backend;

/**
 * Element-wise maps over {@code n} consecutive elements starting at the given offsets. Input and output
 * may be the same array at the same offset (in place); partially overlapping ranges are not allowed.
 *
 * <p>The backward kernels take what the derivative is cheapest to compute from: the input {@code x} for
 * ReLU, the output {@code y} for sigmoid and tanh, and write {@code dx = dy * f'(...)}.
 */
public interface ElementwiseKernels {

    /** {@code y = max(x, 0)}. */
    void relu(int n, float[] x, int xOff, float[] y, int yOff);

    /** {@code dx = x > 0 ? dy : 0}. */
    void reluBackward(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff);

    /** {@code y = x > 0 ? x : alpha * x}. */
    void leakyRelu(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    /** {@code dx = x > 0 ? dy : alpha * dy}. */
    void leakyReluBackward(int n, float alpha, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff);

    /** {@code y = 1 / (1 + exp(-x))}, without overflow for large {@code |x|}. */
    void sigmoid(int n, float[] x, int xOff, float[] y, int yOff);

    /** {@code dx = dy * y * (1 - y)}, where {@code y} is the sigmoid's output. */
    void sigmoidBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff);

    /** {@code y = tanh(x)}. */
    void tanh(int n, float[] x, int xOff, float[] y, int yOff);

    /** {@code dx = dy * (1 - y * y)}, where {@code y} is the tanh's output. */
    void tanhBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff);

    /** {@code y += alpha * x}. */
    void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    /** {@code x *= alpha}. */
    void scale(int n, float alpha, float[] x, int xOff);

    /**
     * {@code out = x * y}, element by element, one float multiplication each (a dropout mask, a gate). {@code out}
     * may be {@code x} or {@code y} at the same offset.
     */
    void multiply(int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff);

    /** The sum of {@code x[i] * x[i]}, accumulated in double precision (gradient norms). */
    double sumOfSquares(int n, float[] x, int xOff);
}
