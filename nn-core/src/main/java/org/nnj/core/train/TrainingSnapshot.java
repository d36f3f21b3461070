package org.nnj.core.train;

import java.util.Objects;
import org.nnj.api.loss.Loss;
import org.nnj.api.optim.Optimizer;
import org.nnj.core.model.Sequential;

/**
 * Everything a checkpoint needs after an epoch, handed to {@link TrainingListener#onCheckpoint}: the model
 * (its weights), the loss, the optimizer (its state) and the {@link TrainingProgress}. The model and the
 * optimizer are the live objects of the run, so a listener must write them out during the call and not
 * keep the snapshot.
 *
 * @param model     the model being trained
 * @param loss      the loss it is trained with
 * @param optimizer the optimizer, whose state continues the run
 * @param progress  the epochs completed and the settings that decide the next ones
 */
public record TrainingSnapshot(Sequential model, Loss loss, Optimizer optimizer, TrainingProgress progress) {

    public TrainingSnapshot {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(progress, "progress");
    }
}
