package org.nnj.simd.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code exp}, {@code expm1} and {@code tanh} of every lane of a float vector, the same bits in every JIT tier.
 *
 * <h2>Why</h2>
 * {@code lanewise(VectorOperators.EXP)} (and {@code EXPM1}, {@code TANH}) is computed by Intel's SVML once C2 has
 * compiled the kernel, and by {@link Math} lane by lane before that (interpreter, C1); about 1 % of the results
 * differ in the last bit. When C2 takes over depends on the JIT's threads, so two training runs with the same seed
 * could end with different weights. These functions use only lane operations that IEEE 754 specifies exactly
 * (add, sub, mul, div, fma, min/max, compares, blends, integer adds/shifts/ands on the bits), so every tier
 * computes the same bits, as {@link org.nnj.simd.species.Lanes} does for lane sums.
 *
 * <h2>How</h2>
 * {@code exp}: {@code x = n ln2 + r} with {@code n = rint(x / ln2)} (the 1.5 * 2^23 shifter trick, which also leaves
 * {@code n} in the low bits) and {@code |r| <= ln2 / 2} (Cody and Waite: {@code ln2} split in a float and a
 * remainder; the first fma is exact), {@code exp(r) = 1 + r + r^2 P(r)} with {@code P} the Taylor polynomial to
 * {@code r^7 / 7!} (truncation below 5.3e-9 relative), then times {@code 2^n} built in the exponent bits, in two
 * factors so that {@code n} down to -151 and up to 129 is exact until the one final rounding (overflow to infinity
 * and gradual underflow to subnormals and zero come out of that rounding). {@code expm1} uses the same reduction,
 * except that {@code n = 0} up to {@code x = ln2}, and {@code 2^n (r + r^2 P(r)) + (2^n - 1)} with {@code P} to
 * {@code r^10 / 10!}: no cancellation near 0, nor for {@code n = 1} and {@code r < 0}. {@code tanh}: an odd
 * polynomial below {@code |x| = 1}, {@code 1 - 2 / (exp(2|x|) + 1)} above, the sign restored from {@code x}.
 *
 * <p>Measured against {@link StrictMath} in double, rounded to float ({@code FloatLaneMathTest}): at most 1 ulp.
 * Special values as {@link Math}: NaN gives NaN, {@code exp(-inf) = 0}, {@code exp(+inf) = +inf},
 * {@code expm1(-inf) = -1}, {@code tanh(+-inf) = +-1}, signed zeros kept by {@code expm1} and {@code tanh}.
 * The species is the argument's; constants are broadcast in it, which the JIT hoists out of the kernels' loops.
 *
 * <h2>One method each, without calls, of at most 325 bytes</h2>
 * The polynomials (as loops) and scalings are written in place, not in helper methods: C2 stops inlining the
 * calls of a compilation once it has created 18,000 nodes ({@code NodeCountInliningCutoff}), which the Vector
 * API's own force-inlined methods are exempt from but a helper of ours is not, and the Vector API creates many
 * nodes. A call left as a call takes and returns its vectors boxed on the heap: with helpers, the GELU kernel ran
 * 2.5 times slower.
 * And C2 never inlines a method of more than 325 bytes of bytecode ({@code FreqInlineSize}): so the polynomials are
 * loops over their coefficients, not written out term by term.
 */
public final class FloatLaneMath {
    /** 1.5 * 2^23: added to a float below 2^22 in magnitude, rounds it to an integer held in the low mantissa bits. */
    private static final float SHIFTER = 0x1.8p23f;
    private static final int SHIFTER_BITS = Float.floatToRawIntBits(SHIFTER);
    private static final float LOG2E = 1.44269504088896341f;
    /** {@code ln 2} rounded to float, and what it misses: {@code ln 2 = LN2_HI + LN2_LO} to 1e-17. */
    private static final float LN2_HI = 0x1.62e430p-1f;
    private static final float LN2_LO = (float) (0.6931471805599453094 - LN2_HI);
    /** {@code 1/7!, ..., 1/2!}: {@code P(r) = (exp(r) - 1 - r) / r^2} to {@code r^7 / 7!}, highest degree first. */
    private static final float[] P = {
        1f / 5040, 1f / 720, 1f / 120, 1f / 24, 1f / 6, 0.5f,
    };
    /** {@code 1/10!, ..., 1/2!}: {@link #P} to the degree that keeps its truncation below 1e-9 for |r| < ln2. */
    private static final float[] P_EXPM1 = {
        1f / 3628800, 1f / 362880, 1f / 40320, 1f / 5040, 1f / 720, 1f / 120, 1f / 24, 1f / 6, 0.5f,
    };
    /**
     * {@code tanh(a) = a + a^3 Q(a^2)} for {@code a < TANH_SMALL}, highest degree first: a fit to 2.3e-9 relative
     * (the script {@code tanh_fit.py} in this package's test resources computes it).
     */
    private static final float[] Q = {
        0.00015297302161343396f, -0.0009623458608984947f, 0.0032662670128047466f, -0.0087443757802248f,
        0.021849140524864197f, -0.0539676770567894f, 0.13333351910114288f, -0.3333333432674408f,
    };
    private static final float TANH_SMALL = 1f;
    /** exp underflows to 0 below about -103.97 and overflows above 88.73; inputs are clamped into this range. */
    private static final float EXP_MIN = -104f;
    private static final float EXP_MAX = 89f;
    /** Above this, {@code n >= 25} in expm1's reduction, and {@code 2^n - 1} is no longer a float. */
    private static final float EXPM1_INEXACT = 16.9f;
    /** expm1 is -1 (rounded) below about -17.33. */
    private static final float EXPM1_MIN = -18f;

    private FloatLaneMath() {
    }

    /** {@code e^x} lane by lane. */
    public static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(EXP_MIN).min(EXP_MAX); // NaN stays NaN
        FloatVector t = c.fma(LOG2E, SHIFTER);
        IntVector n = t.reinterpretAsInts().sub(SHIFTER_BITS);
        FloatVector nf = t.sub(SHIFTER);
        // The first fma is exact: the difference is below 0.5 and a multiple of 2^-25 (c's last bit when n != 0).
        FloatVector r = nf.fma(c.broadcast(-LN2_LO), nf.fma(c.broadcast(-LN2_HI), c));
        // P(r) by Horner's rule; then 1 + r (1 + r P(r)), the last fma
        // adding the 1 without another rounding.
        FloatVector p = r.broadcast(P[0]);
        for (int i = 1; i < P.length; i++) {
            p = p.fma(r, r.broadcast(P[i]));
        }
        FloatVector one = r.broadcast(1f);
        FloatVector u = r.fma(r.fma(p, one), one); // exp(r), in [0.7, 1.42]
        IntVector n1 = n.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = n.sub(n1);
        // times 2^n1 and 2^n2, built in the exponent bits (n1, n2 in [-76, 65]: normal floats)
        return u.mul(n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                .mul(n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
    }

    /** {@code e^x - 1} lane by lane, accurate near 0. */
    public static FloatVector expm1(FloatVector x) {
        FloatVector c = x.max(EXPM1_MIN).min(EXP_MAX);
        // n = 0 up to x = ln2 (not ln2 / 2): with n = 1, 2 expm1(r) + 1 would cancel for r near -ln2 / 2.
        VectorMask<Float> belowLn2 = c.compare(VectorOperators.GE, 0f).and(c.compare(VectorOperators.LT, LN2_HI));
        FloatVector t = c.fma(LOG2E, SHIFTER).blend(SHIFTER, belowLn2);
        IntVector n = t.reinterpretAsInts().sub(SHIFTER_BITS);
        FloatVector nf = t.sub(SHIFTER);
        FloatVector r = nf.fma(c.broadcast(-LN2_LO), nf.fma(c.broadcast(-LN2_HI), c)); // as in exp
        // expm1(r) = r + r^2 P(r), P to r^10 / 10!
        FloatVector p = r.broadcast(P_EXPM1[0]);
        for (int i = 1; i < P_EXPM1.length; i++) {
            p = p.fma(r, r.broadcast(P_EXPM1[i]));
        }
        FloatVector q = r.mul(r).fma(p, r);
        // 2^n exp(r) - 1 = 2^n q + (2^n - 1), 2^n a normal float for the n >= -26 the clamp allows; n = 128 or 129
        // (x > 88.38) scales by 2^127 first and the rest after.
        IntVector low = n.min(127);
        FloatVector s = low.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector sm1 = s.sub(1f);
        if (c.compare(VectorOperators.GT, EXPM1_INEXACT).anyTrue()) {
            // 2^n - 1 is rounded for n >= 25, to 2^n: the -1 it lost goes into q as -2^-n (an exact 0 elsewhere).
            FloatVector inverse = low.neg().add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            q = s.sub(sm1).sub(1f).fma(inverse, q);
        }
        FloatVector rest = n.sub(low).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector y = s.fma(q, sm1).mul(rest);
        return y.blend(x, x.compare(VectorOperators.EQ, 0f)); // -0 stays -0
    }

    /** {@code tanh(x)} lane by lane. */
    public static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        VectorMask<Float> small = a.compare(VectorOperators.LT, TANH_SMALL); // not NaN
        FloatVector y = a;
        if (!small.allTrue()) {
            // 1 - 2 / (e^2a + 1): e^2a >= 7.3, so the quotient is below 0.24 and the result above 0.76; +inf gives 1.
            FloatVector e = exp(a.add(a));
            y = a.broadcast(1f).sub(a.broadcast(2f).div(e.add(1f)));
        }
        if (small.anyTrue()) {
            FloatVector z = a.mul(a);
            FloatVector q = z.broadcast(Q[0]);
            for (int i = 1; i < Q.length; i++) {
                q = q.fma(z, z.broadcast(Q[i]));
            }
            y = a.fma(z.mul(q), a).blend(y, small.not());
        }
        // |tanh| with x's sign bit: tanh(-0) = -0, and NaN stays NaN.
        IntVector sign = x.reinterpretAsInts().and(0x80000000);
        return y.reinterpretAsInts().or(sign).reinterpretAsFloats();
    }
}
