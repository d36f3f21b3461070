package org.nnj.api.math;

/**
 * The error function {@code erf} and its complement {@code erfc = 1 - erf} in double precision, which
 * {@code java.lang.Math} lacks and the exact GELU needs. Both keep their relative accuracy over the whole
 * range: {@code erfc(x)} for large {@code x} is computed directly, not as {@code 1 - erf(x)}, so GELU's negative
 * tail {@code 0.5 * x * erfc(-x / sqrt(2))} keeps its digits down to the smallest doubles.
 *
 * <h2>Method</h2>
 * In the manner of W. J. Cody's and fdlibm's implementations, the range is cut into pieces, each with its own
 * approximation, and the rapidly varying factor {@code exp(-x^2)} is taken out exactly (here with polynomials
 * rather than rational functions; the coefficients are Chebyshev fits computed for this class in 50-digit
 * arithmetic, with mpmath's {@code chebyfit}, by {@code erf_fit.py} in this module's test resources), for
 * {@code a = |x|}:
 * <ul>
 *   <li>{@code a < 1}: {@code erf(x) = x * P0(x^2)}, degree 11 in {@code x^2}; {@code erfc = 1 - erf} (at least
 *       0.157 here, so nothing cancels);</li>
 *   <li>{@code 1 <= a < 2.5}: {@code erfc(a) = exp(-a^2) * P1(a - 1.75)}, degree 17;</li>
 *   <li>{@code 2.5 <= a < 4}: {@code erfc(a) = exp(-a^2) * P2(a - 3.25)}, degree 15;</li>
 *   <li>{@code a >= 4}: {@code erfc(a) = exp(-a^2) / a * P3(1 / a^2)}, degree 13 (the asymptotic expansion's
 *       smooth part; {@code erfc} underflows to 0 from {@code a = 27.3});</li>
 *   <li>negative arguments: {@code erf(-x) = -erf(x)}, {@code erfc(-x) = 2 - erfc(x)}.</li>
 * </ul>
 * The fits' own errors are below {@code 1e-16} relative to the function fitted; {@code exp(-a^2)} is
 * evaluated as {@code exp(-h^2) * exp(-(a - h) * (a + h))} with {@code h} the upper half of {@code a}'s bits, so
 * that the rounding of {@code a^2} (up to {@code 8e-14} relative at {@code a = 27}) does not reach the result.
 * The unit tests compare with {@code torch.erf}/{@code torch.erfc} in float64 from {@code -30} to {@code 30}:
 * both agree within {@code 1e-15} relative (see {@code ErfTest}). NaN gives NaN, {@code erf(+-inf) = +-1},
 * {@code erfc(+inf) = 0}, {@code erfc(-inf) = 2}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Erf {
    /** {@code erf(sqrt(u)) / sqrt(u)} on {@code u} in {@code [0, 1]}; highest degree first. */
    private static final double[] ERF_SMALL = {
        -7.795898827002142e-10, 1.3720064546777686e-08, -1.6208483801871705e-07,
        1.6447424703317362e-06, -1.492473690741966e-05, 0.00012055294904839707,
        -0.0008548325975389692, 0.0052239776071164225, -0.02686617064323777,
        0.11283791670945006, -0.37612638903183543, 1.1283791670955126,
    };
    /** {@code erfc(a) * exp(a^2)} on {@code a} in {@code [1, 2.5]}, in powers of {@code a - 1.75}. */
    private static final double[] ERFCX_1 = {
        -1.2122502617537188e-09, 4.843675986860995e-09, -1.589789230506663e-08,
        6.045191233829322e-08, -2.278695540562056e-07, 8.275753489404636e-07,
        -2.9279023630255475e-06, 1.0086535231948864e-05, -3.375536224123748e-05,
        0.00010950531744961819, -0.00034353335270409817, 0.0010392045192651948,
        -0.0030209746514672014, 0.008404319207503399, -0.02225999524138744,
        0.055763630087083585, -0.13097634551448523, 0.2849722347374364,
    };
    /** {@code erfc(a) * exp(a^2)} on {@code a} in {@code [2.5, 4]}, in powers of {@code a - 3.25}. */
    private static final double[] ERFCX_2 = {
        -7.384697115742467e-11, 3.605109491407344e-10, -1.5661289730211835e-09,
        7.3764326362154734e-09, -3.429274651638e-08, 1.5589558736215798e-07,
        -6.952073077661102e-07, 3.038828163712848e-06, -1.300464037449519e-05,
        5.4420409361290455e-05, -0.00022238256956078872, 0.0008860045774956012,
        -0.00343547130090778, 0.012937290883019195, -0.047199402321170376,
        0.16633534842682188,
    };
    /** {@code erfc(a) * exp(a^2) * a} on {@code u = 1 / a^2} in {@code [0, 1/16]}; 1/sqrt(pi) at 0. */
    private static final double[] ERFCX_LARGE = {
        -8931610.323176447, 4836621.347799336, -1275296.4942030776,
        226606.97413765293, -32390.41683248253, 4292.010458103612,
        -591.5863745407418, 91.56956342901483, -16.660453273034026,
        3.7024883376704443, -1.0578554426748246, 0.42314218759724365,
        -0.2820947917738176, 0.5641895835477563,
    };

    private Erf() {
    }

    /** The error function, {@code 2 / sqrt(pi) * integral from 0 to x of exp(-t^2) dt}. */
    public static double erf(double x) {
        double a = Math.abs(x);
        if (a < 1) {
            return x * horner(ERF_SMALL, x * x);
        }
        double r = 1 - erfcOfPositive(a); // NaN stays NaN
        return x < 0 ? -r : r;
    }

    /** The complementary error function {@code 1 - erf(x)}, accurate relative to itself for large {@code x}. */
    public static double erfc(double x) {
        double e = erfcOfPositive(Math.abs(x));
        return x < 0 ? 2 - e : e;
    }

    /** {@code erfc(a)} for {@code a >= 0} or NaN. */
    private static double erfcOfPositive(double a) {
        if (a < 1) {
            return 1 - a * horner(ERF_SMALL, a * a);
        } else if (a < 2.5) {
            return expMinusSquare(a) * horner(ERFCX_1, a - 1.75);
        } else if (a < 4) {
            return expMinusSquare(a) * horner(ERFCX_2, a - 3.25);
        } else if (a < 28) {
            return expMinusSquare(a) / a * horner(ERFCX_LARGE, 1 / (a * a));
        }
        return a == a ? 0 : a; // underflowed (erfc(27.3) is the last double above 0), or NaN
    }

    /**
     * {@code exp(-a^2)} for {@code 1 <= a < 28} without the rounding error of {@code a * a}: {@code h} keeps the
     * upper 26 bits of {@code a}'s significand, so {@code h * h} is exact and {@code a^2 = h^2 + (a - h)(a + h)}.
     */
    private static double expMinusSquare(double a) {
        double h = Double.longBitsToDouble(Double.doubleToRawLongBits(a) & 0xFFFFFFFFF8000000L);
        return Math.exp(-h * h) * Math.exp(-(a - h) * (a + h));
    }

    /** {@code p[0] * t^(n-1) + ... + p[n-1]}, by Horner's rule. */
    private static double horner(double[] p, double t) {
        double r = p[0];
        for (int i = 1; i < p.length; i++) {
            r = r * t + p[i];
        }
        return r;
    }
}
