package org.nnj.spark;

import java.io.Serializable;
import org.nnj.api.ConfigException;

/**
 * How a Spark job trains: the optimizer, the epochs, the global batch (each step uses about
 * {@code batchSize / partitions} rows of every partition), the synchronisation mode and its period, the
 * seed, whether rows are shuffled within their partition each epoch, and where checkpoints go (null: none).
 */
public record TrainingSettings(String optimizer, double learningRate, int epochs, int batchSize, SyncMode mode,
                               int averagingPeriod, long seed, boolean shuffle, String checkpointDir)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public TrainingSettings {
        if (epochs < 1) {
            throw new ConfigException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new ConfigException("batchSize must be at least 1, got " + batchSize);
        }
        if (averagingPeriod < 1) {
            throw new ConfigException("averagingPeriod must be at least 1, got " + averagingPeriod);
        }
        if (!(learningRate > 0)) {
            throw new ConfigException("the learning rate must be positive, got " + learningRate);
        }
    }

    /** Steps per round: 1 with gradient averaging, the averaging period with parameter averaging. */
    int stepsPerRound() {
        return mode == SyncMode.GRADIENT ? 1 : averagingPeriod;
    }
}
