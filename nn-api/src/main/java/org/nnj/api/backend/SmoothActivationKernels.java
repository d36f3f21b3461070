package org.nnj.api.backend;

import static org.nnj.api.backend.GemmArguments.checkRange;

import org.nnj.api.math.ActivationFunctions;

/**
 * The reference loops of the smooth activation kernels (ELU/SELU, GELU, softplus) and their argument checks,
 * shared by the default methods of {@link ElementwiseKernels} (for backends written before these kernels) and the
 * default {@code do...} methods of {@link AbstractComputeBackend}. Each element is computed by
 * {@link ActivationFunctions} in double precision and rounded once; a backward pass rounds
 * {@code dy * f'(x)} once. Elements are read before they are written, so any array may be another at the
 * same offset (in place).
 */
final class SmoothActivationKernels {
    private SmoothActivationKernels() {
    }

    /** Throws {@link org.nnj.api.ShapeException} naming {@code kernel} when an array is too short for its range. */
    static void checkForward(String kernel, int n, float[] x, int xOff, float[] y, int yOff) {
        checkRange(kernel + ": x", x, xOff, n);
        checkRange(kernel + ": y", y, yOff, n);
    }

    /** As {@link #checkForward}, for {@code x}, {@code dy} and {@code dx}. */
    static void checkBackward(String kernel, int n, float[] x, int xOff, float[] dy, int dyOff,
                              float[] dx, int dxOff) {
        checkRange(kernel + ": x", x, xOff, n);
        checkRange(kernel + ": dy", dy, dyOff, n);
        checkRange(kernel + ": dx", dx, dxOff, n);
    }

    static void elu(int n, float alpha, float scale, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) ActivationFunctions.elu(x[xOff + i], alpha, scale);
        }
    }

    static void eluBackward(int n, float alpha, float scale, float[] x, int xOff, float[] dy, int dyOff,
                            float[] dx, int dxOff) {
        for (int i = 0; i < n; i++) {
            dx[dxOff + i] = (float) (dy[dyOff + i] * ActivationFunctions.eluDerivative(x[xOff + i], alpha, scale));
        }
    }

    static void gelu(boolean tanhApproximation, int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = (float) (tanhApproximation ? ActivationFunctions.geluTanh(v) : ActivationFunctions.gelu(v));
        }
    }

    static void geluBackward(boolean tanhApproximation, int n, float[] x, int xOff, float[] dy, int dyOff,
                             float[] dx, int dxOff) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            double d = tanhApproximation ? ActivationFunctions.geluTanhDerivative(v)
                    : ActivationFunctions.geluDerivative(v);
            dx[dxOff + i] = (float) (dy[dyOff + i] * d);
        }
    }

    static void softplus(int n, float beta, float threshold, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) ActivationFunctions.softplus(x[xOff + i], beta, threshold);
        }
    }

    static void softplusBackward(int n, float beta, float threshold, float[] x, int xOff, float[] dy, int dyOff,
                                 float[] dx, int dxOff) {
        for (int i = 0; i < n; i++) {
            dx[dxOff + i] = (float) (dy[dyOff + i]
                    * ActivationFunctions.softplusDerivative(x[xOff + i], beta, threshold));
        }
    }
}
