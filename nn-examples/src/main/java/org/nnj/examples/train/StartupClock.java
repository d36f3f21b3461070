package org.nnj.examples.train;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.nnj.core.train.TrainingListener;

/**
 * Measures start-up as a user waits for it: from the start of the process to the end of the first training
 * step, for {@code startup_seconds} in {@code ./nn train --report}.
 *
 * <p>The start is {@link ProcessHandle.Info#startInstant()}, not {@code RuntimeMXBean.getStartTime()}: the
 * process's start is when the user's command began (the {@code ./nn} script {@code exec}s java in its own
 * process, so its check for a stale build counts too, and so does the launcher's loading of the JVM, which
 * the MXBean's time, taken once the JVM is being created, leaves out), and it is in {@code java.base}, while
 * the MXBean would add {@code java.management} and its classes to the very start-up it measures. Linux
 * records the start in clock ticks, so the figure is good to about 10 ms.
 */
final class StartupClock implements TrainingListener {
    private final Instant processStart;
    private Double seconds;

    /** A clock from this process's start, or one that measures nothing where the system does not say. */
    StartupClock() {
        this(ProcessHandle.current().info().startInstant().orElse(null));
    }

    StartupClock(Instant processStart) {
        this.processStart = processStart;
    }

    @Override
    public void onBatchEnd(int epoch, int step, int stepsPerEpoch, double runningLoss) {
        if (seconds == null && processStart != null) {
            seconds = Duration.between(processStart, Instant.now()).toNanos() / 1e9;
        }
    }

    /** Seconds from the process's start to the end of the first step; empty before it or if unknown. */
    Optional<Double> seconds() {
        return Optional.ofNullable(seconds);
    }
}
