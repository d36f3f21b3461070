package org.nnj.core.train;

/**
 * What a {@link Trainer#fit} run is about to do, given to {@link TrainingListener#onTrainingStart}.
 *
 * @param epochs            the number of epochs (at most; early stopping may end sooner)
 * @param stepsPerEpoch     mini-batches per epoch (the last may be smaller than {@code batchSize})
 * @param samples           training examples per epoch
 * @param batchSize         examples per full mini-batch
 * @param validationSamples validation examples evaluated after each epoch, 0 without validation
 */
public record TrainingPlan(int epochs, int stepsPerEpoch, int samples, int batchSize, int validationSamples) {
}
