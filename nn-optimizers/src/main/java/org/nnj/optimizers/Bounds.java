package org.nnj.optimizers;

import org.nnj.api.ConfigException;
import org.nnj.api.optim.Hyperparameters;

/**
 * The plausibility bounds of the built-in optimizers' hyper-parameters, beyond the ranges of
 * {@link Hyperparameters}: values that no training run uses and that only make the weights overflow in the
 * first steps. Each optimizer's constructor applies them, and its provider builds it through that
 * constructor both when a user creates it and when a model file is loaded, so a file cannot bring in a
 * value that creation refuses.
 * <ul>
 *   <li>{@code lr} at most {@value #MAX_LEARNING_RATE}: a hundred times AdaDelta's default of 1, the
 *       largest rate in common use; with float32 weights, a rate of 3e8 makes them infinite within a
 *       step or two;</li>
 *   <li>{@code weight_decay} zero or positive, finite, and with {@code lr * weight_decay < 1}: each step
 *       shrinks the weights by {@code lr * weight_decay} (exactly so in SGD and AdamW), and shrinking by
 *       100% or more flips or zeroes them instead of decaying them (typical values are 1e-4 to 0.1 with
 *       rates of 1e-3 to 0.1).</li>
 * </ul>
 */
public final class Bounds {
    /** The largest initial learning rate a built-in optimizer accepts. */
    public static final double MAX_LEARNING_RATE = 100;

    private Bounds() {
    }

    /**
     * {@code lr}, when it is at most {@value #MAX_LEARNING_RATE} (positivity and finiteness are checked by
     * {@link org.nnj.api.optim.AbstractOptimizer}).
     *
     * @throws ConfigException {@code "<type>: 'lr' must be ..., got <value>"}
     */
    public static double learningRate(String type, double lr) {
        if (lr > MAX_LEARNING_RATE) {
            throw new ConfigException(type + ": 'lr' must be positive and at most " + MAX_LEARNING_RATE
                    + " (larger rates make float32 weights overflow within a few steps), got " + lr);
        }
        return lr;
    }

    /**
     * {@code weightDecay}, when it is zero or positive, finite, and {@code lr * weightDecay < 1}.
     *
     * @throws ConfigException {@code "<type>: 'weight_decay' must be ..., got <value>"}
     */
    public static double weightDecay(String type, double weightDecay, double lr) {
        Hyperparameters.nonNegative(type, "weight_decay", weightDecay);
        if (!(lr * weightDecay < 1)) {
            throw new ConfigException(type + ": 'weight_decay' must be below 1 / lr = " + (1 / lr) + " (each step"
                    + " shrinks the weights by lr * weight_decay; 1 or more would flip or zero them), got "
                    + weightDecay);
        }
        return weightDecay;
    }
}
