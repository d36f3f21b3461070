package org.nnj.api.optim;

import org.nnj.api.ConfigException;

/**
 * Range checks of hyper-parameters, shared by every optimizer (built-in or plugin) so that they all
 * reject bad values with the same message: {@code "<type>: '<key>' must be <range>, got <value>"}. NaN
 * fails every check.
 */
public final class Hyperparameters {
    private Hyperparameters() {
    }

    /** {@code value >= 0} and finite (weight decay, momentum, lr decay). */
    public static double nonNegative(String type, String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new ConfigException(type + ": '" + key + "' must be zero or positive and finite, got " + value);
        }
        return value;
    }

    /** {@code value > 0} and finite (eps). */
    public static double positive(String type, String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ConfigException(type + ": '" + key + "' must be positive and finite, got " + value);
        }
        return value;
    }

    /** {@code 0 <= value < 1}: the decay rate of a running average (betas, RMSprop's alpha, AdaDelta's rho). */
    public static double decayRate(String type, String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new ConfigException(type + ": '" + key + "' must be in [0, 1), got " + value);
        }
        return value;
    }

    /** {@code 0 <= value <= 1} (SGD's dampening). */
    public static double fraction(String type, String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new ConfigException(type + ": '" + key + "' must be in [0, 1], got " + value);
        }
        return value;
    }
}
