package org.nnj.simd.warmup;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.SimdSettings.WarmUp;

/**
 * A JVM of its own for {@link JitGateTest}: calls a gate whose twin serves every call until the gate opens,
 * then prints {@code opened MS CALLS}, or {@code closed} after {@code args[0]} seconds. A JVM of its own, as
 * the one the tests run in has used both vector widths, whose mixed type profiles can keep compiled vector
 * code allocating (then the gate opens by time, or not at all).
 */
public final class GateOpensProbe {
    /** A constant species, as in the kernels: C2 compiles vector code into vector instructions only for one. */
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private GateOpensProbe() {
    }

    public static void main(String[] args) {
        long limit = (long) (Double.parseDouble(args[0]) * 1e9);
        float[] x = ExerciseData.floats(ExerciseData.ELEMENTS);
        float[] y = new float[x.length];
        JitGate gate = JitGate.of("probe.scale", () -> scaleVectors(x, y), () -> scaleScalars(x, y), WarmUp.AUTO);
        long start = System.nanoTime();
        long calls = 0;
        while (!gate.vectorReady()) {
            scaleScalars(x, y); // the twin serves the call
            calls++;
            if (System.nanoTime() - start > limit) {
                System.out.println("closed after " + calls + " calls");
                return;
            }
        }
        System.out.printf("opened %d %d%n", (System.nanoTime() - start) / 1_000_000, calls);
    }

    static void scaleVectors(float[] x, float[] y) {
        for (int i = 0; i < S.loopBound(x.length); i += S.length()) {
            FloatVector.fromArray(S, x, i).mul(0.5f).add(1f).intoArray(y, i);
        }
    }

    static void scaleScalars(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * 0.5f + 1f;
        }
    }
}
