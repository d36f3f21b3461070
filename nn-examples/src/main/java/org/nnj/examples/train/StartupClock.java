package org.nnj.examples.train;

import java.util.Optional;
import java.util.OptionalDouble;
import org.nnj.core.train.TrainingListener;

/**
 * Measures start-up as a user waits for it: from the start of the process to the end of the first training
 * step, for {@code startup_seconds} in {@code ./nn train --report}.
 *
 * <p>The start is the process's ({@link ProcessAge}), not {@code RuntimeMXBean.getStartTime()}: the process's
 * start is when the user's command began (the {@code ./nn} script {@code exec}s java in its own process, so its
 * check for a stale build counts too, and so does the launcher's loading of the JVM, which the MXBean's time,
 * taken once the JVM is being created, leaves out), and the MXBean would add {@code java.management} and its
 * classes to the very start-up it measures. The clock takes the process's age once, when it is made, and
 * adds {@link System#nanoTime()} from there; Linux counts that age in 1/100 s, so the figure is good to about
 * 20 ms. {@code startup_cpu_seconds} beside it is the CPU time the process used until then.
 */
final class StartupClock implements TrainingListener {
    private final OptionalDouble ageAtStart;
    private final long nanosAtStart = System.nanoTime();
    private Double seconds;
    private Double cpuSeconds;

    /** A clock from this process's start, or one that measures nothing where the system does not say. */
    StartupClock() {
        this(ProcessAge.seconds());
    }

    /** A clock for a process that started {@code age} seconds ago (empty: unknown). */
    StartupClock(OptionalDouble age) {
        this.ageAtStart = age;
    }

    @Override
    public void onBatchEnd(int epoch, int step, int stepsPerEpoch, double runningLoss) {
        if (seconds == null && ageAtStart.isPresent()) {
            seconds = ageAtStart.getAsDouble() + (System.nanoTime() - nanosAtStart) / 1e9;
            cpuSeconds = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(null);
        }
    }
    /** Seconds from the process's start to the end of the first step; empty before it or if unknown. */
    Optional<Double> seconds() {
        return Optional.ofNullable(seconds);
    }

    /**
     * The CPU time of the process (every thread: the JIT compilers' and the kernels' too) until the end of
     * the first step; empty like {@link #seconds()}. On a busy machine the wall time grows with the others'
     * load and this one does not, so it shows whether start-up itself got faster.
     */
    Optional<Double> cpuSeconds() {
        return Optional.ofNullable(cpuSeconds);
    }
}
