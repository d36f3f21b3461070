package org.nnj.optimizers.schedule;

import org.nnj.api.ConfigException;
import org.nnj.api.optim.LearningRateSchedule;

/**
 * Lowers the rate when the monitored metric stops improving, as PyTorch's {@code ReduceLROnPlateau}
 * (relative threshold). After each epoch ({@link #observe}):
 * <pre>
 *   improved = metric &lt; best - threshold * |best|      (a higher metric when maximizing)
 *   if improved: best = metric, badEpochs = 0   else: badEpochs += 1
 *   in cooldown: cooldown -= 1, badEpochs = 0
 *   if badEpochs &gt; patience: reductions += 1, cooldown = cooldownEpochs, badEpochs = 0</pre>
 * and the rate is {@code max(base * factor^reductions, minLearningRate)}. A NaN metric never counts as
 * an improvement. (PyTorch writes {@code best * (1 - threshold)}, which is the same for positive metrics
 * and lets a slightly worse value count as better for negative ones.)
 *
 * <p>This schedule has state (best, bad epochs, cooldown, reductions), changed only by {@link #observe};
 * use one instance per training run.
 */
public final class ReduceOnPlateau implements LearningRateSchedule {
    private final double factor;
    private final int patience;
    private final double threshold;
    private final int cooldownEpochs;
    private final double minLearningRate;
    private final boolean maximize;

    private double best;
    private int badEpochs;
    private int cooldown;
    private int reductions;

    /** PyTorch's defaults: factor 0.1, patience 10, threshold 1e-4, no cooldown, minimum 0, minimizing. */
    public ReduceOnPlateau() {
        this(0.1, 10, 1e-4, 0, 0, false);
    }

    /**
     * @param factor          the rate's multiplier at each reduction, in (0, 1)
     * @param patience        epochs without improvement tolerated before a reduction, at least 0
     * @param threshold       the relative improvement that counts, zero or positive
     * @param cooldownEpochs  epochs after a reduction during which bad epochs are not counted
     * @param minLearningRate the rate never goes below this
     * @param maximize        true when a higher metric is better (accuracy), false for losses
     * @throws ConfigException naming the setting that is out of range
     */
    public ReduceOnPlateau(double factor, int patience, double threshold, int cooldownEpochs, double minLearningRate,
                           boolean maximize) {
        if (!(factor > 0 && factor < 1)) {
            throw new ConfigException("reduce on plateau: 'factor' must be in (0, 1), got " + factor);
        }
        if (patience < 0 || cooldownEpochs < 0) {
            throw new ConfigException("reduce on plateau: 'patience' and 'cooldown' must not be negative, got "
                    + patience + " and " + cooldownEpochs);
        }
        this.factor = factor;
        this.patience = patience;
        this.threshold = Schedules.nonNegative("reduce on plateau", "threshold", threshold);
        this.cooldownEpochs = cooldownEpochs;
        this.minLearningRate = Schedules.nonNegative("reduce on plateau", "minLearningRate", minLearningRate);
        this.maximize = maximize;
        this.best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public double learningRate(long t, double baseLearningRate) {
        return Math.max(baseLearningRate * Math.pow(factor, reductions), minLearningRate);
    }

    @Override
    public void observe(long epoch, double metric) {
        boolean improved = maximize ? metric > best * (1 + Math.copySign(threshold, best))
                : metric < best * (1 - Math.copySign(threshold, best));
        if (improved) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldown > 0) {
            cooldown--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            reductions++;
            cooldown = cooldownEpochs;
            badEpochs = 0;
        }
    }

    /** How many times the rate has been reduced so far. */
    public int reductions() {
        return reductions;
    }

    @Override
    public String toString() {
        return "reduce on plateau (x" + factor + " after " + patience + " epochs without improvement)";
    }
}
