package org.nnj.core.train;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The record of a {@link Trainer#fit} run: the metrics of every epoch that ran, whether early stopping
 * ended it, and which epoch's weights the model holds if early stopping restored the best ones.
 *
 * @param epochs        the metrics of each epoch, in order; read-only
 * @param stoppedEarly  true if early stopping ended the run before the planned number of epochs
 * @param restoredEpoch the epoch whose weights were restored at the end, if any were
 */
public record TrainingHistory(List<EpochMetrics> epochs, boolean stoppedEarly, OptionalInt restoredEpoch) {

    public TrainingHistory {
        epochs = List.copyOf(epochs);
        Objects.requireNonNull(restoredEpoch, "restoredEpoch");
    }

    /** The metrics of the last epoch that ran. */
    public EpochMetrics last() {
        if (epochs.isEmpty()) {
            throw new NoSuchElementException("no epoch ran");
        }
        return epochs.get(epochs.size() - 1);
    }
}
