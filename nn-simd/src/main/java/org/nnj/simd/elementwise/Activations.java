package org.nnj.simd.elementwise;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.api.math.ActivationFunctions;
import org.nnj.simd.math.FloatLaneMath;
import org.nnj.simd.species.Species;
import org.nnj.simd.warmup.ExerciseData;
import org.nnj.simd.warmup.JitGate;

/**
 * The activation functions and their backward passes, one vector at a time with a scalar tail that
 * computes exactly what the scalar reference backend computes. GELU and softplus, which need double
 * precision in the lanes, are in {@link SmoothActivations}.
 */
public final class Activations {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final JitGate RELU;
    private static final JitGate RELU_BACKWARD;

    static {
        int n = ExerciseData.ELEMENTS;
        float[] x = ExerciseData.floats(n);
        float[] dy = ExerciseData.floats(n);
        float[] y = new float[n];
        RELU = JitGate.of("Activations.relu", () -> reluVectors(n, x, 0, y, 0), () -> reluScalars(0, n, x, 0, y, 0));
        RELU_BACKWARD = JitGate.of("Activations.reluBackward", () -> reluBackwardVectors(n, x, 0, dy, 0, y, 0),
                () -> reluBackwardScalars(0, n, x, 0, dy, 0, y, 0));
    }

    private Activations() {
    }

    /** {@code y = max(x, 0)}. */
    public static void relu(int n, float[] x, int xOff, float[] y, int yOff) {
        reluScalars(RELU.vectorReady() ? reluVectors(n, x, xOff, y, yOff) : 0, n, x, xOff, y, yOff);
    }

    private static int reluVectors(int n, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector.fromArray(S, x, xOff + i).max(0f).intoArray(y, yOff + i);
        }
        return i;
    }

    private static void reluScalars(int from, int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = from; i < n; i++) {
            y[yOff + i] = Math.max(x[xOff + i], 0f);
        }
    }

    /** {@code dx = x > 0 ? dy : 0}. */
    public static void reluBackward(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        int i = RELU_BACKWARD.vectorReady() ? reluBackwardVectors(n, x, xOff, dy, dyOff, dx, dxOff) : 0;
        reluBackwardScalars(i, n, x, xOff, dy, dyOff, dx, dxOff);
    }

    private static int reluBackwardVectors(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        int i = 0;
        FloatVector zero = FloatVector.zero(S);
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            VectorMask<Float> positive = FloatVector.fromArray(S, x, xOff + i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, dy, dyOff + i), positive).intoArray(dx, dxOff + i);
        }
        return i;
    }

    private static void reluBackwardScalars(int from, int n, float[] x, int xOff, float[] dy, int dyOff,
                                            float[] dx, int dxOff) {
        for (int i = from; i < n; i++) {
            dx[dxOff + i] = x[xOff + i] > 0f ? dy[dyOff + i] : 0f;
        }
    }

    /** {@code y = x > 0 ? x : alpha * x}. */
    public static void leakyRelu(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            v.mul(alpha).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            float v = x[xOff + i];
            y[yOff + i] = v > 0f ? v : alpha * v;
        }
    }

    /** {@code dx = x > 0 ? dy : alpha * dy}. */
    public static void leakyReluBackward(int n, float alpha, float[] x, int xOff, float[] dy, int dyOff,
                                         float[] dx, int dxOff) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            VectorMask<Float> positive = FloatVector.fromArray(S, x, xOff + i).compare(VectorOperators.GT, 0f);
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + i);
            g.mul(alpha).blend(g, positive).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            float g = dy[dyOff + i];
            dx[dxOff + i] = x[xOff + i] > 0f ? g : alpha * g;
        }
    }

    /**
     * {@code y = 1 / (1 + exp(-x))}. For large negative {@code x}, {@code exp(-x)} overflows to infinity
     * and the quotient is exactly 0, never NaN; for large positive {@code x} it is exactly 1.
     */
    public static void sigmoid(int n, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector e = FloatLaneMath.exp(FloatVector.fromArray(S, x, xOff + i).neg());
            one.div(e.add(1f)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = sigmoid(x[xOff + i]);
        }
    }

    private static float sigmoid(float v) {
        if (v >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-v)));
        }
        double e = Math.exp(v);
        return (float) (e / (1.0 + e));
    }

    /** {@code dx = dy * y * (1 - y)}. */
    public static void sigmoidBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector s = FloatVector.fromArray(S, y, yOff + i);
            FloatVector.fromArray(S, dy, dyOff + i).mul(s).mul(s.neg().add(1f)).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            float s = y[yOff + i];
            dx[dxOff + i] = dy[dyOff + i] * s * (1f - s);
        }
    }

    /** {@code y = tanh(x)}. */
    public static void tanh(int n, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatLaneMath.tanh(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = (float) Math.tanh(x[xOff + i]);
        }
    }

    /** {@code dx = dy * (1 - y * y)}. */
    public static void tanhBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector t = FloatVector.fromArray(S, y, yOff + i);
            FloatVector.fromArray(S, dy, dyOff + i).mul(t.mul(t).neg().add(1f)).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            float t = y[yOff + i];
            dx[dxOff + i] = dy[dyOff + i] * (1f - t * t);
        }
    }

    /**
     * ELU and SELU, {@code y = scale * (x > 0 ? x : alpha * expm1(x))}, in float lanes: {@code x} is exact, and
     * {@code expm1} times the rounded {@code scale * alpha} stays within a few float ulps of the double reference.
     */
    public static void elu(int n, float alpha, float scale, float[] x, int xOff, float[] y, int yOff) {
        float scaledAlpha = scale * alpha;
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatLaneMath.expm1(v).mul(scaledAlpha)
                    .blend(v.mul(scale), v.compare(VectorOperators.GT, 0f)) // NaN is not > 0: stays NaN
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = (float) ActivationFunctions.elu(x[xOff + i], alpha, scale);
        }
    }

    /** {@code dx = dy * (x > 0 ? scale : scale * alpha * exp(x))}. */
    public static void eluBackward(int n, float alpha, float scale, float[] x, int xOff, float[] dy, int dyOff,
                                   float[] dx, int dxOff) {
        float scaledAlpha = scale * alpha;
        FloatVector scaleV = FloatVector.broadcast(S, scale);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector slope = FloatLaneMath.exp(v).mul(scaledAlpha)
                    .blend(scaleV, v.compare(VectorOperators.GT, 0f));
            FloatVector.fromArray(S, dy, dyOff + i).mul(slope).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = (float) (dy[dyOff + i] * ActivationFunctions.eluDerivative(x[xOff + i], alpha, scale));
        }
    }
}
