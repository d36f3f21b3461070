package org.nnj.api.backend;

/**
 * The parameter updates of optimizers, so that they run at the backend's speed: Adam's and AdaDelta's fused
 * steps, and a
 * few general element-wise updates (in the spirit of PyTorch's {@code addcmul_}, {@code addcdiv_} and
 * {@code maximum}) from which the other built-in optimizers are composed. Third-party optimizers may use
 * these or loop over the arrays themselves.
 *
 * <p>Every kernel works on {@code n} consecutive elements from the given offsets and reads each input
 * element before it writes the output element of the same index, so the output may be the same array at
 * the same offset as an input (in place); partially overlapping ranges are not allowed. The formulas say
 * the float32 operations and their order: {@code beta * y + alpha * x * x} is
 * {@code (beta * y) + ((alpha * x) * x)}, each operation rounded to float, without fused multiply-adds,
 * so every backend can give the reference backend's bits.
 */
public interface UpdateKernels {

    /**
     * One Adam step over {@code n} elements, with PyTorch's formula: {@code m = beta1 m + (1 - beta1) g},
     * {@code v = beta2 v + (1 - beta2) g^2}, {@code w -= lr / bc1 * m / (sqrt(v) / sqrt(bc2) + eps)}, where
     * {@code bc1 = 1 - beta1^t} and {@code bc2 = 1 - beta2^t} are the bias corrections of step {@code t}.
     */
    void adamStep(int n, float lr, float beta1, float beta2, float eps, float bc1, float bc2,
                  float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff);

    /**
     * One AdaDelta step over {@code n} elements, with PyTorch's formula ({@code eps} inside both square roots):
     * <pre>
     *   square_avg = rho * square_avg + (1 - rho) * g * g
     *   delta      = sqrt(acc_delta + eps) / sqrt(square_avg + eps) * g
     *   acc_delta  = rho * acc_delta + (1 - rho) * delta * delta
     *   w         -= lr * delta</pre>
     * evaluated as {@code s = (rho * s) + (((1 - rho) * g) * g)},
     * {@code delta = ((float) sqrt(a + eps) / (float) sqrt(s + eps)) * g},
     * {@code a = (rho * a) + (((1 - rho) * delta) * delta)} and {@code w = w - (lr * delta)}, with
     * {@code 1 - rho} rounded to float once. {@code g} is only read; the other three arrays are updated.
     */
    void adadeltaStep(int n, float lr, float rho, float eps, float[] w, int wOff, float[] g, int gOff,
                      float[] squareAvg, int squareAvgOff, float[] accDelta, int accDeltaOff);

    // ------------------------------------------------------------ general element-wise updates

    /**
     * {@code y = beta * y + alpha * x * x}, evaluated as {@code (beta * y) + ((alpha * x) * x)}: a running
     * average of squares ({@code beta}, {@code 1 - beta}: Adam's and RMSprop's second moment), a sum of
     * squares ({@code 1}, {@code 1}: AdaGrad) or a subtraction of squares ({@code 1}, {@code -1}).
     */
    void addSquares(int n, float beta, float alpha, float[] x, int xOff, float[] y, int yOff);

    /**
     * {@code y = beta * y + alpha * x / (sqrt(d / c) + eps)}, evaluated as
     * {@code (beta * y) + ((alpha * x) / ((float) sqrt(d / c) + eps))}: the adaptive step of AdaGrad,
     * RMSprop and NAdam ({@code beta = 1}, {@code alpha = -lr}, {@code c} the bias correction of {@code d}
     * or 1), or a momentum buffer of such steps ({@code beta} the momentum, {@code alpha = 1}).
     * {@code eps} is added outside the square root. PyTorch's
     * {@code y.mul_(beta).addcdiv_(x, d.div(c).sqrt().add_(eps), value=alpha)}.
     */
    void addcdivSqrt(int n, float beta, float alpha, float c, float eps, float[] x, int xOff, float[] d, int dOff,
                     float[] y, int yOff);

    /**
     * {@code y = y + alpha * x / d}, evaluated as {@code y + ((alpha * x) / d)} (Adamax's step). PyTorch's
     * {@code y.addcdiv_(x, d, value=alpha)}.
     */
    void addcdiv(int n, float alpha, float[] x, int xOff, float[] d, int dOff, float[] y, int yOff);

    /**
     * {@code y = max(beta * y, |x| + eps)}, with {@link Math#max(float, float)}'s rules (NaN wins): Adamax's
     * decayed infinity norm ({@code beta = beta2}), or, with {@code beta = 1} and {@code eps = 0} and a
     * non-negative {@code x}, AMSGrad's running maximum {@code y = max(y, x)}.
     */
    void maxAbs(int n, float beta, float eps, float[] x, int xOff, float[] y, int yOff);
}
