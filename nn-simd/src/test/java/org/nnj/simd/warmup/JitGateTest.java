package org.nnj.simd.warmup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.nnj.simd.SimdSettings.WarmUp;

/**
 * When a {@link JitGate} sends calls to the vector kernel, and how its warm-up decides: by the vector
 * exercise's allocations where the JVM counts them (HotSpot), else by time.
 */
class JitGateTest {
    private static final long MS = 1_000_000L;

    @Test
    void offOpensAtOnceAndWarmsNothingUp() {
        AtomicInteger exercised = new AtomicInteger();
        JitGate gate = JitGate.of("off", exercised::incrementAndGet, exercised::incrementAndGet, WarmUp.OFF);
        assertTrue(gate.vectorReady());
        assertTrue(gate.vectorReady());
        assertTrue(exercised.get() == 0, "exercised " + exercised.get() + " times");
    }

    @Test
    void scalarStaysClosedAndWarmsNothingUp() throws InterruptedException {
        AtomicInteger exercised = new AtomicInteger();
        JitGate gate = JitGate.of("scalar", exercised::incrementAndGet, exercised::incrementAndGet, WarmUp.SCALAR);
        for (int i = 0; i < 1000; i++) {
            assertFalse(gate.vectorReady());
        }
        Thread.sleep(100);
        assertFalse(gate.vectorReady());
        assertTrue(exercised.get() == 0, "exercised " + exercised.get() + " times");
    }

    /** Allocated by the exercise below, so that it never looks compiled. */
    private static volatile byte[] garbage;

    @Test
    void theWarmUpRoundsTakeATenthOfTheCallersTime() throws InterruptedException {
        // The allocation counter's 25-30 ms of set-up runs on a thread of its own: done before the clock starts,
        // it cannot take a core from the rounds on a loaded two-core machine.
        ThreadAllocation.start();
        for (int i = 0; i < 500 && !ThreadAllocation.settled(); i++) {
            Thread.sleep(10);
        }
        AtomicLong exerciseNanos = new AtomicLong();
        JitGate gate = JitGate.of("budget", () -> {
            long start = System.nanoTime();
            garbage = new byte[64];
            while (System.nanoTime() - start < MS / 2) {
                Thread.onSpinWait();
            }
            exerciseNanos.addAndGet(System.nanoTime() - start);
        }, () -> { }, WarmUp.AUTO);
        long start = System.nanoTime();
        while (System.nanoTime() - start < 300 * MS) {
            assertFalse(gate.vectorReady());
        }
        long wall = System.nanoTime() - start;
        // A tenth of the time, and the one round that may overrun it; and rounds do run: at least a quarter of
        // their share, as the time the rounds spend around the exercise counts too (9 ms of 300 once, under load).
        assertTrue(exerciseNanos.get() <= wall / 10 + MS, exerciseNanos.get() / 1e6 + " ms of " + wall / 1e6);
        assertTrue(exerciseNanos.get() >= wall / 40, "rounds ran: " + exerciseNanos.get() / 1e6 + " ms");
    }

    @Test
    void opensAfterTwoRoundsOfTheCompiledVectorKernelKeepingUp() {
        JitGate gate = closedGate();
        Trial trial = new Trial(gate);
        assertFalse(trial.decide(-1, 5_000_000, 90_000, 1 * MS)); // interpreted, both
        assertFalse(trial.decide(-1, 200_000, 10_000, 2 * MS)); // the twin compiled, the vector kernel in C1
        assertFalse(trial.decide(-1, 9_000, 10_000, 3 * MS)); // compiled: one round is not enough
        assertFalse(gate.isOpen());
        assertTrue(trial.decide(-1, 8_000, 10_000, 4 * MS));
        assertTrue(gate.isOpen());
    }

    @Test
    void byAllocationItOpensAfterTwoRoundsThatAllocateNothing() {
        JitGate gate = closedGate();
        Trial trial = new Trial(gate);
        assertFalse(trial.decide(1 << 20, 5_000_000, -1, 1 * MS)); // interpreted
        assertFalse(trial.decide(1 << 16, 20_000, -1, 2 * MS)); // C1: every operation allocates
        assertFalse(trial.decide(0, 500, -1, 3 * MS)); // compiled: one round is not enough
        assertFalse(trial.decide(80, 500, -1, 4 * MS)); // a deoptimization starts the count again
        assertFalse(trial.decide(0, 500, -1, 5 * MS));
        assertFalse(gate.isOpen());
        assertTrue(trial.decide(0, 500, -1, 6 * MS));
        assertTrue(gate.isOpen());
    }

    @Test
    void byAllocationAKernelThatKeepsAllocatingKeepsItsTwin() {
        JitGate gate = closedGate();
        Trial trial = new Trial(gate);
        assertFalse(trial.decide(4096, 1_000, -1, 1 * MS));
        assertTrue(trial.decide(4096, 1_000, -1, Trial.GIVE_UP_NANOS), "the trial is over");
        assertFalse(gate.isOpen());
    }

    @Test
    void compiledCodeThatStillAllocatesIsJudgedByTimeAfterAWhile() {
        JitGate gate = closedGate();
        Trial trial = new Trial(gate);
        assertFalse(trial.decide(1 << 20, 5_000_000, -1, 1 * MS)); // interpreted
        // Compiled, but boxing the vectors it passes to calls C2 did not inline: fast, and never allocation-free.
        for (int round = 2; round < 100; round++) {
            assertFalse(trial.decide(640, 3_000, -1, round * MS));
        }
        long byTime = Trial.BY_TIME_AFTER_NANOS;
        assertFalse(trial.decide(640, 3_000, 10_000, byTime));
        assertTrue(trial.decide(640, 3_000, 10_000, byTime + MS), "two rounds as fast as compiled");
        assertTrue(gate.isOpen());
    }

    @Test
    void theJavaCodeNeverOpensItEvenAgainstAnInterpretedTwin() {
        JitGate gate = closedGate();
        Trial trial = new Trial(gate);
        // The vector kernel's Java code (20 times faster than its first round) beats the twin while the
        // twin is interpreted, and still does not count: it is not fifty times faster.
        assertFalse(trial.decide(-1, 1_000_000, 400_000, 1 * MS));
        assertStaysClosed(gate, trial, 2, 100, 50_000, 400_000);
    }

    @Test
    void aVectorKernelTwiceAsSlowAsItsCompiledTwinDoesNotCount() {
        JitGate gate = closedGate();
        Trial trial = new Trial(gate);
        assertFalse(trial.decide(-1, 5_000_000, 50_000, 1 * MS));
        assertFalse(trial.decide(-1, 20_000, 1_000, 2 * MS)); // the twin at its best, C2
        // 2,500 times faster than its first round, and twice as slow as the twin's best (the GEMM tile's Java
        // code in C1 against its C2-compiled twin): not yet.
        assertStaysClosed(gate, trial, 3, 50, 2_000, 3_000);
    }

    @Test
    void aKernelThatNeverGetsCompiledKeepsItsTwin() {
        JitGate gate = closedGate();
        Trial trial = new Trial(gate);
        assertFalse(trial.decide(-1, 1_000_000, 10_000, 1 * MS));
        assertFalse(trial.decide(-1, 100_000, 10_000, Trial.GIVE_UP_NANOS - 1));
        assertTrue(trial.decide(-1, 100_000, 10_000, Trial.GIVE_UP_NANOS), "the trial is over");
        assertFalse(gate.isOpen());
    }

    /**
     * The real thing, in a JVM of its own ({@link GateOpensProbe}): a vector kernel that runs only in its
     * gate's warm-up rounds, while the twin serves the calls, gets compiled by C2 and the gate opens by its
     * allocating nothing, within a second or two.
     */
    @Test
    void aRealVectorKernelGetsCompiledAndItsGateOpens() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "--add-modules", "jdk.incubator.vector",
                "-Djava.util.logging.config.file=" + logging(), "-cp", System.getProperty("java.class.path"),
                GateOpensProbe.class.getName(), "20");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe did not finish");
        assertTrue(out.contains("opened") && out.contains("nothing allocated"), out);
    }

    /** A logging configuration that shows the warm-up's debug lines. */
    private static String logging() throws IOException {
        Path file = Files.createTempFile("warm-up-logging", ".properties");
        file.toFile().deleteOnExit();
        Files.writeString(file, "handlers=java.util.logging.ConsoleHandler\n.level=INFO\n"
                + "org.nnj.simd.warmup.level=FINE\njava.util.logging.ConsoleHandler.level=FINE\n");
        return file.toString();
    }

    /** Rounds {@code from} to {@code to} (exclusive), a millisecond apart, with these times, open nothing. */
    private static void assertStaysClosed(JitGate gate, Trial trial, int from, int to, long vectorNanos,
                                          long scalarNanos) {
        for (int round = from; round < to; round++) {
            assertFalse(trial.decide(-1, vectorNanos, scalarNanos, round * MS), "round " + round);
        }
        assertFalse(gate.isOpen());
    }

    private static JitGate closedGate() {
        return JitGate.of("synthetic", () -> { }, () -> { }, WarmUp.SCALAR);
    }
}
