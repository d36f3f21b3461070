package org.nnj.layers.loss;

import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Tensor;

/**
 * Cross-entropy fused with the softmax over the last dimension, from logits {@code z} of shape
 * {@code [N, C]} (or {@code [N, ..., C]}) and targets {@code t} of the same shape, one-hot or any
 * distribution over the classes:
 * {@code L = (1/N) sum_rows -sum_j t_j log softmax(z)_j = (1/N) sum_rows [sum(t) logsumexp(z) - sum_j t_j z_j]}.
 * For targets that sum to 1 in each row, as one-hot and probability targets do, this is the familiar
 * {@code logsumexp(z) - sum(t z)} and the gradient is {@code (softmax(z) - t) / N}; in general the gradient is
 * {@code (sum(t) softmax(z) - t) / N}, which is what is computed, so value and gradient always agree.
 * Targets are not checked to sum to 1.
 *
 * <p>Stable: {@code logsumexp} and softmax subtract the row maximum, so logits of 1000 give finite, correct
 * values (to float32 rounding of {@code logsumexp}, about {@code 6e-8} relative). {@link #probabilities} is
 * the softmax. Provider name {@code "softmax_cross_entropy"}, no config. With one-hot targets this is
 * PyTorch's {@code CrossEntropyLoss} with mean reduction.
 */
public final class SoftmaxCrossEntropy implements Loss {
    /** The provider name. */
    public static final String TYPE = "softmax_cross_entropy";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public float compute(ComputeBackend backend, Tensor predictions, Tensor targets, Tensor gradient) {
        int n = LossChecks.batchSize(TYPE, predictions, targets, gradient);
        int cols = classes(predictions);
        int rows = predictions.size() / cols;
        float[] z = predictions.data();
        float[] t = targets.data();
        int zo = predictions.offset();
        int to = targets.offset();

        float[] logSumExp = new float[rows]; // one float per row: small next to the logits
        backend.logSumExpRows(rows, cols, z, zo, logSumExp, 0);
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double lse = logSumExp[r];
            double rowLoss = 0;
            for (int j = 0, i = r * cols; j < cols; j++, i++) {
                double tj = t[to + i];
                if (tj != 0) { // so that a masked class (logit -infinity, target 0) adds 0, not 0 * infinity = NaN
                    rowLoss += tj * (lse - z[zo + i]);
                }
            }
            total += rowLoss;
        }

        // The value is taken before the gradient is written, so gradient may be the predictions tensor.
        if (gradient != null) {
            float[] g = gradient.data();
            int go = gradient.offset();
            backend.softmaxRows(rows, cols, z, zo, g, go);
            float invN = 1f / n;
            for (int r = 0; r < rows; r++) {
                int row = r * cols;
                double targetSum = 0;
                for (int j = 0; j < cols; j++) {
                    targetSum += t[to + row + j];
                }
                float ts = (float) targetSum;
                for (int j = 0; j < cols; j++) {
                    g[go + row + j] = (ts * g[go + row + j] - t[to + row + j]) * invN;
                }
            }
        }
        return (float) (total / n);
    }

    /** The softmax over the last dimension: each row's class probabilities. */
    @Override
    public void probabilities(ComputeBackend backend, Tensor predictions, Tensor output) {
        LossChecks.sameShape(TYPE, predictions, output);
        int cols = classes(predictions);
        backend.softmaxRows(predictions.size() / cols, cols, predictions.data(), predictions.offset(),
                output.data(), output.offset());
    }

    @Override
    public String toString() {
        return TYPE;
    }

    private static int classes(Tensor predictions) {
        if (predictions.shape().rank() < 2 || predictions.dim(-1) == 0) {
            throw new ShapeException(TYPE + ": predictions must be logits of shape [N, classes] (or [N, ..., classes]),"
                    + " got " + predictions.shape());
        }
        return predictions.dim(-1);
    }
}
