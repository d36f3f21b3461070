package org.nnj.simd.math;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * What the accuracy tests of this package share: inputs (a dense sweep of a range, random bit patterns, special
 * values), a function applied vector by vector, and the distance of each result from the reference in units in
 * the last place, counted as the number of representable values between them.
 */
final class Ulps {
    private Ulps() {
    }

    /** {@code count} values evenly spaced over {@code [from, to]}, then {@code random} random bit patterns. */
    static float[] floats(float from, float to, int count, int random, long seed, float... specials) {
        float[] x = new float[count + random + specials.length];
        for (int i = 0; i < count; i++) {
            x[i] = (float) (from + (to - from) * (double) i / (count - 1));
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < random; i++) {
            x[count + i] = Float.intBitsToFloat(r.nextInt());
        }
        System.arraycopy(specials, 0, x, count + random, specials.length);
        return x;
    }

    /** As {@link #floats}, in double. */
    static double[] doubles(double from, double to, int count, int random, long seed, double... specials) {
        double[] x = new double[count + random + specials.length];
        for (int i = 0; i < count; i++) {
            x[i] = from + (to - from) * i / (count - 1);
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < random; i++) {
            x[count + i] = Double.longBitsToDouble(r.nextLong());
        }
        System.arraycopy(specials, 0, x, count + random, specials.length);
        return x;
    }

    /** {@code f} applied to {@code x} one vector of species {@code s} at a time ({@code x.length} padded with 0). */
    static float[] apply(VectorSpecies<Float> s, UnaryOperator<FloatVector> f, float[] x) {
        float[] padded = java.util.Arrays.copyOf(x, s.loopBound(x.length + s.length() - 1));
        float[] y = new float[padded.length];
        for (int i = 0; i < padded.length; i += s.length()) {
            f.apply(FloatVector.fromArray(s, padded, i)).intoArray(y, i);
        }
        return java.util.Arrays.copyOf(y, x.length);
    }

    /** As {@link #apply(VectorSpecies, UnaryOperator, float[])}, in double. */
    static double[] apply(VectorSpecies<Double> s, UnaryOperator<DoubleVector> f, double[] x) {
        double[] padded = java.util.Arrays.copyOf(x, s.loopBound(x.length + s.length() - 1));
        double[] y = new double[padded.length];
        for (int i = 0; i < padded.length; i += s.length()) {
            f.apply(DoubleVector.fromArray(s, padded, i)).intoArray(y, i);
        }
        return java.util.Arrays.copyOf(y, x.length);
    }

    /** Floats from {@code a} to {@code b} (0 if equal, NaN and NaN too); {@code MAX_VALUE} if one only is NaN. */
    static long distance(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        return Math.abs(ordered(Float.floatToRawIntBits(a)) - ordered(Float.floatToRawIntBits(b)));
    }

    /** Doubles from {@code a} to {@code b}, as {@link #distance(float, float)}. */
    static long distance(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        long d = ordered(Double.doubleToRawLongBits(a)) - ordered(Double.doubleToRawLongBits(b));
        return d == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(d);
    }

    /** Bits as a line of integers on which each next float is one more; -0 and +0 one apart. */
    private static long ordered(int bits) {
        return bits < 0 ? -(long) (bits & 0x7fffffff) - 1 : bits;
    }

    private static long ordered(long bits) {
        return bits < 0 ? -(bits & Long.MAX_VALUE) - 1 : bits;
    }

    /** The worst distance of {@code actual} from {@code reference(x)} rounded to float, and its input. */
    static Worst worst(float[] x, float[] actual, DoubleUnaryOperator reference) {
        Worst w = new Worst();
        for (int i = 0; i < x.length; i++) {
            long d = distance((float) reference.applyAsDouble(x[i]), actual[i]);
            if (d > w.ulps) {
                w.ulps = d;
                w.input = x[i];
                w.actual = actual[i];
            }
        }
        return w;
    }

    /** The worst distance of {@code actual} from {@code reference(x)}, and its input. */
    static Worst worst(double[] x, double[] actual, DoubleUnaryOperator reference) {
        Worst w = new Worst();
        for (int i = 0; i < x.length; i++) {
            long d = distance(reference.applyAsDouble(x[i]), actual[i]);
            if (d > w.ulps) {
                w.ulps = d;
                w.input = x[i];
                w.actual = actual[i];
            }
        }
        return w;
    }

    /** A worst case: its distance in ulps, input and result. */
    static final class Worst {
        long ulps;
        double input;
        double actual;

        @Override
        public String toString() {
            return ulps + " ulp at x = " + input + " (got " + actual + ")";
        }
    }
}
