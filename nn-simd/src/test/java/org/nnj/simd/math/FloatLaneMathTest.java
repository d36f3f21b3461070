package org.nnj.simd.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;
import org.nnj.simd.species.Species;

/**
 * {@link FloatLaneMath} against {@link StrictMath} computed in double and rounded to float: within 1 ulp over a
 * dense sweep of each function's useful range, random bit patterns (every exponent, subnormals, NaNs, infinities)
 * and the special values, which must be exactly {@link Math}'s.
 */
class FloatLaneMathTest {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final float[] SPECIALS = {
        0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE,
        Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f,
        88.72283f, 88.72284f, -87.33655f, -103.27893f, -103.972084f, -104f, 1f, 0.99999994f, -0.99999994f,
    };

    private static void assertWithin(long ulps, UnaryOperator<FloatVector> f, DoubleUnaryOperator reference,
                                     float from, float to, long seed) {
        float[] x = Ulps.floats(from, to, 1 << 20, 1 << 18, seed, SPECIALS);
        Ulps.Worst worst = Ulps.worst(x, Ulps.apply(S, f, x), reference);
        assertTrue(worst.ulps <= ulps, worst.toString());
    }

    @Test
    void expIsWithinOneUlp() {
        assertWithin(1, FloatLaneMath::exp, StrictMath::exp, -105f, 90f, 1);
        assertWithin(1, FloatLaneMath::exp, StrictMath::exp, -1f, 1f, 2);
    }

    @Test
    void expm1IsWithinOneUlp() {
        assertWithin(1, FloatLaneMath::expm1, StrictMath::expm1, -20f, 90f, 3);
        assertWithin(1, FloatLaneMath::expm1, StrictMath::expm1, -1f, 1f, 4);
        assertWithin(1, FloatLaneMath::expm1, StrictMath::expm1, -1e-6f, 1e-6f, 5);
    }

    @Test
    void tanhIsWithinOneUlp() {
        assertWithin(1, FloatLaneMath::tanh, StrictMath::tanh, -10f, 10f, 6);
        assertWithin(1, FloatLaneMath::tanh, StrictMath::tanh, -1f, 1f, 7);
        assertWithin(1, FloatLaneMath::tanh, StrictMath::tanh, -1e-5f, 1e-5f, 8);
    }

    /** Bit for bit what {@link Math} gives, signs of zero included. */
    @Test
    void specialValuesAreMathsExactly() {
        float[] x = {Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 0f, -0f, 100f, -110f, -1e-30f};
        float[] exp = Ulps.apply(S, FloatLaneMath::exp, x);
        float[] expm1 = Ulps.apply(S, FloatLaneMath::expm1, x);
        float[] tanh = Ulps.apply(S, FloatLaneMath::tanh, x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(bits((float) Math.exp(x[i])), bits(exp[i]), "exp(" + x[i] + ")");
            assertEquals(bits((float) Math.expm1(x[i])), bits(expm1[i]), "expm1(" + x[i] + ")");
            assertEquals(bits((float) Math.tanh(x[i])), bits(tanh[i]), "tanh(" + x[i] + ")");
        }
    }

    private static int bits(float v) {
        return Float.isNaN(v) ? 0x7fc00000 : Float.floatToRawIntBits(v);
    }
}
