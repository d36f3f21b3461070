package org.nnj.core.train;

import java.io.IOException;
import java.io.Writer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Makes and writes lines to a file on its own thread, so that whoever hands them over neither formats them nor waits
 * for the disk: {@link #add} puts a line's maker in a lock-free queue and returns at once. It does not wake the
 * thread either: the thread wakes every {@value #PERIOD_MILLIS} ms, makes and writes what has queued up, in order,
 * and flushes, so a reader of the file sees a line at most about that long after it was added. (Waking it for each
 * line, as a blocking queue does, cost the training thread its processor at every line on a busy machine: 10-30 % of
 * an epoch.) Should the queue ever hold {@value #CAPACITY} lines (a stalled disk), lines are dropped rather than
 * waited for, and the next line written is {@code {"type":"dropped","lines":N}}.
 */
final class LineWriterThread {
    /** Lines the queue holds at most: about a minute of steps at 1,000 steps/s. */
    static final int CAPACITY = 65_536;
    /** How often the thread writes what has queued up. */
    static final long PERIOD_MILLIS = 50;

    private final Queue<Supplier<String>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Writer out;
    private final Thread thread;
    private volatile boolean closing;
    private volatile IOException failure;

    LineWriterThread(Writer out, String name) {
        this.out = out;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues the line {@code line} makes (without its newline; made on the writer thread, so it must hold what it
     * needs already); throws the write error that stopped the thread, if one did.
     */
    void add(Supplier<String> line) throws IOException {
        IOException failed = failure;
        if (failed != null) {
            throw failed;
        }
        if (queued.incrementAndGet() > CAPACITY) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.add(line);
    }

    /** Writes what is queued, stops the thread and closes the file; waits at most {@code seconds}. */
    void close(long seconds) throws IOException {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(seconds));
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
            while (true) {
                boolean last = closing; // read before draining: a line added before close() is written
                writeQueued();
                if (last || Thread.currentThread().isInterrupted()) {
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
            }
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException("a line could not be made: " + e, e);
        }
    }

    private void writeQueued() throws IOException {
        boolean wrote = false;
        for (Supplier<String> line = queue.poll(); line != null; line = queue.poll()) {
            queued.decrementAndGet();
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                out.write("{\"type\":\"dropped\",\"lines\":" + lost + "}\n");
            }
            out.write(line.get());
            out.write('\n');
            wrote = true;
        }
        if (wrote) {
            out.flush();
        }
    }
}
