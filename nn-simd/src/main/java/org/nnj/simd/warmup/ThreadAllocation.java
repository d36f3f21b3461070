package org.nnj.simd.warmup;

import java.lang.management.ManagementFactory;

/**
 * The bytes the current thread has allocated so far, where the JVM counts them
 * ({@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}; HotSpot does by default).
 */
final class ThreadAllocation {
    private static final com.sun.management.ThreadMXBean THREADS = counter();

    private ThreadAllocation() {
    }

    private static com.sun.management.ThreadMXBean counter() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean) {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            if (threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
                return threads;
            }
        }
        return null;
    }

    /** Whether {@link #bytes()} counts. */
    static boolean counted() {
        return THREADS != null;
    }

    /** The bytes allocated by the current thread so far; -1 when not {@link #counted()}. */
    static long bytes() {
        return THREADS == null ? -1 : THREADS.getCurrentThreadAllocatedBytes();
    }
}
