package org.nnj.optimizers.schedule;

import org.nnj.api.ConfigException;
import org.nnj.api.optim.LearningRateSchedule;

/** Multiplies the rate by {@code gamma} at every tick, as PyTorch's {@code ExponentialLR}: {@code lr(t) = base * gamma^t}. */
public final class ExponentialDecay implements LearningRateSchedule {
    private final double gamma;

    /** @throws ConfigException unless {@code gamma} is in (0, 1] */
    public ExponentialDecay(double gamma) {
        this.gamma = Schedules.factor("exponential decay", "gamma", gamma);
    }

    @Override
    public double learningRate(long t, double baseLearningRate) {
        return baseLearningRate * Math.pow(gamma, Schedules.time(t));
    }

    @Override
    public String toString() {
        return "exponential decay (x" + gamma + ")";
    }
}
