package org.nnj.examples.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * (A copy of nn-core's test fixture of the same name: test classes do not cross modules.)
 * The checks every fuzz test makes on one input (docs/FUZZING.md): which exceptions may escape, how much
 * the call may allocate for an input of a given size, and how long it may take. A broken check throws an
 * {@link AssertionError} with what was thrown as its cause, which Jazzer reports as a finding (and saves
 * the input).
 *
 * <p>Allocation is measured with {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes},
 * which counts the bytes the calling thread allocated on the heap (all readers here run on the caller's
 * thread); it includes the garbage, not only what stays alive, so the bounds are about work done for the
 * input, not memory retained.
 */
public final class FuzzGuard {
    /**
     * The time one input may take. Generous (a reader handles these inputs in microseconds to a few
     * milliseconds, and the first input pays for class loading and JIT): a finding means a loop that does
     * not end or work that grows much faster than the input.
     */
    public static final long MAX_MILLIS = 3_000;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** What a call did: what it threw (or null), the bytes it allocated, its time; and the call, to repeat it. */
    public record Outcome(Call call, Throwable thrown, long allocatedBytes, long nanos) {
        /**
         * Fails unless the call returned or threw an instance of one of {@code allowed}; the failure keeps
         * what was thrown as its cause.
         */
        public Outcome assertOnlyThrows(Class<?>... allowed) {
            if (thrown == null) {
                return this;
            }
            for (Class<?> c : allowed) {
                if (c.isInstance(thrown)) {
                    return this;
                }
            }
            throw new AssertionError("undocumented exception " + thrown + "; only "
                    + Arrays.stream(allowed).map(Class::getSimpleName).toList() + " may escape", thrown);
        }

        /**
         * Fails when the call allocated more than {@code bound} bytes; {@code how} says how the bound was
         * derived. A call over the bound is repeated once and judged by the repetition: the first use of
         * a code path allocates on the calling thread for class loading and initialisation too (several
         * MiB for the first gzip stream, for example), which is not the input's doing; the readers are
         * deterministic, so a real excess shows again.
         */
        public Outcome assertAllocatedAtMost(long bound, String how) {
            long again;
            if (allocatedBytes > bound && (again = run(call).allocatedBytes) > bound) {
                throw new AssertionError("allocated " + again + " bytes (" + allocatedBytes + " the first time), more"
                        + " than the bound " + bound
                        + " (" + how + "); the call " + (thrown == null ? "returned" : "threw " + thrown), thrown);
            }
            return this;
        }

        /**
         * Fails when the call took longer than {@link #MAX_MILLIS}; like the allocation, a slow call is
         * repeated once and judged by the repetition (the first call of a target loads, instruments and
         * initialises the classes it reaches: seconds on a busy machine).
         */
        public Outcome assertFast() {
            long limit = MAX_MILLIS * 1_000_000L;
            if (nanos > limit) {
                long again = run(call).nanos;
                if (again > limit) {
                    throw new AssertionError("took " + nanos / 1_000_000 + " ms, and " + again / 1_000_000
                            + " ms again, more than " + MAX_MILLIS + " ms", thrown);
                }
            }
            return this;
        }
    }

    /** The body of a fuzz test: may throw anything. */
    @FunctionalInterface
    public interface Call {
        void run() throws Throwable;
    }

    private FuzzGuard() {
    }

    /**
     * A temporary file for the inputs, deleted when the JVM exits: in {@code -Dnnj.fuzz.tmpdir} if set, else
     * in {@code /dev/shm} where there is one (a memory file system: writing a small file to disk can take
     * over a millisecond, 80 times as long, which would make file writing most of the fuzzing time), else
     * in {@code java.io.tmpdir}.
     */
    public static Path tempFile(String suffix) {
        String configured = System.getProperty("nnj.fuzz.tmpdir");
        Path shm = Path.of("/dev/shm");
        Path dir = configured != null ? Path.of(configured)
                : Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        try {
            Path file = Files.createTempFile(dir, "nnj-fuzz-", suffix);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code call} on this thread, catching everything it throws (errors included: an
     * {@link OutOfMemoryError} is a finding like any other) and measuring its allocation and time.
     */
    public static Outcome run(Call call) {
        long id = Thread.currentThread().getId();
        long bytes = THREADS.getThreadAllocatedBytes(id);
        long start = System.nanoTime();
        Throwable thrown = null;
        try {
            call.run();
        } catch (Throwable t) {
            thrown = t;
        }
        long nanos = System.nanoTime() - start;
        return new Outcome(call, thrown, THREADS.getThreadAllocatedBytes(id) - bytes, nanos);
    }
}
