package org.nnj.simd.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;
import org.nnj.simd.species.Species;

/**
 * {@link DoubleLaneMath} against {@link StrictMath}: within 1 ulp over a dense sweep of each function's useful
 * range, random bit patterns and the special values, which must be exactly {@link Math}'s.
 */
class DoubleLaneMathTest {
    private static final VectorSpecies<Double> D =
            VectorSpecies.of(double.class, VectorShape.forBitSize(Species.FLOAT.vectorBitSize()));
    private static final double[] SPECIALS = {
        0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
        -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0, 0x1p-53, -0x1p-53,
        0x1p-54, 709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, -708.3964185322641,
        -0.9999999999999999, Math.sqrt(2) - 1, Math.sqrt(0.5) - 1, 0x1p53, 0x1p54,
    };

    private static void assertWithin(long ulps, UnaryOperator<DoubleVector> f, DoubleUnaryOperator reference,
                                     double from, double to, long seed) {
        double[] x = Ulps.doubles(from, to, 1 << 19, 1 << 17, seed, SPECIALS);
        Ulps.Worst worst = Ulps.worst(x, Ulps.apply(D, f, x), reference);
        assertTrue(worst.ulps <= ulps, worst.toString());
    }

    @Test
    void expIsWithinOneUlp() {
        assertWithin(1, DoubleLaneMath::exp, StrictMath::exp, -746, 710, 1);
        assertWithin(1, DoubleLaneMath::exp, StrictMath::exp, -1, 1, 2);
    }

    @Test
    void log1pIsWithinOneUlp() {
        assertWithin(1, DoubleLaneMath::log1p, StrictMath::log1p, -1, 2, 3);
        assertWithin(1, DoubleLaneMath::log1p, StrictMath::log1p, 0, 1e6, 4);
        assertWithin(1, DoubleLaneMath::log1p, StrictMath::log1p, -1e-6, 1e-6, 5);
    }

    /** Bit for bit what {@link Math} gives, signs of zero included. */
    @Test
    void specialValuesAreMathsExactly() {
        double[] x = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0, -0.0, 800, -800, -1,
            -1.5, -1e-300};
        double[] exp = Ulps.apply(D, DoubleLaneMath::exp, x);
        double[] log1p = Ulps.apply(D, DoubleLaneMath::log1p, x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(bits(Math.exp(x[i])), bits(exp[i]), "exp(" + x[i] + ")");
            assertEquals(bits(Math.log1p(x[i])), bits(log1p[i]), "log1p(" + x[i] + ")");
        }
    }

    private static long bits(double v) {
        return Double.isNaN(v) ? 0x7ff8000000000000L : Double.doubleToRawLongBits(v);
    }
}
