package org.nnj.core.train;

import org.nnj.api.ConfigException;

/**
 * When a {@link Trainer} stops before its last epoch: after {@code patience} epochs in a row without the
 * monitored loss improving by more than {@code minDelta}. The monitored loss is the validation loss when
 * the trainer has a validation set, else the training loss. With {@code restoreBestWeights}, the model
 * ends the run holding the weights of its best epoch (whether the run stopped early or not).
 *
 * <p>Part of the trainer's configuration ({@link Trainer.Builder#earlyStopping}) rather than a listener,
 * so that listeners only watch and never change the course of a run.
 *
 * <pre>{@code
 * EarlyStopping.ofPatience(5).withMinDelta(1e-4).withRestoreBestWeights(true)
 * }</pre>
 *
 * @param patience           epochs without improvement before stopping, at least 0
 * @param minDelta           the decrease that counts as an improvement, at least 0
 * @param restoreBestWeights whether to put back the best epoch's weights at the end
 */
public record EarlyStopping(int patience, double minDelta, boolean restoreBestWeights) {

    public EarlyStopping {
        if (patience < 0) {
            throw new ConfigException("early stopping: 'patience' must be at least 0, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new ConfigException("early stopping: 'minDelta' must be at least 0, got " + minDelta);
        }
    }

    /** Stops after {@code patience} epochs without improvement; no minimum delta, no restoring. */
    public static EarlyStopping ofPatience(int patience) {
        return new EarlyStopping(patience, 0.0, false);
    }

    public EarlyStopping withMinDelta(double minDelta) {
        return new EarlyStopping(patience, minDelta, restoreBestWeights);
    }

    public EarlyStopping withRestoreBestWeights(boolean restore) {
        return new EarlyStopping(patience, minDelta, restore);
    }
}
