package org.nnj.core.train;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes lines to a file on its own thread, so that whoever hands them over never waits for the disk: {@link #add}
 * puts a line in a bounded queue and returns at once. The thread writes the lines in order and flushes whenever the
 * queue is empty, so a reader of the file sees each line soon after it was added. Should the queue ever be full
 * (a stalled disk), lines are dropped rather than waited for, and the next line written is
 * {@code {"type":"dropped","lines":N}}.
 */
final class LineWriterThread {
    /** Lines the queue holds: about a minute of steps at 1,000 steps/s. */
    static final int CAPACITY = 65_536;
    private static final String END = new String("end"); // the sentinel, by identity

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Writer out;
    private final Thread thread;
    private volatile IOException failure;

    LineWriterThread(Writer out, String name) {
        this.out = out;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code line} (without its newline); throws the write error that stopped the thread, if one did. */
    void add(String line) throws IOException {
        IOException failed = failure;
        if (failed != null) {
            throw failed;
        }
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    /** Writes what is queued, stops the thread and closes the file; waits at most {@code seconds}. */
    void close(long seconds) throws IOException {
        try {
            if (queue.offer(END, seconds, TimeUnit.SECONDS)) {
                thread.join(TimeUnit.SECONDS.toMillis(seconds));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            thread.interrupt(); // still writing after the wait: give up on the rest
            out.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void run() {
        try {
            for (String line = queue.take(); line != END; line = queue.take()) {
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    out.write("{\"type\":\"dropped\",\"lines\":" + lost + "}\n");
                }
                out.write(line);
                out.write('\n');
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
            out.flush();
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            // closing gave up waiting
        }
    }
}
