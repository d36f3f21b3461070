package org.nnj.core.train;

import java.util.List;
import java.util.Objects;
import org.nnj.api.ConfigException;

/**
 * How far a {@link Trainer} run has come, and the settings that decide what its next epochs draw: what a
 * checkpoint stores so that {@link Trainer#resume} continues the run exactly where it stopped.
 *
 * <p>The order of the examples and the layers' random sources in epoch {@code k} derive from the seed and
 * {@code k} alone, so a run resumed with the same seed, batch size, shuffling and data (and the weights
 * and optimizer state saved with this progress) ends with the same weights, bit for bit, as a run that
 * was never interrupted.
 *
 * @param epoch        the number of epochs completed, from 0
 * @param epochs       the number of epochs the run was planned for
 * @param seed         the trainer's seed
 * @param batchSize    the trainer's batch size
 * @param shuffle      whether the trainer shuffles each epoch
 * @param stoppedEarly true when early stopping ended the run after {@code epoch}
 * @param history      the metrics of epochs 1 to {@code epoch}, in order; read-only
 * @param dataFingerprint the {@link org.nnj.core.data.DataFingerprint} of the training data, or null when it is
 *                     not known (a checkpoint written before NNJ recorded it)
 */
public record TrainingProgress(int epoch, int epochs, long seed, int batchSize, boolean shuffle,
                               boolean stoppedEarly, List<EpochMetrics> history, String dataFingerprint) {

    /** Progress without a data fingerprint. */
    public TrainingProgress(int epoch, int epochs, long seed, int batchSize, boolean shuffle, boolean stoppedEarly,
                            List<EpochMetrics> history) {
        this(epoch, epochs, seed, batchSize, shuffle, stoppedEarly, history, null);
    }

    /**
     * @throws ConfigException when the numbers do not fit together (an epoch count below 0, a history that
     *                         does not hold epochs 1 to {@code epoch})
     */
    public TrainingProgress {
        history = List.copyOf(Objects.requireNonNull(history, "history"));
        if (epoch < 0 || epochs < 1 || batchSize < 1) {
            throw new ConfigException("training progress: epoch " + epoch + " of " + epochs + " with batch size "
                    + batchSize + " is not possible (need epoch >= 0, epochs >= 1, batch size >= 1)");
        }
        if (history.size() != epoch) {
            throw new ConfigException("training progress: " + epoch + " epochs completed but the history holds "
                    + history.size());
        }
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).epoch() != i + 1) {
                throw new ConfigException("training progress: history entry " + i + " is epoch "
                        + history.get(i).epoch() + ", expected " + (i + 1));
            }
        }
    }

    /** This progress with {@code fingerprint} (null: unknown) as its training data's fingerprint. */
    public TrainingProgress withDataFingerprint(String fingerprint) {
        return new TrainingProgress(epoch, epochs, seed, batchSize, shuffle, stoppedEarly, history, fingerprint);
    }

    /** This progress as if the run had used {@code seed} and {@code batchSize} (to continue it differently on purpose). */
    public TrainingProgress withSeedAndBatchSize(long seed, int batchSize) {
        return new TrainingProgress(epoch, epochs, seed, batchSize, shuffle, stoppedEarly, history, dataFingerprint);
    }

    /** True when the run has nothing left to do: all planned epochs ran, or early stopping ended it. */
    public boolean finished() {
        return stoppedEarly || epoch >= epochs;
    }
}
