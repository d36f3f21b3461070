package org.nnj.api.math;

/**
 * The reference definitions of the smooth activations, with {@code torch.nn.functional}'s formulas and
 * defaults, computed in double precision from float inputs in numerically stable forms. The backend kernels
 * ({@link org.nnj.api.backend.ElementwiseKernels#elu} and the others) are defined by these functions, the
 * scalar backend computes exactly them, and activation classes use them for their element-wise
 * {@code apply} and {@code derivative}; a vectorised backend may compute otherwise but must agree within the
 * conformance kit's tolerance.
 *
 * <p>Derivatives follow PyTorch's autograd, also at the kinks: ELU's at 0 is {@code scale * alpha} (the left
 * side), softplus's at {@code beta * x == threshold} is {@code sigmoid(threshold)} (below the switch).
 *
 * <p>Where PyTorch's float64 formula cancels, these do not, so they are at least as accurate:
 * <ul>
 *   <li>GELU is {@code 0.5 * x * erfc(-x / sqrt(2))} rather than {@code 0.5 * x * (1 + erf(x / sqrt(2)))},
 *       whose {@code 1 + erf} is 0 for {@code x < -8.3} in double precision;</li>
 *   <li>GELU's tanh form is {@code x * sigmoid(2u)}, since {@code 1 + tanh(u) = 2 * sigmoid(2u)}, with
 *       {@code u = sqrt(2 / pi) * (x + 0.044715 * x^3)};</li>
 *   <li>softplus is {@code (max(t, 0) + log1p(exp(-|t|))) / beta} with {@code t = beta * x}, which never
 *       overflows (PyTorch's {@code log1p(exp(t)) / beta} does for {@code t > 709} with a large threshold).</li>
 * </ul>
 * The product {@code beta * x} of two floats is exact in double precision, so the threshold test decides as
 * PyTorch's float64 computation does. NaN gives NaN. Stateless and thread-safe.
 */
public final class ActivationFunctions {
    /** SELU's {@code alpha}, as {@code torch.nn.SELU} (Klambauer et al., 2017). */
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    /** SELU's {@code scale}, as {@code torch.nn.SELU}. */
    public static final double SELU_SCALE = 1.0507009873554804934193349852946;

    private static final double SQRT_HALF = 0.7071067811865476;
    /** {@code 1 / sqrt(2 * pi)}, the standard normal density at 0. */
    private static final double INV_SQRT_2PI = 0.3989422804014327;
    /** {@code 2 * sqrt(2 / pi)}: {@code 2u = x * (TANH_C1 + TANH_C3 * x^2)}. */
    private static final double TANH_C1 = 1.5957691216057308;
    /** {@code 2 * sqrt(2 / pi) * 0.044715}. */
    private static final double TANH_C3 = TANH_C1 * 0.044715;

    private ActivationFunctions() {
    }

    /** {@code scale * (x > 0 ? x : alpha * expm1(x))}: ELU with {@code scale = 1}, SELU with its constants. */
    public static double elu(double x, double alpha, double scale) {
        return x > 0 ? scale * x : scale * alpha * Math.expm1(x);
    }

    /** ELU's derivative: {@code scale} for {@code x > 0}, else {@code scale * alpha * exp(x)}. */
    public static double eluDerivative(double x, double alpha, double scale) {
        return x > 0 ? scale : scale * alpha * Math.exp(x);
    }

    /** The exact GELU, {@code x * Phi(x) = 0.5 * x * erfc(-x / sqrt(2))}. */
    public static double gelu(double x) {
        return 0.5 * x * Erf.erfc(-x * SQRT_HALF);
    }

    /**
     * The exact GELU's derivative, {@code Phi(x) + x * phi(x)}, with {@code phi} the standard normal density
     * (its {@code x^2} is exact for a float {@code x}).
     */
    public static double geluDerivative(double x) {
        return 0.5 * Erf.erfc(-x * SQRT_HALF) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** GELU's tanh approximation, {@code 0.5 * x * (1 + tanh(u)) = x * sigmoid(2u)}. */
    public static double geluTanh(double x) {
        return x * sigmoid(x * (TANH_C1 + TANH_C3 * x * x));
    }

    /**
     * The derivative of {@link #geluTanh}: {@code s + x * s * (1 - s) * d(2u)/dx} with {@code s = sigmoid(2u)}, the
     * derivative of PyTorch's formula {@code 0.5 * (1 + tanh(u)) + 0.5 * x * (1 - tanh(u)^2) * du/dx}.
     */
    public static double geluTanhDerivative(double x) {
        double x2 = x * x;
        double s = sigmoid(x * (TANH_C1 + TANH_C3 * x2));
        return s + x * s * (1 - s) * (TANH_C1 + 3 * TANH_C3 * x2);
    }

    /** {@code beta * x > threshold ? x : log1p(exp(beta * x)) / beta}. */
    public static double softplus(double x, double beta, double threshold) {
        double t = beta * x;
        if (t > threshold) {
            return x;
        }
        return (Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)))) / beta;
    }

    /** Softplus's derivative: 1 above the threshold, else {@code sigmoid(beta * x)}. */
    public static double softplusDerivative(double x, double beta, double threshold) {
        double t = beta * x;
        return t > threshold ? 1 : sigmoid(t);
    }

    /** {@code 1 / (1 + exp(-t))}, relatively accurate for every {@code t}: {@code exp} only of {@code -|t|}. */
    private static double sigmoid(double t) {
        if (t >= 0) {
            return 1 / (1 + Math.exp(-t));
        }
        double e = Math.exp(t);
        return e / (1 + e);
    }
}
