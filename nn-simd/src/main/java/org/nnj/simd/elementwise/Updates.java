package org.nnj.simd.elementwise;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.species.Species;

/**
 * The general element-wise optimizer updates of {@link org.nnj.api.backend.UpdateKernels} ({@code addSquares},
 * {@code addcdivSqrt}, {@code addcdiv}, {@code maxAbs}). Every lane does the same float operations in the
 * same order as the scalar reference (no fused multiply-adds; lane-wise {@code SQRT}, {@code ABS} and
 * {@code MAX} round as {@link Math} does), so both backends give the same bits.
 */
public final class Updates {
    private static final VectorSpecies<Float> S = Species.FLOAT;

    private Updates() {
    }

    /** {@code y = beta * y + alpha * x * x}; see {@link org.nnj.api.backend.UpdateKernels#addSquares}. */
    public static void addSquares(int n, float beta, float alpha, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector xi = FloatVector.fromArray(S, x, xOff + i);
            FloatVector.fromArray(S, y, yOff + i).mul(beta).add(xi.mul(alpha).mul(xi)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            float xi = x[xOff + i];
            y[yOff + i] = beta * y[yOff + i] + alpha * xi * xi;
        }
    }

    /**
     * {@code y = beta * y + alpha * x / (sqrt(d / c) + eps)}; see
     * {@link org.nnj.api.backend.UpdateKernels#addcdivSqrt}.
     */
    public static void addcdivSqrt(int n, float beta, float alpha, float c, float eps, float[] x, int xOff,
                                   float[] d, int dOff, float[] y, int yOff) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector denom = FloatVector.fromArray(S, d, dOff + i).div(c).lanewise(VectorOperators.SQRT).add(eps);
            FloatVector step = FloatVector.fromArray(S, x, xOff + i).mul(alpha).div(denom);
            FloatVector.fromArray(S, y, yOff + i).mul(beta).add(step).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            float denom = (float) Math.sqrt(d[dOff + i] / c) + eps;
            y[yOff + i] = beta * y[yOff + i] + alpha * x[xOff + i] / denom;
        }
    }

    /** {@code y = y + alpha * x / d}; see {@link org.nnj.api.backend.UpdateKernels#addcdiv}. */
    public static void addcdiv(int n, float alpha, float[] x, int xOff, float[] d, int dOff, float[] y, int yOff) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector di = FloatVector.fromArray(S, d, dOff + i);
            FloatVector step = FloatVector.fromArray(S, x, xOff + i).mul(alpha).div(di);
            FloatVector.fromArray(S, y, yOff + i).add(step).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i] / d[dOff + i];
        }
    }

    /** {@code y = max(beta * y, |x| + eps)}; see {@link org.nnj.api.backend.UpdateKernels#maxAbs}. */
    public static void maxAbs(int n, float beta, float eps, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector norm = FloatVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.ABS).add(eps);
            FloatVector.fromArray(S, y, yOff + i).mul(beta).max(norm).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.max(beta * y[yOff + i], Math.abs(x[xOff + i]) + eps);
        }
    }
}
