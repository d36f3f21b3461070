package org.nnj.simd.elementwise;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.api.math.ActivationFunctions;
import org.nnj.simd.math.DoubleLaneMath;
import org.nnj.simd.species.Species;

/**
 * GELU (exact and tanh forms) and softplus, forward and backward, in double lanes: half a float vector of
 * inputs is widened into one double vector of the backend's width, computed in the stable forms of
 * {@link ActivationFunctions}, and rounded back to float once.
 *
 * <h2>Why double lanes</h2>
 * In float lanes, the rounding of an intermediate such as {@code x^3} or {@code beta * x} (relative 6e-8) is
 * multiplied by the size of the exponent it feeds: GELU's tanh form at {@code x = -10} takes {@code exp} of
 * about 87, whose float rounding alone makes the result wrong by 5e-6 relative, and softplus with a
 * {@code beta} that is not a power of two loses as much in its negative tail. In double lanes every such error
 * is below 1e-13, so each result is the float nearest the double reference up to an ulp or so, which is
 * what the PyTorch comparison (1e-6 relative) needs, at half the lanes per instruction.
 *
 * <p>Scalar tails compute exactly what the scalar reference backend computes.
 *
 * <p>The loads and stores are written out in each loop, not in helper methods: once a compilation has created
 * 18,000 nodes, which the exponentials of {@link DoubleLaneMath} bring these kernels to, C2 inlines no further call
 * of ours, and a store left as a call takes its vector boxed on the heap (the tanh form of GELU ran 2.5 times slower).
 */
public final class SmoothActivations {
    private static final int BITS = Species.FLOAT.vectorBitSize();
    /** Doubles per vector of the backend's width. */
    static final VectorSpecies<Double> D = VectorSpecies.of(double.class, VectorShape.forBitSize(BITS));
    /** Floats of half the width: as many lanes as {@link #D}. */
    private static final VectorSpecies<Float> H = VectorSpecies.of(float.class, VectorShape.forBitSize(BITS / 2));

    /** Widening and narrowing conversions. */
    private static final VectorOperators.Conversion<Float, Double> F2D = VectorOperators.F2D;
    private static final VectorOperators.Conversion<Double, Float> D2F = VectorOperators.D2F;

    private static final double SQRT_HALF = 0.7071067811865476;
    private static final double INV_SQRT_2PI = 0.3989422804014327;
    /** {@code 2 * sqrt(2 / pi)}: {@code 2u = x * (TANH_C1 + TANH_C3 * x^2)}. */
    private static final double TANH_C1 = 1.5957691216057308;
    private static final double TANH_C3 = TANH_C1 * 0.044715;

    private SmoothActivations() {
    }

    /** {@code y = gelu(x)}, exact or tanh form. */
    public static void gelu(boolean tanhApproximation, int n, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int end = H.loopBound(n); i < end; i += H.length()) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(H, x, xOff + i).convertShape(F2D, D, 0);
            DoubleVector r = tanhApproximation ? geluTanh(v) : gelu(v);
            ((FloatVector) r.convertShape(D2F, H, 0)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = (float) (tanhApproximation ? ActivationFunctions.geluTanh(v) : ActivationFunctions.gelu(v));
        }
    }

    /** {@code dx = dy * gelu'(x)}, exact or tanh form. */
    public static void geluBackward(boolean tanhApproximation, int n, float[] x, int xOff, float[] dy, int dyOff,
                                    float[] dx, int dxOff) {
        int i = 0;
        for (int end = H.loopBound(n); i < end; i += H.length()) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(H, x, xOff + i).convertShape(F2D, D, 0);
            DoubleVector d = tanhApproximation ? geluTanhDerivative(v) : geluDerivative(v);
            DoubleVector g = (DoubleVector) FloatVector.fromArray(H, dy, dyOff + i).convertShape(F2D, D, 0);
            ((FloatVector) g.mul(d).convertShape(D2F, H, 0)).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            double v = x[xOff + i];
            double d = tanhApproximation ? ActivationFunctions.geluTanhDerivative(v)
                    : ActivationFunctions.geluDerivative(v);
            dx[dxOff + i] = (float) (dy[dyOff + i] * d);
        }
    }

    /** {@code y = beta * x > threshold ? x : log1p(exp(beta * x)) / beta}. */
    public static void softplus(int n, float beta, float threshold, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int end = H.loopBound(n); i < end; i += H.length()) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(H, x, xOff + i).convertShape(F2D, D, 0);
            DoubleVector t = v.mul(beta); // exact: a product of two floats
            DoubleVector soft = t.max(0.0)
                    .add(DoubleLaneMath.log1p(DoubleLaneMath.exp(t.abs().neg())))
                    .div(beta);
            DoubleVector r = soft.blend(v, t.compare(VectorOperators.GT, threshold));
            ((FloatVector) r.convertShape(D2F, H, 0)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = (float) ActivationFunctions.softplus(x[xOff + i], beta, threshold);
        }
    }

    /** {@code dx = dy * (beta * x > threshold ? 1 : sigmoid(beta * x))}. */
    public static void softplusBackward(int n, float beta, float threshold, float[] x, int xOff, float[] dy,
                                        int dyOff, float[] dx, int dxOff) {
        int i = 0;
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        for (int end = H.loopBound(n); i < end; i += H.length()) {
            DoubleVector t = ((DoubleVector) FloatVector.fromArray(H, x, xOff + i).convertShape(F2D, D, 0)).mul(beta);
            DoubleVector slope = sigmoid(t).blend(one, t.compare(VectorOperators.GT, threshold));
            DoubleVector g = (DoubleVector) FloatVector.fromArray(H, dy, dyOff + i).convertShape(F2D, D, 0);
            ((FloatVector) g.mul(slope).convertShape(D2F, H, 0)).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = (float) (dy[dyOff + i]
                    * ActivationFunctions.softplusDerivative(x[xOff + i], beta, threshold));
        }
    }

    /** {@code 0.5 * x * erfc(-x / sqrt(2))}. */
    private static DoubleVector gelu(DoubleVector x) {
        return x.mul(0.5).mul(VectorErf.erfc(x.mul(-SQRT_HALF)));
    }

    /** {@code Phi(x) + x * phi(x)}. */
    private static DoubleVector geluDerivative(DoubleVector x) {
        DoubleVector phi = VectorErf.erfc(x.mul(-SQRT_HALF)).mul(0.5); // first: see the class comment
        DoubleVector density = DoubleLaneMath.exp(x.mul(x).mul(-0.5)).mul(INV_SQRT_2PI);
        return phi.add(x.mul(density));
    }

    /** {@code x * sigmoid(2u)}. */
    private static DoubleVector geluTanh(DoubleVector x) {
        return x.mul(sigmoid(x.mul(x.mul(x).mul(TANH_C3).add(TANH_C1))));
    }

    /** {@code s + x * s * (1 - s) * d(2u)/dx} with {@code s = sigmoid(2u)}. */
    private static DoubleVector geluTanhDerivative(DoubleVector x) {
        DoubleVector x2 = x.mul(x);
        DoubleVector s = sigmoid(x.mul(x2.mul(TANH_C3).add(TANH_C1)));
        DoubleVector slope = x2.mul(3 * TANH_C3).add(TANH_C1);
        return s.add(x.mul(s).mul(s.neg().add(1.0)).mul(slope));
    }

    /**
     * {@code 1 / (1 + exp(-t))}: in double precision this is accurate for every {@code t} (for very negative
     * {@code t}, {@code exp(-t)} is large or infinite and the quotient small or 0, never NaN).
     */
    private static DoubleVector sigmoid(DoubleVector t) {
        return DoubleVector.broadcast(D, 1.0).div(DoubleLaneMath.exp(t.neg()).add(1.0));
    }
}
