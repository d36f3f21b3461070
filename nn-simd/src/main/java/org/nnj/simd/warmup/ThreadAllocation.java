package org.nnj.simd.warmup;

import java.lang.management.ManagementFactory;

/**
 * The bytes the current thread has allocated so far, where the JVM counts them
 * ({@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}; HotSpot does by default).
 *
 * <p>The management classes take 25-30 ms to load and set up in a cold JVM, so they are set up on a thread of
 * their own, started by the first {@link Trial}; until they are {@link #settled()}, nothing is counted.
 */
final class ThreadAllocation {
    private static volatile com.sun.management.ThreadMXBean threads;
    private static volatile boolean settled;
    private static boolean started;

    private ThreadAllocation() {
    }

    /** Starts setting up the counter, once. */
    static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Thread setUp = new Thread(() -> {
            threads = counter();
            settled = true;
        }, "nnj-simd-allocation-counter");
        setUp.setDaemon(true);
        setUp.start();
    }

    private static com.sun.management.ThreadMXBean counter() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean) {
                com.sun.management.ThreadMXBean bean =
                        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                if (bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
                    return bean;
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // no management in this runtime: the times decide
        }
        return null;
    }

    /** Whether the set-up is over: {@link #bytes()} counts from now on, or never will. */
    static boolean settled() {
        return settled;
    }

    /** The bytes allocated by the current thread so far; -1 when not counted. */
    static long bytes() {
        com.sun.management.ThreadMXBean bean = threads;
        return bean == null ? -1 : bean.getCurrentThreadAllocatedBytes();
    }
}
