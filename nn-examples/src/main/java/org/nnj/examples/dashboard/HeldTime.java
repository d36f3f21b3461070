package org.nnj.examples.dashboard;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * How long the dashboard held the training thread: the wall-clock time of its calls (what training waited,
 * including any time the thread lost its processor meanwhile, which on a busy machine is most of it) and the
 * processor time they used (what they cost on a quiet one). Used from the training thread only.
 */
final class HeldTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final boolean cpu = THREADS.isCurrentThreadCpuTimeSupported();
    private long wallStart;
    private long cpuStart;
    private long wallNanos;
    private long cpuNanos;

    /** Starts timing a call. */
    void start() {
        wallStart = System.nanoTime();
        cpuStart = cpu ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** Stops timing the call and adds it. */
    void stop() {
        wallNanos += System.nanoTime() - wallStart;
        cpuNanos += cpu ? THREADS.getCurrentThreadCpuTime() - cpuStart : 0;
    }

    /** The wall-clock and processor milliseconds since the last {@code take} (processor: NaN when unknown). */
    double[] take() {
        double[] millis = {wallNanos / 1e6, cpu ? cpuNanos / 1e6 : Double.NaN};
        wallNanos = 0;
        cpuNanos = 0;
        return millis;
    }
}
