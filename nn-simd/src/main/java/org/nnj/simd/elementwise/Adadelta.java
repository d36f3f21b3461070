package org.nnj.simd.elementwise;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.species.Species;

/**
 * The fused AdaDelta update. Every lane does the same float operations in the same order as the scalar
 * reference (no fused multiply-adds; the lane-wise {@code SQRT} rounds as {@code (float) Math.sqrt} does),
 * so both backends give the same bits.
 */
public final class Adadelta {
    private static final VectorSpecies<Float> S = Species.FLOAT;

    private Adadelta() {
    }

    /** One AdaDelta step; see {@link org.nnj.api.backend.UpdateKernels#adadeltaStep}. */
    public static void step(int n, float lr, float rho, float eps, float[] w, int wOff, float[] g, int gOff,
                            float[] squareAvg, int squareAvgOff, float[] accDelta, int accDeltaOff) {
        float oneMinusRho = 1f - rho;
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector gi = FloatVector.fromArray(S, g, gOff + i);
            FloatVector s = FloatVector.fromArray(S, squareAvg, squareAvgOff + i).mul(rho)
                    .add(gi.mul(oneMinusRho).mul(gi));
            s.intoArray(squareAvg, squareAvgOff + i);
            FloatVector std = s.add(eps).lanewise(VectorOperators.SQRT);
            FloatVector a = FloatVector.fromArray(S, accDelta, accDeltaOff + i);
            FloatVector delta = a.add(eps).lanewise(VectorOperators.SQRT).div(std).mul(gi);
            a.mul(rho).add(delta.mul(oneMinusRho).mul(delta)).intoArray(accDelta, accDeltaOff + i);
            FloatVector.fromArray(S, w, wOff + i).sub(delta.mul(lr)).intoArray(w, wOff + i);
        }
        for (; i < n; i++) {
            float gi = g[gOff + i];
            float s = rho * squareAvg[squareAvgOff + i] + oneMinusRho * gi * gi;
            squareAvg[squareAvgOff + i] = s;
            float std = (float) Math.sqrt(s + eps);
            float delta = (float) Math.sqrt(accDelta[accDeltaOff + i] + eps) / std * gi;
            accDelta[accDeltaOff + i] = rho * accDelta[accDeltaOff + i] + oneMinusRho * delta * delta;
            w[wOff + i] -= lr * delta;
        }
    }
}
