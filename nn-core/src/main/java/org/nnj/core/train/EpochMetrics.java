package org.nnj.core.train;

/**
 * What one epoch achieved. Losses are means over the examples (the training loss over the epoch's
 * mini-batches, computed before each batch's update, as Keras reports it). Accuracy is the fraction of
 * examples whose prediction is right: the arg-max of the loss's probabilities against the class label for
 * several outputs, probability above 0.5 against target above 0.5 for a single output. Validation values
 * are {@code NaN} without a validation set.
 *
 * @param epoch              the epoch number, from 1
 * @param trainingLoss       mean training loss
 * @param trainingAccuracy   training accuracy in [0, 1]
 * @param validationLoss     mean validation loss, or NaN
 * @param validationAccuracy validation accuracy, or NaN
 * @param samplesPerSecond   training examples per second (forward, backward and update)
 * @param seconds            wall-clock seconds of the whole epoch, validation included
 */
public record EpochMetrics(int epoch, double trainingLoss, double trainingAccuracy, double validationLoss,
                           double validationAccuracy, double samplesPerSecond, double seconds) {

    /** True when the epoch was validated. */
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }

    /** The loss early stopping watches: the validation loss when there is one, else the training loss. */
    public double monitoredLoss() {
        return hasValidation() ? validationLoss : trainingLoss;
    }
}
