package org.nnj.simd.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code exp} and {@code log1p} of every lane of a double vector, the same bits in every JIT tier, for the kernels
 * that compute in double lanes (GELU, softplus). Why: see {@link FloatLaneMath}; the same holds for
 * {@code lanewise(VectorOperators.EXP)} and {@code LOG1P} on doubles.
 *
 * <p>{@code exp} is {@link FloatLaneMath#exp}'s method in double: {@code ln2} split in two, the Taylor polynomial
 * of {@code exp(r) - 1 - r} to {@code r^13 / 13!} (truncation below 5e-18 relative), {@code 2^n} in two factors
 * built in the exponent bits. {@code log1p} is fdlibm's (as in musl): {@code 1 + x = 2^k m} with {@code m} in
 * {@code [sqrt(2)/2, sqrt(2))}, a correction term for the rounding of {@code 1 + x}, and the polynomial in
 * {@code s = f / (2 + f)}, its branches turned into blends. Measured against {@link StrictMath}
 * ({@code DoubleLaneMathTest}): at most 1 ulp. Special values as {@link Math}: NaN gives NaN,
 * {@code exp(-inf) = 0}, {@code exp(+inf) = +inf}, {@code log1p(-1) = -inf}, {@code log1p(x < -1) = NaN},
 * {@code log1p(+inf) = +inf}, {@code log1p(-0) = -0}. Written out without helper methods, as {@link FloatLaneMath}
 * explains; {@code log1p} is longer than C2 inlines, and is called with its vectors boxed.
 */
public final class DoubleLaneMath {
    private static final double SHIFTER = 0x1.8p52;
    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    private static final double LOG2E = 1.4426950408889634;
    /** {@code ln 2} rounded to double, and what it misses. */
    private static final double LN2_HI = 0x1.62e42fefa39efp-1;
    private static final double LN2_LO = 0x1.abc9e3b39803fp-56;
    /** exp underflows to 0 below about -745.13 and overflows above 709.78; inputs are clamped into this range. */
    private static final double EXP_MIN = -746;
    private static final double EXP_MAX = 710;
    /** {@code 1/13!, ..., 1/3!, 1/2!}: {@code P(r) = (exp(r) - 1 - r) / r^2} to {@code r^13 / 13!}, highest first. */
    private static final double[] P = {
        1 / 6227020800.0, 1 / 479001600.0, 1 / 39916800.0, 1 / 3628800.0, 1 / 362880.0, 1 / 40320.0, 1 / 5040.0,
        1 / 720.0, 1 / 120.0, 1 / 24.0, 1 / 6.0, 0.5,
    };
    /** fdlibm's {@code ln2} split for {@code log1p}: {@code LOG_LN2_HI} has 32 bits, {@code k LOG_LN2_HI} is exact. */
    private static final double LOG_LN2_HI = 6.93147180369123816490e-01;
    private static final double LOG_LN2_LO = 1.90821492927058770002e-10;
    private static final double LG1 = 6.666666666666735130e-01;
    private static final double LG2 = 3.999999999940941908e-01;
    private static final double LG3 = 2.857142874366239149e-01;
    private static final double LG4 = 2.222219843214978396e-01;
    private static final double LG5 = 1.818357216161805012e-01;
    private static final double LG6 = 1.531383769920937332e-01;
    private static final double LG7 = 1.479819860511658591e-01;
    /** Added to the bits of {@code u = 1 + x}: moves {@code u} in {@code [sqrt(2)/2, sqrt(2))} to exponent 0. */
    private static final long TO_SQRT2_RANGE = 0x3ff0000000000000L - 0x3fe6a09e00000000L;
    private static final long MANTISSA = 0x000fffffffffffffL;
    /** Below {@code 2^-53} in magnitude, {@code log1p(x)} rounds to {@code x}. */
    private static final double LOG1P_TINY = 0x1p-53;

    private DoubleLaneMath() {
    }

    /** {@code e^x} lane by lane. */
    public static DoubleVector exp(DoubleVector x) {
        DoubleVector c = x.max(EXP_MIN).min(EXP_MAX); // NaN stays NaN
        DoubleVector t = c.fma(LOG2E, SHIFTER);
        LongVector n = t.reinterpretAsLongs().sub(SHIFTER_BITS);
        DoubleVector nf = t.sub(SHIFTER);
        // The first fma is exact: the difference is below 0.5 and a multiple of 2^-54 (c's last bit when n != 0).
        DoubleVector r = nf.fma(c.broadcast(-LN2_LO), nf.fma(c.broadcast(-LN2_HI), c));
        // P(r) by Horner's rule
        DoubleVector p = r.broadcast(P[0]);
        for (int i = 1; i < P.length; i++) {
            p = p.fma(r, r.broadcast(P[i]));
        }
        DoubleVector u = r.mul(r).fma(p, r).add(1.0); // exp(r), in [0.7, 1.42]
        // n >> 1, with a logical shift of n + 2048 >= 0: AVX2 has no arithmetic shift of 64-bit lanes.
        LongVector n1 = n.add(2048).lanewise(VectorOperators.LSHR, 1).sub(1024);
        LongVector n2 = n.sub(n1);
        // times 2^n1 and 2^n2, built in the exponent bits (n1, n2 in [-539, 513]: normal doubles)
        return u.mul(n1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                .mul(n2.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());
    }

    /** {@code ln(1 + x)} lane by lane, accurate near 0. */
    public static DoubleVector log1p(DoubleVector x) {
        DoubleVector one = x.broadcast(1.0);
        DoubleVector u = x.add(1.0);
        LongVector hu = u.reinterpretAsLongs().add(TO_SQRT2_RANGE);
        LongVector k = hu.lanewise(VectorOperators.LSHR, 52).sub(0x3ff); // u > 0: the sign bit is 0
        DoubleVector dk = k.add(SHIFTER_BITS).reinterpretAsDoubles().sub(SHIFTER); // exactly k, by the shifter
        // c ~ log(1 + x) - log(u): the rounding error of 1 + x, divided by u; 0 where it is below u's last bit.
        DoubleVector c = one.sub(u.sub(x)).blend(x.sub(u.sub(1.0)), dk.compare(VectorOperators.LT, 2.0)).div(u);
        c = c.blend(0.0, dk.compare(VectorOperators.GE, 54.0));
        DoubleVector f = hu.and(MANTISSA).add(0x3fe6a09e00000000L).reinterpretAsDoubles().sub(1.0);
        // Where 1 + x is already in [sqrt(2)/2, sqrt(2)), x itself is f, exactly.
        VectorMask<Double> k0 = dk.compare(VectorOperators.EQ, 0.0);
        f = f.blend(x, k0);
        c = c.blend(0.0, k0);

        DoubleVector hfsq = f.mul(f).mul(0.5);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector w = z.mul(z);
        DoubleVector t1 = w.mul(w.mul(w.mul(LG6).add(LG4)).add(LG2));
        DoubleVector t2 = z.mul(w.mul(w.mul(w.mul(LG7).add(LG5)).add(LG3)).add(LG1));
        DoubleVector y = s.mul(hfsq.add(t2.add(t1))).add(dk.mul(LOG_LN2_LO).add(c)).sub(hfsq).add(f)
                .add(dk.mul(LOG_LN2_HI));

        VectorMask<Double> keep = x.abs().compare(VectorOperators.LT, LOG1P_TINY) // +-0 and tiny: x
                .or(x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
                .or(x.compare(VectorOperators.NE, x)); // NaN
        return y.blend(x, keep)
                .blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, -1.0))
                .blend(Double.NaN, x.compare(VectorOperators.LT, -1.0));
    }
}
