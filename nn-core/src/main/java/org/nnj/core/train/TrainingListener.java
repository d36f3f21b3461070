package org.nnj.core.train;

/**
 * Watches a {@link Trainer#fit} run: progress display, logs, checkpoints. Every method does nothing by
 * default; override the ones you need. Methods are called on the training thread, in this order:
 * <pre>
 * onTrainingStart
 *   (onEpochStart, (onBatchEnd, onStep) x stepsPerEpoch, [onValidation], onCheckpoint, onEpochEnd) x epochs that run
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
     * Right after {@link #onBatchEnd}, with more about the same step: the running accuracy, the batch's own loss
     * and accuracy, and the learning rate of the update (a listener that draws per-step charts needs them; one
     * that needs only the running loss can stay with {@code onBatchEnd}).
     */
    default void onStep(StepMetrics step) {
    }

    /**
     * After an epoch's validation (runs without a validation set never call it), before {@link #onCheckpoint}:
     * every validation example counted by its class and its prediction, by the rule of the validation accuracy,
     * so {@code confusion.accuracy()} is the epoch's validation accuracy. Each epoch gets a new matrix, which the
     * listener may keep. For one output the classes are 0 and 1.
     */
    default void onValidation(int epoch, ConfusionMatrix confusion) {
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
