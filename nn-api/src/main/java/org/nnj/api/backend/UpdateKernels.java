package org.nnj.api.backend;

/**
 * The fused parameter updates of the built-in optimizers, so that they run at the backend's speed.
 * Third-party optimizers may use these or loop over the arrays themselves.
 */
public interface UpdateKernels {

    /**
     * One Adam step over {@code n} elements, with PyTorch's formula: {@code m = beta1 m + (1 - beta1) g},
     * {@code v = beta2 v + (1 - beta2) g^2}, {@code w -= lr / bc1 * m / (sqrt(v) / sqrt(bc2) + eps)}, where
     * {@code bc1 = 1 - beta1^t} and {@code bc2 = 1 - beta2^t} are the bias corrections of step {@code t}.
     */
    void adamStep(int n, float lr, float beta1, float beta2, float eps, float bc1, float bc2,
                  float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff);
}
