package org.nnj.optimizers.schedule;

import org.nnj.api.ConfigException;
import org.nnj.api.optim.LearningRateSchedule;

/**
 * Half a cosine from the base rate down to {@code minLearningRate} over {@code period} ticks, as the
 * closed form of PyTorch's {@code CosineAnnealingLR} (Loshchilov and Hutter's SGDR without restarts):
 * <pre>
 *   lr(t) = min + (base - min) * (1 + cos(pi * t / period)) / 2</pre>
 * At {@code t = period} the rate is {@code min}; after that it stays there (PyTorch's formula would
 * climb back up along the cosine, which is rarely what anyone wants; set the period to the length of
 * the run).
 */
public final class CosineAnnealing implements LearningRateSchedule {
    private final long period;
    private final double minLearningRate;

    /** Down to 0 over {@code period} ticks. */
    public CosineAnnealing(long period) {
        this(period, 0);
    }

    /**
     * @param period          ticks from the base rate to the minimum, at least 1 (PyTorch's {@code T_max})
     * @param minLearningRate the rate at the end, zero or positive (PyTorch's {@code eta_min})
     * @throws ConfigException naming the setting that is out of range
     */
    public CosineAnnealing(long period, double minLearningRate) {
        this.period = Schedules.atLeastOne("cosine annealing", "period", period);
        this.minLearningRate = Schedules.nonNegative("cosine annealing", "minLearningRate", minLearningRate);
    }

    @Override
    public double learningRate(long t, double baseLearningRate) {
        long clamped = Math.min(Schedules.time(t), period);
        return minLearningRate + (baseLearningRate - minLearningRate) * (1 + Math.cos(Math.PI * clamped / period)) / 2;
    }

    @Override
    public String toString() {
        return "cosine annealing (over " + period + " to " + minLearningRate + ")";
    }
}
