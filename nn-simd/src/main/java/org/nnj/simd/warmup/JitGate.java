package org.nnj.simd.warmup;

import java.util.Objects;
import org.nnj.simd.SimdSettings;

/**
 * Decides, call by call, whether a vector kernel runs or its scalar twin: the twin until the JIT has
 * compiled the vector kernel, the vector kernel from then on.
 *
 * <p>Why: the Vector API is fast only in code that C2 has compiled; before that every vector operation runs
 * as Java code that loops over the lanes and allocates, ten to a hundred times slower than compiled scalar
 * code. C2 compiles a kernel after thousands of calls and then needs up to a tenth of a second for a large
 * one, while a scalar loop is compiled by C1 at once and by C2 within milliseconds. Measured on the first
 * training step of {@code ./nn train} (2 vCPUs, JDK 25): 0.23 s with the vector kernels, most of it in their
 * Java code.
 *
 * <p>A twin does the same IEEE operations as the vector lanes, in the same order for each element (a lane's
 * {@code fma} is {@link Math#fma}, its {@code add} a float {@code +}), so it gives the same bits and it does
 * not matter for the results which of the two ran; {@code TierIndependenceTest} checks that for every gated
 * kernel.
 *
 * <p>While the gate is closed, its calls also run the vector kernel now and then on a small problem of the
 * gate's own ({@link Trial}, within a tenth of the time), and the gate opens once that runs compiled: when,
 * in {@value Trial#WINS_TO_OPEN} rounds in a row, it allocates nothing (the Java code allocates for every
 * vector operation; where allocations are not counted, the times decide). Those rounds are what gets the
 * vector kernel compiled, which the twin's calls would never make happen. {@code ./nn} also lowers the compile
 * thresholds of the gated vector methods (all named {@code *Vectors}, and {@code BroadcastTiles.tile*}). The
 * system property {@value SimdSettings#WARM_UP} turns the gates off or holds them closed
 * ({@link SimdSettings.WarmUp}); a JVM without C2 keeps the twins, its faster code.
 *
 * <p>Thread-safe: any thread may call {@link #vectorReady()}; opening is one volatile write.
 */
public final class JitGate {
    private final String name;
    private final Runnable vectorExercise;
    private final Runnable scalarExercise;
    private final Trial trial;
    private volatile boolean open;

    private JitGate(String name, Runnable vectorExercise, Runnable scalarExercise, SimdSettings.WarmUp mode) {
        this.name = Objects.requireNonNull(name, "name");
        this.vectorExercise = Objects.requireNonNull(vectorExercise, "vectorExercise");
        this.scalarExercise = Objects.requireNonNull(scalarExercise, "scalarExercise");
        this.open = mode == SimdSettings.WarmUp.OFF;
        this.trial = mode == SimdSettings.WarmUp.AUTO ? new Trial(this) : null; // SCALAR: never opened
    }

    /**
     * A gate for the kernel {@code name}, whose warm-up runs {@code vectorExercise} and {@code scalarExercise}:
     * the vector kernel and its twin on the same small problem (a few microseconds of compiled work), which
     * only the gate's warm-up rounds touch (one thread at a time). The mode is this JVM's {@link SimdSettings#warmUp()}.
     */
    public static JitGate of(String name, Runnable vectorExercise, Runnable scalarExercise) {
        return new JitGate(name, vectorExercise, scalarExercise, SimdSettings.get().warmUp());
    }

    /** Like {@link #of}, with the mode given (tests). */
    static JitGate of(String name, Runnable vectorExercise, Runnable scalarExercise, SimdSettings.WarmUp mode) {
        return new JitGate(name, vectorExercise, scalarExercise, mode);
    }

    /**
     * True when the vector kernel is to run; false while its twin is to. While false, a call may first run a
     * round of the vector kernel's warm-up on this thread. Costs a volatile read once open.
     */
    public boolean vectorReady() {
        if (open) {
            return true;
        }
        if (trial != null) {
            trial.maybeRound();
        }
        return open;
    }

    /** The kernel's name, as the warm-up's log says it. */
    public String name() {
        return name;
    }

    void open() {
        open = true;
    }

    boolean isOpen() {
        return open;
    }

    /** The vector kernel on the gate's problem. */
    Runnable vectorExercise() {
        return vectorExercise;
    }

    /** The twin on the gate's problem. */
    Runnable scalarExercise() {
        return scalarExercise;
    }

    @Override
    public String toString() {
        return name + (open ? " (vector)" : " (scalar twin)");
    }
}
