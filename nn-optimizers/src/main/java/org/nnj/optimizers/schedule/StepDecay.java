package org.nnj.optimizers.schedule;

import org.nnj.api.ConfigException;
import org.nnj.api.optim.LearningRateSchedule;

/**
 * Multiplies the rate by {@code gamma} every {@code stepSize} epochs (or steps), as PyTorch's
 * {@code StepLR}: {@code lr(t) = base * gamma^floor(t / stepSize)}.
 */
public final class StepDecay implements LearningRateSchedule {
    private final long stepSize;
    private final double gamma;

    /**
     * @param stepSize the period, at least 1
     * @param gamma    the factor, in (0, 1]
     * @throws ConfigException naming the setting that is out of range
     */
    public StepDecay(long stepSize, double gamma) {
        this.stepSize = Schedules.atLeastOne("step decay", "stepSize", stepSize);
        this.gamma = Schedules.factor("step decay", "gamma", gamma);
    }

    @Override
    public double learningRate(long t, double baseLearningRate) {
        return baseLearningRate * Math.pow(gamma, Schedules.time(t) / stepSize);
    }

    @Override
    public String toString() {
        return "step decay (x" + gamma + " every " + stepSize + ")";
    }
}
