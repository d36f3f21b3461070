package org.nnj.optimizers.schedule;

import org.nnj.api.ConfigException;

/** Checks shared by the schedules; messages name the schedule and the setting. */
final class Schedules {
    private Schedules() {
    }

    static long atLeastOne(String schedule, String key, long value) {
        if (value < 1) {
            throw new ConfigException(schedule + ": '" + key + "' must be at least 1, got " + value);
        }
        return value;
    }

    static double factor(String schedule, String key, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new ConfigException(schedule + ": '" + key + "' must be in (0, 1], got " + value);
        }
        return value;
    }

    static double nonNegative(String schedule, String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new ConfigException(schedule + ": '" + key + "' must be zero or positive and finite, got " + value);
        }
        return value;
    }

    static long time(long t) {
        if (t < 0) {
            throw new IllegalArgumentException("time must not be negative, got " + t);
        }
        return t;
    }
}
