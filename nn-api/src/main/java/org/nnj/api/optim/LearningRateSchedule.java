package org.nnj.api.optim;

/**
 * The learning rate as training goes on, given the optimizer's base rate: step decay, cosine annealing,
 * warm-up, reduce-on-plateau. A schedule knows nothing of optimizers, so any schedule combines with any
 * {@link Optimizer}: a training loop asks it for the rate at each epoch (or step) boundary and hands the
 * answer to {@link Optimizer#setLearningRate}.
 *
 * <h2>Time</h2>
 * {@code t} counts the epochs, or the steps, completed so far: 0 before the first. Which of the two is
 * the training loop's choice (PyTorch's {@code scheduler.step()} per epoch or per batch); a schedule's
 * parameters (a period, a number of warm-up steps) are in the same unit.
 *
 * <h2>Contract</h2>
 * {@link #learningRate} is a function of {@code t}, the base rate and what the schedule has
 * {@link #observe observed}; it does not change the schedule, so it may be asked again (a resumed run
 * asks for the rate at its own {@code t}). The rate is finite and not negative. Schedules that react to
 * a metric (reduce-on-plateau) change their state only in {@link #observe}, which the training loop
 * calls after each epoch. A schedule is used by one training loop at a time.
 */
public interface LearningRateSchedule {

    /** The learning rate for time {@code t} (from 0), given the optimizer's base rate. */
    double learningRate(long t, double baseLearningRate);

    /**
     * Told, after epoch {@code epoch} (from 1), the metric the training loop monitors (the validation loss
     * when there is one, else the training loss). Does nothing by default.
     */
    default void observe(long epoch, double metric) {
    }
}
