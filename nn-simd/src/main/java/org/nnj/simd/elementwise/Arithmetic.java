package org.nnj.simd.elementwise;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.species.Lanes;
import org.nnj.simd.species.Species;

/** {@code axpy}, {@code scale}, {@code multiply} and {@code sumOfSquares} over consecutive elements. */
public final class Arithmetic {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    /** Doubles in a vector of the same size: half as many lanes. */
    private static final VectorSpecies<Double> D = S.withLanes(double.class);

    private Arithmetic() {
    }

    /** {@code y += alpha * x}: a multiply and an add, rounded twice, as the scalar reference does. */
    public static void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector.fromArray(S, x, xOff + i).mul(alpha)
                    .add(FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    /** {@code x *= alpha}. */
    public static void scale(int n, float alpha, float[] x, int xOff) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector.fromArray(S, x, xOff + i).mul(alpha).intoArray(x, xOff + i);
        }
        for (; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    /** {@code out = x * y}, one multiplication per element as in the scalar reference. */
    public static void multiply(int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector.fromArray(S, x, xOff + i).mul(FloatVector.fromArray(S, y, yOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = x[xOff + i] * y[yOff + i];
        }
    }

    /** The sum of squares, each square and sum taken in double precision as the contract asks. */
    public static double sumOfSquares(int n, float[] x, int xOff) {
        DoubleVector acc0 = DoubleVector.zero(D);
        DoubleVector acc1 = DoubleVector.zero(D);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            DoubleVector lo = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector hi = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
            acc0 = lo.fma(lo, acc0);
            acc1 = hi.fma(hi, acc1);
        }
        double s = Lanes.sum(acc0.add(acc1));
        for (; i < n; i++) {
            double v = x[xOff + i];
            s += v * v;
        }
        return s;
    }
}
