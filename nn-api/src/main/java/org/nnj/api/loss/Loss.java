package org.nnj.api.loss;

import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Tensor;

/**
 * A training objective: its value over a batch and its gradient with respect to the model's output.
 *
 * <h2>Reduction</h2>
 * Every built-in loss sums over the outputs of one sample and takes the mean over the batch (the first
 * dimension); plugins should do the same, so that learning rates carry over between losses.
 *
 * <h2>Fused losses</h2>
 * A loss may include the output non-linearity (softmax cross-entropy works on logits, binary
 * cross-entropy on pre-sigmoid values), which is both cheaper and numerically stable; the model then
 * ends without that activation, and {@link #probabilities} applies it for prediction.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface Loss {

    /** The provider name, for example {@code "softmax_cross_entropy"}. */
    String type();

    /** The settings that rebuild this loss through its provider. */
    default Config config() {
        return Config.empty();
    }

    /**
     * The loss of {@code predictions} against {@code targets} (same shape, {@code [N, ...]}; class
     * targets are one-hot), as the mean over the batch. When {@code gradient} is not null, the gradient of
     * that mean with respect to {@code predictions} is written into it (same shape).
     */
    float compute(ComputeBackend backend, Tensor predictions, Tensor targets, Tensor gradient);

    /**
     * Turns a model's outputs into what they predict: the identity by default, softmax or sigmoid for
     * fused losses. {@code output} has the shape of {@code predictions} and may be the same tensor.
     */
    default void probabilities(ComputeBackend backend, Tensor predictions, Tensor output) {
        if (output != predictions) {
            output.copyFrom(predictions);
        }
    }
}
