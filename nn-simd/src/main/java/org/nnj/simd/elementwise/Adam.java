package org.nnj.simd.elementwise;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.species.Species;
import org.nnj.simd.warmup.ExerciseData;
import org.nnj.simd.warmup.JitGate;

/**
 * The fused Adam update. Every lane does the same float operations in the same order as the scalar
 * reference (no fused multiply-adds), so both backends give the same bits; the scalar loop is also the
 * vector loop's twin for a {@link JitGate}.
 */
public final class Adam {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final JitGate GATE = gate();

    private Adam() {
    }

    /** One Adam step; see {@link org.nnj.api.backend.UpdateKernels#adamStep}. */
    public static void step(int n, float lr, float beta1, float beta2, float eps, float bc1, float bc2,
                            float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff) {
        int i = GATE.vectorReady()
                ? stepVectors(n, lr, beta1, beta2, eps, bc1, bc2, w, wOff, g, gOff, m, mOff, v, vOff) : 0;
        stepScalars(i, n, lr, beta1, beta2, eps, bc1, bc2, w, wOff, g, gOff, m, mOff, v, vOff);
    }

    /** The step for every whole vector; returns the index of the first element left. */
    private static int stepVectors(int n, float lr, float beta1, float beta2, float eps, float bc1, float bc2,
                                   float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff) {
        float stepSize = lr / bc1;
        float sqrtBc2 = (float) Math.sqrt(bc2);
        float oneMinusBeta1 = 1f - beta1;
        float oneMinusBeta2 = 1f - beta2;
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector gi = FloatVector.fromArray(S, g, gOff + i);
            FloatVector mi = FloatVector.fromArray(S, m, mOff + i).mul(beta1).add(gi.mul(oneMinusBeta1));
            FloatVector vi = FloatVector.fromArray(S, v, vOff + i).mul(beta2).add(gi.mul(oneMinusBeta2).mul(gi));
            mi.intoArray(m, mOff + i);
            vi.intoArray(v, vOff + i);
            FloatVector denom = vi.lanewise(VectorOperators.SQRT).div(sqrtBc2).add(eps);
            FloatVector wi = FloatVector.fromArray(S, w, wOff + i);
            wi.sub(mi.mul(stepSize).div(denom)).intoArray(w, wOff + i);
        }
        return i;
    }

    /** The step for the elements from {@code from} to {@code n}, one at a time. */
    private static void stepScalars(int from, int n, float lr, float beta1, float beta2, float eps, float bc1,
                                    float bc2, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff,
                                    float[] v, int vOff) {
        float stepSize = lr / bc1;
        float sqrtBc2 = (float) Math.sqrt(bc2);
        float oneMinusBeta1 = 1f - beta1;
        float oneMinusBeta2 = 1f - beta2;
        for (int i = from; i < n; i++) {
            float gi = g[gOff + i];
            float mi = beta1 * m[mOff + i] + oneMinusBeta1 * gi;
            float vi = beta2 * v[vOff + i] + oneMinusBeta2 * gi * gi;
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            w[wOff + i] -= stepSize * mi / ((float) Math.sqrt(vi) / sqrtBc2 + eps);
        }
    }

    private static JitGate gate() {
        int n = ExerciseData.ELEMENTS;
        float[] w = ExerciseData.floats(n);
        float[] g = ExerciseData.floats(n);
        float[] m = new float[n];
        float[] v = new float[n];
        return JitGate.of("Adam.step",
                () -> stepVectors(n, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.1f, 0.001f, w, 0, g, 0, m, 0, v, 0),
                () -> stepScalars(0, n, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.1f, 0.001f, w, 0, g, 0, m, 0, v, 0));
    }
}
