package org.nnj.simd.warmup;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A closed {@link JitGate}'s warm-up: the rounds of its vector exercise that the threads calling the gate run
 * until the vector kernel runs compiled, and the decision to open the gate.
 *
 * <p>A round runs the vector kernel once on the gate's small problem. The Vector API's Java code allocates an
 * object for every vector operation, and code that C2 has compiled with its vector intrinsics allocates
 * nothing, so a round that allocates no byte ran compiled code ({@link ThreadAllocation}). Where allocations
 * are not counted, or when none has been allocation-free after {@link #BY_TIME_AFTER_NANOS}, the twin is timed
 * too and the two times decide (see {@link #decide}).
 *
 * <p>The rounds run on the threads that call the gate, never on one of their own: on two cores such a thread
 * took a core from the program, which made LeNet's first epoch 0.4 s longer. They take at most
 * {@value #BUDGET_PERCENT} % of the time since the trial began; the calls in between go to the twin.
 */
final class Trial {
    private static final System.Logger LOG = System.getLogger("org.nnj.simd.warmup");
    /** The share of the time since the trial began that its rounds may take, in percent. */
    static final int BUDGET_PERCENT = 10;
    /**
     * How long allocations alone decide. Compiled code can still allocate: when C2 does not inline all of
     * the Vector API's methods (their type profiles polluted by another vector shape used in the same JVM,
     * say), it allocates the vectors it passes to calls. From then on the times decide too.
     */
    static final long BY_TIME_AFTER_NANOS = 2_000_000_000L;
    /**
     * How many times faster than in its first round the vector kernel must have become to pass by time.
     * Measured on the gated kernels (JDK 25): its Java code in C1 is 2 to 190 times faster than the first,
     * interpreted round, compiled by C2 2,000 to 11,000 times.
     */
    static final int VECTOR_COMPILED_SPEED_UP = 50;
    /**
     * How much slower than the twin at its best the vector kernel may be to pass by time. Compiled, the gated
     * kernels took 0.04 to 0.25 times their twin's time (a twin that C2 vectorizes by itself can match its
     * kernel); as Java code in C1, 2.3 times (the GEMM tile, whose twin C2 does not vectorize) to 70.
     */
    static final double OPEN_RATIO = 1.5;
    /** Rounds in a row in which the vector kernel must pass: one round can be lucky. */
    static final int WINS_TO_OPEN = 2;
    /** Exercises per timed round: a time of a few compiled microseconds is not lost in the clock's resolution. */
    private static final int TIMED_REPEATS = 8;
    /**
     * How long a gate is warmed up before it is left closed: a JVM without C2 ({@code -XX:TieredStopAtLevel=1})
     * never compiles the vector kernels, and there the twins stay the faster code.
     */
    static final long GIVE_UP_NANOS = 10_000_000_000L;

    private final JitGate gate;
    private final AtomicBoolean running = new AtomicBoolean();
    private boolean begun;
    private long started;
    private long spentNanos;
    private int rounds;
    private int wins;
    private long firstVectorNanos;
    private long bestScalarNanos = Long.MAX_VALUE;
    private volatile boolean over;

    Trial(JitGate gate) {
        this.gate = gate;
    }

    /**
     * Runs a round on this thread if the budget allows and no other thread is running one; opens the gate
     * when that decides it.
     */
    void maybeRound() {
        if (over || !running.compareAndSet(false, true)) {
            return; // another thread's round: this call goes to the twin
        }
        try {
            long now = System.nanoTime();
            if (!begun) {
                begun = true;
                started = now;
                ThreadAllocation.start();
            }
            if (100 * spentNanos > BUDGET_PERCENT * (now - started)) {
                return;
            }
            round(now);
            spentNanos += System.nanoTime() - now;
        } catch (RuntimeException e) {
            over = true;
            LOG.log(System.Logger.Level.WARNING, "NNJ warm-up of " + gate.name() + " failed; its scalar twin"
                    + " stays in use: " + e, e);
        } finally {
            running.set(false);
        }
    }

    private void round(long now) {
        // Nothing else allocates in between (a method reference here would, until C2 compiled this).
        long allocated = ThreadAllocation.bytes();
        long vectorStart = System.nanoTime();
        gate.vectorExercise().run();
        long vector = System.nanoTime() - vectorStart;
        if (firstVectorNanos == 0) {
            firstVectorNanos = Math.max(1, vector); // the first run, interpreted: what the times compare with
        }
        if (!ThreadAllocation.settled()) {
            return; // it counts towards compilation all the same
        }
        long bytes = allocated < 0 ? -1 : ThreadAllocation.bytes() - allocated;
        long elapsed = now - started;
        long scalar = -1;
        if (bytes < 0 || elapsed >= BY_TIME_AFTER_NANOS) {
            vector = time(gate.vectorExercise());
            scalar = time(gate.scalarExercise());
        }
        over = decide(bytes, vector, scalar, elapsed);
    }

    /**
     * Counts a round, {@code elapsedNanos} into the trial, in which the vector exercise allocated {@code bytes}
     * (-1: not counted) and a run of it took {@code vectorNanos}, and one of the twin's {@code scalarNanos} (-1:
     * not run), and opens the gate when that decides it; true when the trial is over. The first run of the
     * vector exercise, if no round has recorded it, is this round's.
     */
    boolean decide(long bytes, long vectorNanos, long scalarNanos, long elapsedNanos) {
        rounds++;
        if (firstVectorNanos == 0) {
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
                    elapsedNanos / 1e6, vectorNanos, bytes == 0 ? "nothing allocated" : "twin " + scalarNanos + " ns"));
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

    /** The nanoseconds of one run of {@code exercise}, the mean of {@value #TIMED_REPEATS}. */
    private static long time(Runnable exercise) {
        long start = System.nanoTime();
        for (int i = 0; i < TIMED_REPEATS; i++) {
            exercise.run();
        }
        return (System.nanoTime() - start) / TIMED_REPEATS;
    }
}
