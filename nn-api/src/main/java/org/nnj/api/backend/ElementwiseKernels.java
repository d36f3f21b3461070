package org.nnj.api.backend;

/**
 * Element-wise maps over {@code n} consecutive elements starting at the given offsets. Input and output
 * may be the same array at the same offset (in place); partially overlapping ranges are not allowed.
 *
 * <p>The backward kernels take what the derivative is cheapest to compute from: the input {@code x} for
 * ReLU, the output {@code y} for sigmoid and tanh, and write {@code dx = dy * f'(...)}.
 *
 * <h2>Smooth activations (added in 1.1.0)</h2>
 * ELU and SELU, GELU and softplus follow {@code torch.nn.functional} and are defined by
 * {@link org.nnj.api.math.ActivationFunctions} (double precision inside, stable forms, derivatives as PyTorch's
 * autograd); their backward kernels take the input {@code x}. They are default methods that compute exactly that
 * reference, element by element, after the same argument checks as {@link AbstractComputeBackend}, so that a
 * backend written against 1.0.0 still compiles and works; a backend overrides them to go faster, and must then
 * agree with the reference within the conformance kit's tolerances. {@code dx} may be {@code dy} or {@code x}
 * at the same offset.
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

    /**
     * ELU, and SELU with {@code alpha = }{@link org.nnj.api.math.ActivationFunctions#SELU_ALPHA} and
     * {@code scale = }{@link org.nnj.api.math.ActivationFunctions#SELU_SCALE}:
     * {@code y = scale * (x > 0 ? x : alpha * expm1(x))} ({@code torch.nn.functional.elu}; ELU has scale 1).
     */
    default void elu(int n, float alpha, float scale, float[] x, int xOff, float[] y, int yOff) {
        SmoothActivationKernels.checkForward("elu", n, x, xOff, y, yOff);
        SmoothActivationKernels.elu(n, alpha, scale, x, xOff, y, yOff);
    }

    /** {@code dx = dy * (x > 0 ? scale : scale * alpha * exp(x))}: at 0 the left derivative, as PyTorch. */
    default void eluBackward(int n, float alpha, float scale, float[] x, int xOff, float[] dy, int dyOff,
                             float[] dx, int dxOff) {
        SmoothActivationKernels.checkBackward("eluBackward", n, x, xOff, dy, dyOff, dx, dxOff);
        SmoothActivationKernels.eluBackward(n, alpha, scale, x, xOff, dy, dyOff, dx, dxOff);
    }

    /**
     * GELU: {@code y = 0.5 * x * (1 + erf(x / sqrt(2)))}, or with {@code tanhApproximation} PyTorch's
     * {@code approximate='tanh'}, {@code y = 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))}; both in
     * the stable forms of {@link org.nnj.api.math.ActivationFunctions#gelu} and
     * {@link org.nnj.api.math.ActivationFunctions#geluTanh}.
     */
    default void gelu(boolean tanhApproximation, int n, float[] x, int xOff, float[] y, int yOff) {
        SmoothActivationKernels.checkForward("gelu", n, x, xOff, y, yOff);
        SmoothActivationKernels.gelu(tanhApproximation, n, x, xOff, y, yOff);
    }

    /** {@code dx = dy * gelu'(x)}, of the exact form or of the tanh approximation. */
    default void geluBackward(boolean tanhApproximation, int n, float[] x, int xOff, float[] dy, int dyOff,
                              float[] dx, int dxOff) {
        SmoothActivationKernels.checkBackward("geluBackward", n, x, xOff, dy, dyOff, dx, dxOff);
        SmoothActivationKernels.geluBackward(tanhApproximation, n, x, xOff, dy, dyOff, dx, dxOff);
    }

    /**
     * Softplus: {@code y = beta * x > threshold ? x : log1p(exp(beta * x)) / beta}
     * ({@code torch.nn.functional.softplus}, whose defaults are {@code beta = 1}, {@code threshold = 20}).
     */
    default void softplus(int n, float beta, float threshold, float[] x, int xOff, float[] y, int yOff) {
        SmoothActivationKernels.checkForward("softplus", n, x, xOff, y, yOff);
        SmoothActivationKernels.softplus(n, beta, threshold, x, xOff, y, yOff);
    }

    /** {@code dx = dy * (beta * x > threshold ? 1 : sigmoid(beta * x))}. */
    default void softplusBackward(int n, float beta, float threshold, float[] x, int xOff, float[] dy, int dyOff,
                                  float[] dx, int dxOff) {
        SmoothActivationKernels.checkBackward("softplusBackward", n, x, xOff, dy, dyOff, dx, dxOff);
        SmoothActivationKernels.softplusBackward(n, beta, threshold, x, xOff, dy, dyOff, dx, dxOff);
    }

    /** {@code y += alpha * x}. */
    void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    /** {@code x *= alpha}. */
    void scale(int n, float alpha, float[] x, int xOff);

    /**
     * {@code x[xOff .. xOff + n) = value}: zeroing the gradients before a step, which a backend may spread over
     * its threads (3.3 million floats for the catalog's CNN). The default fills on the calling thread.
     *
     * @throws org.nnj.api.ShapeException when the range does not fit in {@code x}
     */
    default void fill(int n, float value, float[] x, int xOff) {
        GemmArguments.checkRange("fill: x", x, xOff, n);
        java.util.Arrays.fill(x, xOff, xOff + n, value);
    }

    /**
     * {@code out = x * y}, element by element, one float multiplication each (a dropout mask, a gate). {@code out}
     * may be {@code x} or {@code y} at the same offset.
     */
    void multiply(int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff);

    /** The sum of {@code x[i] * x[i]}, accumulated in double precision (gradient norms). */
    double sumOfSquares(int n, float[] x, int xOff);
}
