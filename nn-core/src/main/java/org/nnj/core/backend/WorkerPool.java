package org.nnj.core.backend;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.ArrayList;
import java.util.List;
import org.nnj.api.NnException;

/**
 * The one thread pool that the scalar backend splits large kernels over: daemon threads, created on
 * first use, as many as the machine has processors. Kernels never start threads per call.
 */
final class WorkerPool {
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private static final class Holder {
        static final ExecutorService POOL = Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(), runnable -> {
                    Thread t = new Thread(runnable, "nnj-worker-" + THREAD_NUMBER.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    private WorkerPool() {
    }

    /**
     * Runs {@code task.accept(part)} for {@code part} in {@code [0, parts)}, part 0 on the calling thread
     * and the rest on the pool, and returns when all are done.
     */
    static void run(int parts, IntConsumer task) {
        if (parts <= 1) {
            task.accept(0);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int part = p;
            futures.add(Holder.POOL.submit(() -> task.accept(part)));
        }
        task.accept(0);
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NnException("interrupted while waiting for a kernel's worker threads", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                throw new NnException("a kernel's worker thread failed", cause);
            }
        }
    }
}
