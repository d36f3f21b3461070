package org.nnj.core.train;

import java.util.Objects;
import org.nnj.api.optim.LearningRateSchedule;
import org.nnj.api.optim.Optimizer;

/**
 * Applies a {@link LearningRateSchedule} to an optimizer during {@link Trainer#fit}: before each epoch
 * (or each step) it sets the optimizer's learning rate to the schedule's rate for that time, and after
 * each epoch it tells the schedule the monitored loss (the validation loss when there is one, else the
 * training loss), which reduce-on-plateau reacts to. Time goes on across several {@code fit} calls, so a
 * run continued by a second {@code fit} continues its schedule.
 *
 * <p>The base rate is the optimizer's learning rate when the scheduler is made. Usually made by
 * {@link Trainer.Builder#learningRateSchedule}; added as a listener by hand, it must come before
 * listeners that read the rate.
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
    private long epochsBefore;
    private long stepsBefore;
    private long epochsDone;
    private long stepsDone;
    private int stepsPerEpoch;

    /** Applies {@code schedule} to {@code optimizer}, counting time in {@code unit}. */
    public LearningRateScheduler(Optimizer optimizer, LearningRateSchedule schedule, Unit unit) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.baseLearningRate = optimizer.learningRate();
    }

    /** The rate the schedule starts from: the optimizer's when this scheduler was made. */
    public double baseLearningRate() {
        return baseLearningRate;
    }

    @Override
    public void onTrainingStart(TrainingPlan plan) {
        epochsBefore = epochsDone;
        stepsBefore = stepsDone;
        stepsPerEpoch = plan.stepsPerEpoch();
    }

    @Override
    public void onEpochStart(int epoch) {
        apply(unit == Unit.EPOCH ? epochsBefore + epoch - 1 : stepsBefore + (long) (epoch - 1) * stepsPerEpoch);
    }

    @Override
    public void onBatchEnd(int epoch, int step, int stepsPerEpoch, double runningLoss) {
        stepsDone++;
        if (unit == Unit.STEP && step < stepsPerEpoch) {
            apply(stepsBefore + (long) (epoch - 1) * stepsPerEpoch + step);
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        epochsDone++;
        schedule.observe(epochsBefore + metrics.epoch(), metrics.monitoredLoss());
    }

    private void apply(long t) {
        optimizer.setLearningRate(schedule.learningRate(t, baseLearningRate));
    }

    @Override
    public String toString() {
        return schedule + " per " + unit.name().toLowerCase(java.util.Locale.ROOT) + " from lr " + baseLearningRate;
    }
}
