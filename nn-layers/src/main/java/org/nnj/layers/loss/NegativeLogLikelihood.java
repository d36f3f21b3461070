package org.nnj.layers.loss;

import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Tensor;

/**
 * The negative log-likelihood of log-probabilities {@code x} of shape {@code [N, C]} (or {@code [N, ..., C]}),
 * for a model that ends with the {@code log_softmax} activation, against targets {@code t} of the same shape,
 * one-hot or any distribution over the classes: {@code L = -(1/N) sum t x}, gradient {@code -t / N}.
 * Terms with {@code t == 0} are skipped, so a masked class (log-probability {@code -inf}, target 0) adds 0
 * rather than {@code 0 * -inf = NaN}. {@link #probabilities} is {@code exp(x)}. Provider name {@code "nll"},
 * no config.
 *
 * <p>With one-hot targets this is PyTorch's {@code F.nll_loss(x, classes)} with mean reduction (and, for
 * {@code [N, C]}, the sum over a sample's outputs is just the one picked log-probability). The predictions
 * are not checked to be log-probabilities: any numbers give the linear loss above, as in PyTorch.
 */
public final class NegativeLogLikelihood implements Loss {
    /** The provider name. */
    public static final String TYPE = "nll";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public float compute(ComputeBackend backend, Tensor predictions, Tensor targets, Tensor gradient) {
        int n = LossChecks.batchSize(TYPE, predictions, targets, gradient);
        classes(predictions);
        int size = predictions.size();
        float[] x = predictions.data();
        float[] t = targets.data();
        int xo = predictions.offset();
        int to = targets.offset();
        double sum = 0;
        for (int i = 0; i < size; i++) {
            float ti = t[to + i];
            if (ti != 0) { // a masked class: 0 * -inf would be NaN
                sum -= (double) ti * x[xo + i];
            }
        }
        // The value is taken before the gradient is written, so gradient may be the predictions tensor.
        if (gradient != null) {
            float[] g = gradient.data();
            int go = gradient.offset();
            float scale = -1f / n;
            for (int i = 0; i < size; i++) {
                float ti = t[to + i];
                g[go + i] = ti == 0 ? 0f : ti * scale; // +0, not -0, where there is no target, as PyTorch
            }
        }
        return (float) (sum / n);
    }

    /** {@code exp(x)}: the class probabilities the log-probabilities stand for. */
    @Override
    public void probabilities(ComputeBackend backend, Tensor predictions, Tensor output) {
        LossChecks.sameShape(TYPE, predictions, output);
        float[] x = predictions.data();
        float[] p = output.data();
        int xo = predictions.offset();
        int po = output.offset();
        for (int i = 0, size = predictions.size(); i < size; i++) {
            p[po + i] = (float) Math.exp(x[xo + i]);
        }
    }

    @Override
    public String toString() {
        return TYPE;
    }

    private static void classes(Tensor predictions) {
        if (predictions.shape().rank() < 2 || predictions.dim(-1) == 0) {
            throw new ShapeException(TYPE + ": predictions must be log-probabilities of shape [N, classes]"
                    + " (or [N, ..., classes]), got " + predictions.shape());
        }
    }
}
