package org.nnj.core.train;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.nnj.api.optim.LearningRateSchedule;
import org.nnj.api.optim.Optimizer;

/**
 * Applies a {@link LearningRateSchedule} to an optimizer during a {@link Trainer} run: before each epoch
 * (or each step) it sets the optimizer's learning rate to the schedule's rate for that time, and after
 * each epoch it tells the schedule the monitored loss (the validation loss when there is one, else the
 * training loss), which reduce-on-plateau reacts to.
 *
 * <h2>Time</h2>
 * Time follows the trainer's epochs: {@code t = epoch - 1} per epoch, {@code t = (epoch - 1) *
 * stepsPerEpoch + step - 1} per step. A run resumed from a checkpoint ({@link Trainer#resume}) goes on
 * with the epoch after the saved one, so its schedule goes on too; the trainer first replays the saved
 * epochs' losses to the schedule, so that reduce-on-plateau is where it was. A second {@link Trainer#fit}
 * starts again at epoch 1, and so does the schedule.
 *
 * <p>The base rate is given, or else the optimizer's learning rate when the scheduler is made. A
 * checkpoint saves the optimizer with the rate of its last epoch, so a resumed run must give the base rate
 * explicitly. Usually made by {@link Trainer.Builder#learningRateSchedule}; added as a listener by hand, it
 * must come before listeners that read the rate.
 */
public final class LearningRateScheduler implements TrainingListener {

    /** What the schedule's time counts. */
    public enum Unit {
        /** Epochs: the rate changes before each epoch. */
        EPOCH,
        /** Optimizer steps (mini-batches): the rate changes before each step. */
        STEP
    }

    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final Unit unit;
    private final double baseLearningRate;
    private int stepsPerEpoch;

    /** Applies {@code schedule} to {@code optimizer} from the optimizer's current rate, counting in {@code unit}. */
    public LearningRateScheduler(Optimizer optimizer, LearningRateSchedule schedule, Unit unit) {
        this(optimizer, schedule, unit, optimizer.learningRate());
    }

    /** Applies {@code schedule} to {@code optimizer} from {@code baseLearningRate}, counting in {@code unit}. */
    public LearningRateScheduler(Optimizer optimizer, LearningRateSchedule schedule, Unit unit,
                                 double baseLearningRate) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.unit = Objects.requireNonNull(unit, "unit");
        if (!(baseLearningRate >= 0) || Double.isInfinite(baseLearningRate)) {
            throw new IllegalArgumentException("the base learning rate must be zero or positive and finite, got "
                    + baseLearningRate);
        }
        this.baseLearningRate = baseLearningRate;
    }

    /** The rate the schedule starts from. */
    public double baseLearningRate() {
        return baseLearningRate;
    }

    /** Tells the schedule the losses of epochs that ran before a resume, in order. */
    void replay(List<EpochMetrics> history) {
        history.forEach(m -> schedule.observe(m.epoch(), m.monitoredLoss()));
    }

    @Override
    public void onTrainingStart(TrainingPlan plan) {
        stepsPerEpoch = plan.stepsPerEpoch();
    }

    @Override
    public void onEpochStart(int epoch) {
        apply(unit == Unit.EPOCH ? epoch - 1 : (long) (epoch - 1) * stepsPerEpoch);
    }

    @Override
    public void onBatchEnd(int epoch, int step, int stepsPerEpoch, double runningLoss) {
        if (unit == Unit.STEP && step < stepsPerEpoch) {
            apply((long) (epoch - 1) * stepsPerEpoch + step);
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        schedule.observe(metrics.epoch(), metrics.monitoredLoss());
    }

    private void apply(long t) {
        optimizer.setLearningRate(schedule.learningRate(t, baseLearningRate));
    }

    @Override
    public String toString() {
        return schedule + " per " + unit.name().toLowerCase(Locale.ROOT) + " from lr " + baseLearningRate;
    }
}
