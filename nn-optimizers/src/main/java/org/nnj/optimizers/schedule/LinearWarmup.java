package org.nnj.optimizers.schedule;

import java.util.Objects;
import org.nnj.api.ConfigException;
import org.nnj.api.optim.LearningRateSchedule;

/**
 * A linear ramp from {@code startFactor * base} up to the base rate over {@code warmup} ticks, then
 * another schedule, which starts its own time at 0 when the ramp ends: PyTorch's {@code LinearLR} (with
 * {@code end_factor} 1) followed by another scheduler in a {@code SequentialLR}.
 * <pre>
 *   t &lt; warmup:   lr(t) = base * (startFactor + (1 - startFactor) * t / warmup)
 *   t &gt;= warmup:  lr(t) = then.learningRate(t - warmup, base)</pre>
 * Warm-up is usually counted in steps: large early updates of an adaptive optimizer, whose second
 * moments are still poor estimates, can throw a network far off.
 */
public final class LinearWarmup implements LearningRateSchedule {
    private static final LearningRateSchedule CONSTANT = (t, base) -> base;

    private final long warmup;
    private final double startFactor;
    private final LearningRateSchedule then;

    /** A ramp over {@code warmup} ticks from {@code startFactor * base}, then the base rate. */
    public LinearWarmup(long warmup, double startFactor) {
        this(warmup, startFactor, CONSTANT);
    }

    /**
     * @param warmup      ticks of the ramp, at least 1
     * @param startFactor the fraction of the base rate at {@code t = 0}, in (0, 1] (PyTorch's default is 1/3)
     * @param then        the schedule after the ramp, seeing time from 0
     * @throws ConfigException naming the setting that is out of range
     */
    public LinearWarmup(long warmup, double startFactor, LearningRateSchedule then) {
        this.warmup = Schedules.atLeastOne("linear warm-up", "warmup", warmup);
        this.startFactor = Schedules.factor("linear warm-up", "startFactor", startFactor);
        this.then = Objects.requireNonNull(then, "then");
    }

    @Override
    public double learningRate(long t, double baseLearningRate) {
        if (Schedules.time(t) < warmup) {
            return baseLearningRate * (startFactor + (1 - startFactor) * t / warmup);
        }
        return then.learningRate(t - warmup, baseLearningRate);
    }

    /** The metric goes on to the schedule after the ramp (a plateau after warm-up). */
    @Override
    public void observe(long epoch, double metric) {
        then.observe(epoch, metric);
    }

    @Override
    public String toString() {
        return "linear warm-up (" + warmup + " from x" + startFactor + ")"
                + (then == CONSTANT ? "" : ", then " + then);
    }
}
