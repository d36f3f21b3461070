package org.nnj.examples.optim;

import java.util.Locale;
import org.nnj.api.optim.LearningRateSchedule;
import org.nnj.core.train.LearningRateScheduler;
import org.nnj.optimizers.schedule.CosineAnnealing;
import org.nnj.optimizers.schedule.ExponentialDecay;
import org.nnj.optimizers.schedule.LinearWarmup;
import org.nnj.optimizers.schedule.ReduceOnPlateau;
import org.nnj.optimizers.schedule.StepDecay;

/** The learning-rate schedules a demo can be asked for by name, sized to the run. */
enum ScheduleChoice {
    /** A constant rate. */
    NONE,
    /** Halve the rate after every epoch. */
    STEP,
    /** Multiply the rate by 0.7 after every epoch. */
    EXPONENTIAL,
    /** Cosine annealing to 0 over the whole run, per step. */
    COSINE,
    /** A linear warm-up over the first tenth of the steps from a tenth of the rate, then cosine annealing. */
    WARMUP_COSINE,
    /** Halve the rate when an epoch's loss is not 1% below the best so far. */
    PLATEAU;

    /** The name on the command line, for example {@code warmup-cosine}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A new schedule for a run of {@code steps} steps, or null for {@link #NONE}. */
    LearningRateSchedule create(long steps) {
        return switch (this) {
            case NONE -> null;
            case STEP -> new StepDecay(1, 0.5);
            case EXPONENTIAL -> new ExponentialDecay(0.7);
            case COSINE -> new CosineAnnealing(steps);
            case WARMUP_COSINE -> {
                long warmup = Math.max(1, steps / 10);
                yield new LinearWarmup(warmup, 0.1, new CosineAnnealing(Math.max(1, steps - warmup)));
            }
            case PLATEAU -> new ReduceOnPlateau(0.5, 0, 0.01, 0, 0, false);
        };
    }

    /** What the schedule's time counts. */
    LearningRateScheduler.Unit unit() {
        return this == COSINE || this == WARMUP_COSINE ? LearningRateScheduler.Unit.STEP : LearningRateScheduler.Unit.EPOCH;
    }

    /** Picocli converts {@code warmup-cosine} and the like. */
    static ScheduleChoice parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
