package org.nnj.simd.parallel;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.nnj.api.NnException;
import org.nnj.simd.SimdSettings;

/**
 * The one pool of worker threads that the SIMD backend splits large kernels over: daemon threads, one fewer
 * than the machine has processors (the calling thread is the last one), started on first use. Nothing
 * starts threads per call.
 *
 * <p>{@link #run} splits a kernel into parts that the calling thread and idle workers claim one at a time.
 * The caller always works too and claims whatever no worker has taken, so a call never waits for a busy
 * pool (several callers at once, or a kernel called from inside a worker, cannot deadlock); it only waits
 * for parts that a worker has already started.
 *
 * <p>Idle workers, and a caller waiting for its parts, spin for {@link #SPIN_NANOS} before they park, as
 * OpenMP runtimes and OpenBLAS do: a parked thread needs a system call (and, in a virtual machine, the
 * hypervisor) to wake up, and a training step calls its kernels a few microseconds apart. The spin is
 * short because a spinning thread takes a core from everything else: with 2 ms, the MLP of
 * {@code ./nn train} ran its two epochs on two threads at 20,000-27,000 images/s against 27,000-28,000 on
 * one, and a 1024^3 GEMM gained nothing measurable from it.
 */
public final class WorkerPool {
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    /**
     * How long idle threads spin before they park: {@code -Dnnj.simd.spinMicros}, 50 by default; 0 parks
     * at once ({@link SimdSettings#spinMicros()}).
     */
    static final long SPIN_NANOS = 1000L * SimdSettings.get().spinMicros();

    private WorkerPool() {
    }

    /** Lazily started: a JVM that never runs a parallel kernel starts no threads. */
    private static final class Workers {
        /**
         * One fewer than the processors: a caller always works on its own kernel, and one more worker,
         * spinning while the others compute, would leave three threads to share two cores.
         */
        static final int COUNT = Runtime.getRuntime().availableProcessors() - 1;
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
                    Job job = pollSpinning();
                    (job != null ? job : QUEUE.take()).work();
                } catch (InterruptedException e) {
                    return; // nobody interrupts these threads; if someone does, the thread ends quietly
                }
            }
        }

        /** The next job if one arrives within the spin time, else null. */
        private static Job pollSpinning() {
            long start = System.nanoTime();
            Job job;
            while ((job = QUEUE.poll()) == null && System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            }
            return job;
        }
    }

    /**
     * Runs {@code task.accept(part)} once for every {@code part} in {@code [0, parts)}, on the calling thread
     * and up to {@code parts - 1} workers, and returns when all parts are done. The first exception a part
     * throws is rethrown here (after every started part has finished).
     */
    public static void run(int parts, IntConsumer task) {
        run(parts, parts, task);
    }

    /**
     * Like {@link #run(int, IntConsumer)}, but on at most {@code threads} threads (the caller and
     * {@code threads - 1} workers): parts beyond that are claimed by whichever thread is free first, which
     * balances the load when parts take unequal time or a thread is held up.
     */
    public static void run(int parts, int threads, IntConsumer task) {
        if (parts <= 1 || threads <= 1) {
            for (int part = 0; part < parts; part++) {
                task.accept(part);
            }
            return;
        }
        Job job = new Job(parts, task, Thread.currentThread());
        int helpers = Math.min(Math.min(parts, threads) - 1, Workers.COUNT);
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
            long start = System.nanoTime();
            while (unfinished.get() != 0 && System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            }
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
