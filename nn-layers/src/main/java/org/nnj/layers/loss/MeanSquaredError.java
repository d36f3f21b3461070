package org.nnj.layers.loss;

import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Tensor;

/**
 * Squared error: {@code L = (1/N) sum_n sum_i 0.5 (a_ni - y_ni)^2} for predictions {@code a} and targets
 * {@code y} of shape {@code [N, ...]}, with gradient {@code (a - y) / N}. Provider name {@code "mse"}, no
 * config.
 *
 * <p>Unlike PyTorch's {@code MSELoss} (mean over every element, no 1/2), this sums over a sample's outputs
 * and halves, so the gradient is the plain residual over the batch size, like every loss in this package.
 * Multiply by {@code 2 / outputs} to get PyTorch's value.
 */
public final class MeanSquaredError implements Loss {
    /** The provider name. */
    public static final String TYPE = "mse";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public float compute(ComputeBackend backend, Tensor predictions, Tensor targets, Tensor gradient) {
        int n = LossChecks.batchSize(TYPE, predictions, targets, gradient);
        float[] a = predictions.data();
        float[] y = targets.data();
        int ao = predictions.offset();
        int yo = targets.offset();
        float[] g = gradient == null ? null : gradient.data();
        int go = gradient == null ? 0 : gradient.offset();
        double invN = 1.0 / n;
        double sum = 0;
        // Each element is read before its gradient is written: gradient may be the predictions tensor.
        for (int i = 0, size = predictions.size(); i < size; i++) {
            double d = (double) a[ao + i] - y[yo + i];
            sum += d * d;
            if (g != null) {
                g[go + i] = (float) (d * invN);
            }
        }
        return (float) (0.5 * sum * invN);
    }

    @Override
    public String toString() {
        return TYPE;
    }
}
