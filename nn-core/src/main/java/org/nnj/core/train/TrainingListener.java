package org.nnj.core.train;

/**
 * Watches a {@link Trainer#fit} run: progress display, logs, checkpoints. Every method does nothing by
 * default; override the ones you need. Methods are called on the training thread, in this order:
 * <pre>
 * onTrainingStart
 *   (onEpochStart, onBatchEnd x stepsPerEpoch, onCheckpoint, onEpochEnd) x epochs that run
 * onTrainingEnd
 * </pre>
 * and a listener that throws ends the run with that exception. Listeners registered on one trainer are
 * called in the order they were added.
 */
public interface TrainingListener {

    /** Before the first epoch. */
    default void onTrainingStart(TrainingPlan plan) {
    }

    /** Before the first mini-batch of {@code epoch} (from 1). */
    default void onEpochStart(int epoch) {
    }

    /**
     * After mini-batch {@code step} (from 1 to {@code stepsPerEpoch}) of {@code epoch} was used for an
     * update; {@code runningLoss} is the mean training loss of the epoch so far.
     */
    default void onBatchEnd(int epoch, int step, int stepsPerEpoch, double runningLoss) {
    }

    /**
     * After an epoch and its validation, before {@link #onEpochEnd}: what a checkpoint must hold to resume
     * the run (see {@code org.nnj.core.io.Checkpointer}, which writes it to a model file). The snapshot
     * refers to the live model and optimizer: save what you need during the call.
     */
    default void onCheckpoint(TrainingSnapshot snapshot) {
    }

    /** After an epoch, its validation and {@link #onCheckpoint}. */
    default void onEpochEnd(EpochMetrics metrics) {
    }

    /** After the last epoch (and after early stopping restored the best weights, if it does). */
    default void onTrainingEnd(TrainingHistory history) {
    }
}
