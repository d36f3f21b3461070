package org.nnj.simd.math;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.elementwise.Activations;
import org.nnj.simd.elementwise.Rows;
import org.nnj.simd.elementwise.SmoothActivations;
import org.nnj.simd.species.Species;

/**
 * The results whose bits {@link LaneMathAcrossTiersTest} compares between tiers: this package's functions, and every
 * kernel that takes an exponential, a tanh or a log1p, on fixed inputs (values over the functions' ranges, signed
 * zeros, saturating values; lengths with a scalar tail). Run as a program (by the test) it prints them, one line per
 * result: its name, then the bits of each value in hex.
 */
public final class TierProbe {
    static final int N = 256 + 5;
    private static final VectorSpecies<Double> D =
            VectorSpecies.of(double.class, VectorShape.forBitSize(Species.FLOAT.vectorBitSize()));
    private static final float[] X = inputs();

    private TierProbe() {
    }

    private static float[] inputs() {
        SplittableRandom random = new SplittableRandom(17);
        float[] x = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (float) ((random.nextDouble() * 2 - 1) * (i % 3 == 0 ? 30 : 6));
        }
        float[] specials = {0f, -0f, 90f, -90f, 200f, -200f, 1e-30f, -1e-30f, 88.7f, -103.9f, 1f, -1f};
        System.arraycopy(specials, 0, x, 0, specials.length);
        return x;
    }

    /** Every result, as bits (NaN as the one canonical NaN: its payload is not what this is about). */
    static Map<String, long[]> compute() {
        Map<String, long[]> out = new LinkedHashMap<>();
        float[] x = X;
        // One loop per function, not a shared one taking a lambda: there the call would not be inlined, and
        // without inlining C2 does not compile vector code at all.
        int floats = Species.FLOAT.loopBound(N);
        float[] exp = new float[floats];
        float[] expm1 = new float[floats];
        float[] tanh = new float[floats];
        for (int i = 0; i < floats; i += Species.FLOAT.length()) {
            FloatLaneMath.exp(FloatVector.fromArray(Species.FLOAT, x, i)).intoArray(exp, i);
        }
        for (int i = 0; i < floats; i += Species.FLOAT.length()) {
            FloatLaneMath.expm1(FloatVector.fromArray(Species.FLOAT, x, i)).intoArray(expm1, i);
        }
        for (int i = 0; i < floats; i += Species.FLOAT.length()) {
            FloatLaneMath.tanh(FloatVector.fromArray(Species.FLOAT, x, i)).intoArray(tanh, i);
        }
        out.put("exp", bits(exp));
        out.put("expm1", bits(expm1));
        out.put("tanh", bits(tanh));
        int doubles = D.loopBound(N);
        double[] d = new double[doubles];
        for (int i = 0; i < doubles; i++) {
            d[i] = x[i] * 25.1;
        }
        double[] dexp = new double[doubles];
        double[] log1p = new double[doubles];
        for (int i = 0; i < doubles; i += D.length()) {
            DoubleLaneMath.exp(DoubleVector.fromArray(D, d, i)).intoArray(dexp, i);
        }
        for (int i = 0; i < doubles; i += D.length()) {
            DoubleLaneMath.log1p(DoubleVector.fromArray(D, d, i)).intoArray(log1p, i);
        }
        out.put("double exp", bits(dexp));
        out.put("double log1p", bits(log1p));

        float[] y = new float[N];
        Activations.sigmoid(N, x, 0, y, 0);
        out.put("sigmoid kernel", bits(y.clone()));
        Activations.tanh(N, x, 0, y, 0);
        out.put("tanh kernel", bits(y.clone()));
        Activations.elu(N, 1.6732632f, 1.050701f, x, 0, y, 0);
        out.put("selu kernel", bits(y.clone()));
        Activations.eluBackward(N, 1f, 1f, x, 0, x, 0, y, 0);
        out.put("elu backward kernel", bits(y.clone()));
        int cols = 37;
        int rows = N / cols;
        Rows.softmaxRows(rows, cols, x, 0, y, 0);
        out.put("softmax kernel", bits(y.clone()));
        Rows.logSoftmaxRows(rows, cols, x, 0, y, 0);
        out.put("log-softmax kernel", bits(y.clone()));
        float[] dx = new float[N];
        Rows.logSoftmaxBackwardRows(rows, cols, y, 0, x, 0, dx, 0);
        out.put("log-softmax backward kernel", bits(dx));
        float[] lse = new float[rows];
        Rows.logSumExpRows(rows, cols, x, 0, lse, 0);
        out.put("log-sum-exp kernel", bits(lse));
        for (boolean tanhForm : new boolean[] {false, true}) {
            SmoothActivations.gelu(tanhForm, N, x, 0, y, 0);
            out.put("gelu kernel " + tanhForm, bits(y.clone()));
            SmoothActivations.geluBackward(tanhForm, N, x, 0, x, 0, y, 0);
            out.put("gelu backward kernel " + tanhForm, bits(y.clone()));
        }
        SmoothActivations.softplus(N, 0.7f, 20f, x, 0, y, 0);
        out.put("softplus kernel", bits(y.clone()));
        SmoothActivations.softplusBackward(N, 0.7f, 20f, x, 0, x, 0, y, 0);
        out.put("softplus backward kernel", bits(y.clone()));
        return out;
    }

    private static long[] bits(float[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToIntBits(v[i]);
        }
        return b;
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToLongBits(v[i]);
        }
        return b;
    }

    /**
     * Prints the first round's results; with a number of rounds as the argument, computes that many more and
     * prints a line starting {@code "differs: "} for each result the first time a later round's bits are not the first's.
     */
    public static void main(String[] args) {
        Map<String, long[]> first = compute();
        for (Map.Entry<String, long[]> e : first.entrySet()) {
            StringJoiner line = new StringJoiner(" ", e.getKey() + ":", "");
            for (long b : e.getValue()) {
                line.add(Long.toHexString(b));
            }
            System.out.println(line);
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Set<String> reported = new HashSet<>();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, long[]> e : compute().entrySet()) {
                long[] expected = first.get(e.getKey());
                for (int i = 0; i < expected.length && !reported.contains(e.getKey()); i++) {
                    if (expected[i] != e.getValue()[i]) {
                        System.out.println("differs: round " + round + ", " + e.getKey() + "[" + i + "]: first "
                                + Long.toHexString(expected[i]) + ", now " + Long.toHexString(e.getValue()[i]));
                        reported.add(e.getKey());
                    }
                }
            }
        }
    }
}
