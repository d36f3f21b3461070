package org.nnj.api.activation;

import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.tensor.Tensor;

/**
 * An activation applied to each element on its own: give {@link #apply} and {@link #derivative}, and the
 * batch methods loop over the tensors. Built-ins override the batch methods with backend kernels; a
 * plugin may too, once it works.
 *
 * <pre>{@code
 * public final class Swish extends ElementwiseActivation {
 *     public String type() { return "swish"; }
 *     public float apply(float x) { return x / (1 + (float) Math.exp(-x)); }
 *     public float derivative(float x, float y) {
 *         float s = 1 / (1 + (float) Math.exp(-x));
 *         return s + x * s * (1 - s);
 *     }
 * }
 * }</pre>
 */
public abstract class ElementwiseActivation implements Activation {

    /** {@code f(x)}. */
    public abstract float apply(float x);

    /** {@code f'(x)}, where {@code y = f(x)} is given too since many derivatives are cheaper from it. */
    public abstract float derivative(float x, float y);

    @Override
    public void forward(ComputeBackend backend, Tensor input, Tensor output) {
        float[] x = input.data();
        float[] y = output.data();
        int xo = input.offset();
        int yo = output.offset();
        for (int i = 0, n = input.size(); i < n; i++) {
            y[yo + i] = apply(x[xo + i]);
        }
    }

    @Override
    public void backward(ComputeBackend backend, Tensor input, Tensor output, Tensor gradOutput, Tensor gradInput) {
        float[] x = input.data();
        float[] y = output.data();
        float[] dy = gradOutput.data();
        float[] dx = gradInput.data();
        int xo = input.offset();
        int yo = output.offset();
        int dyo = gradOutput.offset();
        int dxo = gradInput.offset();
        for (int i = 0, n = input.size(); i < n; i++) {
            dx[dxo + i] = dy[dyo + i] * derivative(x[xo + i], y[yo + i]);
        }
    }

    @Override
    public String toString() {
        return type() + (config().keys().isEmpty() ? "" : config().toString());
    }
}
