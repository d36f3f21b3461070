package org.nnj.simd.parallel;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.nnj.api.NnException;

/**
 * The one pool of worker threads that the SIMD backend splits large kernels over: daemon threads, as many
 * as the machine has processors, started on first use. Nothing starts threads per call.
 *
 * <p>{@link #run} splits a kernel into parts that the calling thread and idle workers claim one at a time.
 * The caller always works too and claims whatever no worker has taken, so a call never waits for a busy
 * pool (several callers at once, or a kernel called from inside a worker, cannot deadlock); it only waits
 * for parts that a worker has already started.
 */
public final class WorkerPool {
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private WorkerPool() {
    }

    /** Lazily started: a JVM that never runs a parallel kernel starts no threads. */
    private static final class Workers {
        static final int COUNT = Runtime.getRuntime().availableProcessors();
        static final BlockingQueue<Job> QUEUE = new LinkedBlockingQueue<>();

        static {
            for (int i = 0; i < COUNT; i++) {
                Thread t = new Thread(Workers::loop, "nnj-simd-worker-" + THREAD_NUMBER.incrementAndGet());
                t.setDaemon(true);
                t.start();
            }
        }

        private static void loop() {
            while (true) {
                try {
                    QUEUE.take().work();
                } catch (InterruptedException e) {
                    return; // nobody interrupts these threads; if someone does, the thread ends quietly
                }
            }
        }
    }

    /** How many threads the pool has (the machine's processors). */
    public static int size() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs {@code task.accept(part)} once for every {@code part} in {@code [0, parts)}, on the calling thread
     * and up to {@code parts - 1} workers, and returns when all parts are done. The first exception a part
     * throws is rethrown here (after every started part has finished).
     */
    public static void run(int parts, IntConsumer task) {
        if (parts <= 1) {
            if (parts == 1) {
                task.accept(0);
            }
            return;
        }
        Job job = new Job(parts, task, Thread.currentThread());
        int helpers = Math.min(parts - 1, Workers.COUNT);
        for (int i = 0; i < helpers; i++) {
            Workers.QUEUE.add(job);
        }
        job.work();
        job.awaitDone();
    }

    /** One call of {@link #run}: parts are claimed with a counter, so each runs exactly once. */
    private static final class Job {
        private final int parts;
        private final IntConsumer task;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger unfinished;
        private volatile Throwable failure;

        Job(int parts, IntConsumer task, Thread caller) {
            this.parts = parts;
            this.task = task;
            this.caller = caller;
            this.unfinished = new AtomicInteger(parts);
        }

        void work() {
            int part;
            while ((part = next.getAndIncrement()) < parts) {
                try {
                    task.accept(part);
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                } finally {
                    if (unfinished.decrementAndGet() == 0) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        void awaitDone() {
            boolean interrupted = false;
            while (unfinished.get() != 0) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true; // the parts must finish before their arrays are handed back
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable t = failure;
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            if (t != null) {
                throw new NnException("a SIMD kernel's worker thread failed", t);
            }
        }
    }
}
