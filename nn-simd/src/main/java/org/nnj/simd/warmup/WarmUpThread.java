package org.nnj.simd.warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The one daemon thread that warms up the vector kernels of closed {@link JitGate}s: round after round, it
 * runs each one's vector exercise, and opens the gate once the vector kernel runs compiled.
 * Started by the first gate handed to it; parked while it has nothing to do.
 *
 * <p>How it tells: the Vector API's Java code allocates an object for every vector operation, and code that
 * C2 has compiled with its vector intrinsics allocates nothing, so a round of the vector exercise that
 * allocates no byte ran compiled code ({@link ThreadAllocation}; HotSpot counts each thread's allocations). On
 * a JVM that does not count them, or when it has not happened within {@link #BY_TIME_AFTER_NANOS}, it times
 * the twin too and goes by the two times: tiered compilation makes that the weaker test, as the vector
 * kernel's C1 code can come close to a twin not yet compiled by C2 (see {@link Trial#decide}).
 */
final class WarmUpThread {
    private static final System.Logger LOG = System.getLogger("org.nnj.simd.warmup");
    /**
     * How many times faster than in its first round the vector kernel must have become. Measured on the
     * gated kernels (JDK 25): its Java code in C1 is 2 to 190 times faster than the first, interpreted round,
     * compiled by C2 2,000 to 11,000 times; the lower ones where the Vector API's own methods were compiled
     * already.
     */
    static final int VECTOR_COMPILED_SPEED_UP = 50;
    /**
     * How much slower than the twin at its best the vector kernel may be. Compiled, the gated kernels took
     * 0.04 to 0.25 times their twin's time (a twin that C2 vectorizes by itself can match its kernel); as Java
     * code in C1, 2.3 times (the GEMM tile, whose twin C2 does not vectorize) to 70.
     */
    static final double OPEN_RATIO = 1.5;
    /**
     * How long allocations alone decide. Compiled code can still allocate: when C2 does not inline all of
     * the Vector API's methods (their type profiles polluted by another vector shape used in the same JVM,
     * say), it allocates the vectors it passes to calls. From then on the times decide too.
     */
    static final long BY_TIME_AFTER_NANOS = 2_000_000_000L;
    /** Rounds in a row in which the vector kernel must pass the test: a timed round can be lucky. */
    static final int WINS_TO_OPEN = 2;
    /** Exercises per timing: a timing of a few compiled microseconds is not lost in the clock's resolution. */
    private static final int REPEATS = 8;
    /**
     * How long a gate is warmed up before it is left closed: a JVM without C2
     * ({@code -XX:TieredStopAtLevel=1}) never compiles the vector kernels, and there the twins stay the faster
     * code. C2 compiles a kernel within a second of its warm-up even on a busy machine.
     */
    static final long GIVE_UP_NANOS = 10_000_000_000L;

    /**
     * How long the thread waits after the first gate is handed to it. Its work makes the JIT compile the
     * Vector API's own methods and then the kernels, and on two cores that delayed the compilation of the
     * twins, which the program is using at that moment. With this pause the twins are compiled first, and the
     * first training step of {@code ./nn train} ended 0.03 s sooner (0.41 against 0.45 s, medians of 8, JDK 25);
     * the first epoch took as long.
     */
    static final long START_DELAY_MILLIS = 100;

    private static final BlockingQueue<JitGate> HANDED_ON = new LinkedBlockingQueue<>();
    private static Thread thread;

    private WarmUpThread() {
    }

    /** Queues {@code gate}'s warm-up, starting the thread on the first call. */
    static synchronized void warmUp(JitGate gate) {
        HANDED_ON.add(gate);
        if (thread == null) {
            thread = new Thread(WarmUpThread::run, "nnj-simd-warm-up");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static void run() {
        List<Trial> trials = new ArrayList<>();
        try {
            Thread.sleep(START_DELAY_MILLIS);
            while (true) {
                if (trials.isEmpty()) {
                    trials.add(new Trial(HANDED_ON.take()));
                }
                for (JitGate gate; (gate = HANDED_ON.poll()) != null; ) {
                    trials.add(new Trial(gate));
                }
                trials.removeIf(WarmUpThread::roundOver);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts it; the gates stay as they are
        }
    }

    /** One round of {@code trial}; true when it is over. An exercise that fails leaves its gate closed. */
    private static boolean roundOver(Trial trial) {
        try {
            return trial.round();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "NNJ warm-up of " + trial.gate.name() + " failed; its scalar"
                    + " twin stays in use: " + e, e);
            return true;
        }
    }

    /** One gate's warm-up: its rounds so far and its current run of rounds the vector kernel passed in. */
    static final class Trial {
        private final JitGate gate;
        private final long started = System.nanoTime();
        private int rounds;
        private int wins;
        private long firstVectorNanos;
        private long bestScalarNanos = Long.MAX_VALUE;

        Trial(JitGate gate) {
            this.gate = gate;
        }

        /**
         * Runs the vector kernel, counting its allocations, and the twin when the times are to decide; true
         * when the trial is over (the gate opened, or given up).
         */
        boolean round() {
            // Nothing else allocates in between (a method reference here would, until C2 compiled this).
            long allocated = ThreadAllocation.bytes();
            long vector = time(gate.vectorExercise());
            long bytes = ThreadAllocation.counted() ? ThreadAllocation.bytes() - allocated : -1;
            long elapsed = System.nanoTime() - started;
            long scalar = bytes < 0 || elapsed >= BY_TIME_AFTER_NANOS ? time(gate.scalarExercise()) : -1;
            return decide(bytes, vector, scalar, elapsed);
        }

        /**
         * Counts a round, {@code elapsedNanos} into the trial, in which the vector exercise allocated
         * {@code bytes} (-1: not counted) and took {@code vectorNanos}, and the twin's took {@code scalarNanos}
         * (-1: not run), and opens the gate when that decides it; true when the trial is over.
         */
        boolean decide(long bytes, long vectorNanos, long scalarNanos, long elapsedNanos) {
            rounds++;
            if (rounds == 1) {
                firstVectorNanos = vectorNanos;
            }
            if (scalarNanos >= 0) {
                bestScalarNanos = Math.min(bestScalarNanos, scalarNanos);
            }
            // By time, two tests, as each alone can be passed by the Java code: the twin's best may still be
            // interpreted (it is compiled within a few rounds), and the first round may have been fast already.
            // Even both are, now and then, by a kernel whose C1 code nearly keeps up with its C1-compiled twin
            // (ReLU), which is why allocations decide first.
            boolean fastAsCompiled = scalarNanos >= 0 && vectorNanos <= OPEN_RATIO * bestScalarNanos
                    && (long) VECTOR_COMPILED_SPEED_UP * vectorNanos <= firstVectorNanos;
            wins = bytes == 0 || fastAsCompiled ? wins + 1 : 0;
            if (wins >= WINS_TO_OPEN) {
                gate.open();
                LOG.log(System.Logger.Level.DEBUG, () -> String.format("NNJ warm-up: %s compiled, vector kernel"
                        + " from now on (%d rounds, %.0f ms; last round %d ns, %s)", gate.name(), rounds,
                        elapsedNanos / 1e6, vectorNanos,
                        bytes == 0 ? "nothing allocated" : "twin " + scalarNanos + " ns"));
                return true;
            }
            if (elapsedNanos >= GIVE_UP_NANOS) {
                LOG.log(System.Logger.Level.DEBUG, () -> String.format("NNJ warm-up: %s not compiled after %.0f ms"
                        + " (%d rounds; last %d ns, %d bytes, twin %d ns): the scalar twin stays", gate.name(),
                        elapsedNanos / 1e6, rounds, vectorNanos, bytes, scalarNanos));
                return true;
            }
            return false;
        }

        private static long time(Runnable exercise) {
            long start = System.nanoTime();
            for (int i = 0; i < REPEATS; i++) {
                exercise.run();
            }
            return System.nanoTime() - start;
        }
    }
}
