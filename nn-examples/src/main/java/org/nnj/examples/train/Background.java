package org.nnj.examples.train;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A value computed on a thread of its own while the caller goes on, such as a data split read while the
 * compute backend starts. {@link #get()} waits for it and throws what the work threw, unwrapped, so an error
 * reads the same as when the work ran on the caller's thread.
 *
 * @param <T> the value's type
 */
final class Background<T> {
    /** Work that may fail with an {@link IOException}, like reading a file. */
    @FunctionalInterface
    interface Work<T> {
        T call() throws IOException;
    }

    private final FutureTask<T> task;

    private Background(Work<T> work) {
        this.task = new FutureTask<>(work::call);
    }

    /**
     * Starts {@code work} on a new daemon thread named {@code name} (a daemon, so a command that fails before
     * it needs the value does not wait for it to exit).
     */
    static <T> Background<T> start(String name, Work<T> work) {
        Background<T> background = new Background<>(work);
        Thread thread = new Thread(background.task, name);
        thread.setDaemon(true);
        thread.start();
        return background;
    }

    /** The value, once the work is done; its exception if it failed. */
    T get() throws IOException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + task);
        }
    }
}
