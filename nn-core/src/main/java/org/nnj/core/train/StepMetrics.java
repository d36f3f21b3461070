package org.nnj.core.train;

/**
 * Where a {@link Trainer#fit} run is after one mini-batch's update, given to {@link TrainingListener#onStep}:
 * the running values of the epoch so far (what the progress bar shows), the batch's own values (noisier, for
 * per-step charts), and the learning rate the update used (which a per-step schedule changes at every step).
 *
 * @param epoch         the epoch, from 1
 * @param step          the mini-batch of the epoch, from 1 to {@code stepsPerEpoch}
 * @param stepsPerEpoch mini-batches per epoch
 * @param loss          mean training loss of the epoch so far, over its examples
 * @param accuracy      training accuracy of the epoch so far, in [0, 1] (the rule of {@link EpochMetrics})
 * @param batchLoss     mean loss of this mini-batch, before its update
 * @param batchAccuracy accuracy on this mini-batch, before its update
 * @param learningRate  the optimizer's learning rate for this step's update
 */
public record StepMetrics(int epoch, int step, int stepsPerEpoch, double loss, double accuracy, double batchLoss,
                          double batchAccuracy, double learningRate) {
}
