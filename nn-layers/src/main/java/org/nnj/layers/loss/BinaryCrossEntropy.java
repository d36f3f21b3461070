package org.nnj.layers.loss;

import org.nnj.api.NnException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Tensor;

/**
 * Binary cross-entropy on probabilities {@code p} in {@code [0, 1]}, for a model that ends with a sigmoid
 * layer, against targets {@code t} in {@code [0, 1]} (labels or soft labels), with PyTorch's
 * {@code F.binary_cross_entropy} semantics:
 * {@code L = -(1/N) sum [t max(log p, -100) + (1 - t) max(log(1 - p), -100)]}. Each logarithm is clamped at
 * {@code -100} as PyTorch does, so {@code p = 0} with {@code t = 1} costs exactly 100, not infinity. The
 * gradient is PyTorch's backward, {@code (p - t) / max(p (1 - p), 1e-12) / N} (1e-12 as a float32, as PyTorch
 * has it): finite at {@code p = 0} and {@code 1}. A prediction outside {@code [0, 1]} or NaN is refused (PyTorch refuses it too) with the first
 * offending index and value. {@link #probabilities} is the identity. Provider name {@code "bce"}, no config.
 *
 * <p>Prefer {@code bce_with_logits} (model without the final sigmoid): it is exact where a float sigmoid
 * has already rounded to 0 or 1. The reduction sums over a sample's outputs and takes the mean over the
 * batch, like every loss in this package; PyTorch's {@code BCELoss} takes the mean over every element, which
 * differs by the number of outputs per sample (none for a single sigmoid output).
 */
public final class BinaryCrossEntropy implements Loss {
    /** The provider name. */
    public static final String TYPE = "bce";
    /** PyTorch's lower bound on each logarithm. */
    private static final double LOG_FLOOR = -100;
    /** PyTorch's lower bound on {@code p (1 - p)} in the gradient: its EPSILON, 1e-12 as a float32 even in float64. */
    private static final double GRADIENT_EPS = 1e-12f;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public float compute(ComputeBackend backend, Tensor predictions, Tensor targets, Tensor gradient) {
        int n = LossChecks.batchSize(TYPE, predictions, targets, gradient);
        int size = predictions.size();
        float[] p = predictions.data();
        float[] t = targets.data();
        int po = predictions.offset();
        int to = targets.offset();
        requireProbabilities(p, po, size, predictions);
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double pi = p[po + i];
            double ti = t[to + i];
            sum -= ti * Math.max(Math.log(pi), LOG_FLOOR) + (1 - ti) * Math.max(Math.log1p(-pi), LOG_FLOOR);
        }
        // The value is taken before the gradient is written, so gradient may be the predictions tensor.
        if (gradient != null) {
            float[] g = gradient.data();
            int go = gradient.offset();
            double invN = 1.0 / n;
            for (int i = 0; i < size; i++) {
                double pi = p[po + i];
                g[go + i] = (float) ((pi - t[to + i]) / Math.max(pi * (1 - pi), GRADIENT_EPS) * invN);
            }
        }
        return (float) (sum / n);
    }

    @Override
    public String toString() {
        return TYPE;
    }

    private static void requireProbabilities(float[] p, int po, int size, Tensor predictions) {
        for (int i = 0; i < size; i++) {
            float pi = p[po + i];
            if (!(pi >= 0f && pi <= 1f)) {
                throw new NnException(TYPE + ": predictions must be probabilities in [0, 1] (end the model with"
                        + " a sigmoid, or use bce_with_logits on logits), got " + pi + " at flat index " + i
                        + " of " + predictions.shape());
            }
        }
    }
}
