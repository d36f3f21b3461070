package org.nnj.layers.loss;

import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Tensor;

/**
 * Binary cross-entropy fused with the sigmoid, from logits {@code z} and targets {@code t} in
 * {@code [0, 1]} (labels or soft labels), each output an independent yes/no:
 * {@code L = (1/N) sum_n sum_i [max(z, 0) - z t + log(1 + e^-|z|)]}, which equals
 * {@code -(t log s + (1 - t) log(1 - s))} with {@code s = sigmoid(z)} but never takes the logarithm of 0 nor
 * overflows: logits of {@code +-1000} give exact, finite values. Gradient {@code (sigmoid(z) - t) / N};
 * {@link #probabilities} is the sigmoid. Provider name {@code "bce_with_logits"}, no config.
 *
 * <p>The reduction sums over a sample's outputs and takes the mean over the batch, like every loss in this
 * package; PyTorch's {@code BCEWithLogitsLoss} takes the mean over every element, which differs by the
 * number of outputs per sample.
 */
public final class BinaryCrossEntropyWithLogits implements Loss {
    /** The provider name. */
    public static final String TYPE = "bce_with_logits";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public float compute(ComputeBackend backend, Tensor predictions, Tensor targets, Tensor gradient) {
        int n = LossChecks.batchSize(TYPE, predictions, targets, gradient);
        int size = predictions.size();
        float[] z = predictions.data();
        float[] t = targets.data();
        int zo = predictions.offset();
        int to = targets.offset();
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double zi = z[zo + i];
            sum += Math.max(zi, 0.0) - zi * t[to + i] + Math.log1p(Math.exp(-Math.abs(zi)));
        }
        // The value is taken before the gradient is written, so gradient may be the predictions tensor.
        if (gradient != null) {
            float[] g = gradient.data();
            int go = gradient.offset();
            backend.sigmoid(size, z, zo, g, go);
            backend.axpy(size, -1f, t, to, g, go);
            backend.scale(size, 1f / n, g, go);
        }
        return (float) (sum / n);
    }

    /** {@code sigmoid(z)}: the probability of each output being 1. */
    @Override
    public void probabilities(ComputeBackend backend, Tensor predictions, Tensor output) {
        LossChecks.sameShape(TYPE, predictions, output);
        backend.sigmoid(predictions.size(), predictions.data(), predictions.offset(), output.data(), output.offset());
    }

    @Override
    public String toString() {
        return TYPE;
    }
}
