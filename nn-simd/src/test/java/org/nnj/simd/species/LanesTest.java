package org.nnj.simd.species;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * {@link Lanes}: the lane order from {@code +0}, exactly, and still after the JIT has compiled it, where
 * JDK 25's {@code reduceLanes(ADD)} adds in a tree.
 */
class LanesTest {
    private static final VectorSpecies<Float> F = Species.FLOAT;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private static float inOrder(float[] x) {
        float s = 0f;
        for (float v : x) {
            s += v;
        }
        return s;
    }

    private static double inOrder(double[] x) {
        double s = 0.0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    /** Lanes of mixed magnitudes, so that another order of the additions rounds differently. */
    private static float[] floats(SplittableRandom random) {
        float[] x = new float[F.length()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((random.nextDouble() * 2 - 1) * Math.pow(10, random.nextInt(7)));
        }
        return x;
    }

    @Test
    void floatLanesAreAddedInOrderFromPlusZeroAlsoOnceCompiled() {
        SplittableRandom random = new SplittableRandom(3);
        // Enough calls for C2 to compile the sum on the way; every one is checked against the definition.
        for (int call = 0; call < 200_000; call++) {
            float[] x = floats(random);
            float expected = inOrder(x);
            float actual = Lanes.sum(FloatVector.fromArray(F, x, 0));
            if (Float.floatToRawIntBits(expected) != Float.floatToRawIntBits(actual)) {
                assertEquals(expected, actual, "call " + call + ": lanes " + java.util.Arrays.toString(x));
            }
        }
    }

    @Test
    void doubleLanesAreAddedInOrderFromPlusZeroAlsoOnceCompiled() {
        SplittableRandom random = new SplittableRandom(4);
        double[] x = new double[D.length()];
        for (int call = 0; call < 200_000; call++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (random.nextDouble() * 2 - 1) * Math.pow(10, random.nextInt(17));
            }
            double expected = inOrder(x);
            double actual = Lanes.sum(DoubleVector.fromArray(D, x, 0));
            if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
                assertEquals(expected, actual, "call " + call + ": lanes " + java.util.Arrays.toString(x));
            }
        }
    }

    @Test
    void signedZerosInfinitiesAndNaNFollowTheDefinition() {
        float[] negativeZeros = new float[F.length()];
        java.util.Arrays.fill(negativeZeros, -0f);
        // From +0: -0 + -0 + ... would be -0, but +0 + -0 is +0.
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(Lanes.sum(FloatVector.fromArray(F, negativeZeros, 0))));
        float[] x = new float[F.length()];
        x[1] = Float.POSITIVE_INFINITY;
        assertEquals(Float.POSITIVE_INFINITY, Lanes.sum(FloatVector.fromArray(F, x, 0)));
        x[2] = Float.NEGATIVE_INFINITY;
        assertEquals(Float.NaN, Lanes.sum(FloatVector.fromArray(F, x, 0)));
    }
}
