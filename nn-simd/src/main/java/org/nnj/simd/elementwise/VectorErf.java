package org.nnj.simd.elementwise;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.math.DoubleLaneMath;

/**
 * {@code erfc} in double lanes, for GELU: the Vector API has no error function. The method is
 * {@link org.nnj.api.math.Erf}'s (the same four ranges of {@code |x|}, each a polynomial times the exactly
 * factored {@code exp(-x^2)}), with lower degrees where the results are only rounded to float: the
 * coefficients are Chebyshev fits (mpmath, 50 digits; nn-api's {@code erf_fit.py 13 13 11 9} in its test
 * resources prints them) whose relative error is below {@code 1e-11} for
 * {@code |x| >= 1}, about 5000 times finer than a float's rounding. Below 1 the fit (degree 12 in {@code x^2})
 * is as good as double precision allows, because GELU's derivative {@code Phi(x) + x * phi(x)} cancels there:
 * at its zero near {@code x = -0.7518} the two terms are 7 million times the sum, and a 1e-11 error in
 * {@code erfc} made the float result wrong by 5.5e-6 relative. Each lane takes its range's polynomial by a
 * blend; a range is evaluated only when some lane needs it, so a vector of typical activations (|x| below 4)
 * costs one to three polynomials and one {@code exp}. NaN lanes stay NaN. The Horner loops are written out in
 * place, not in a helper method, for the reason {@link SmoothActivations} gives for its loads and stores.
 */
final class VectorErf {
    /** The double species of {@link SmoothActivations}; a constant, which the JIT needs to intrinsify. */
    private static final VectorSpecies<Double> D = SmoothActivations.D;
    /** {@code erf(sqrt(u)) / sqrt(u)} on {@code u} in {@code [0, 1]}, highest degree first. */
    private static final double[] ERF_SMALL = {
        5.957176147748911e-11, -1.1372848856791674e-09, 1.4659775274047436e-08,
        -1.6350312701054695e-07, 1.6461000484121368e-06, -1.4925595266831182e-05,
        0.0001205533111164271, -0.000854832698083379, 0.0052239776248180145,
        -0.026866170645076792, 0.11283791670954879, -0.3761263890318375,
        1.1283791670955126,
    };
    /** {@code erfc(a) * exp(a^2)} on {@code a} in {@code [1, 2.5]}, in powers of {@code a - 1.75}. */
    private static final double[] ERFCX_1 = {
        9.480507019413028e-07, -3.379407724271431e-06, 9.999549594172181e-06,
        -3.3429667888141895e-05, 0.00010953503953030744, -0.0003436446144185594,
        0.0010391996106821177, -0.003020956277597677, 0.008404319553850384,
        -0.022259996537844388, 0.05576363008011653, -0.13097634548840373,
        0.2849722347374364,
    };
    /** {@code erfc(a) * exp(a^2)} on {@code a} in {@code [2.5, 4]}, in powers of {@code a - 3.25}. */
    private static final double[] ERFCX_2 = {
        1.6785495844807338e-07, -7.507290118909054e-07, 3.0320017649898838e-06,
        -1.2972954101105971e-05, 5.442210053799324e-05, -0.00022239041941480954,
        0.0008860044070627598, -0.00343547050980859, 0.012937290887818627,
        -0.047199402343448625, 0.16633534842682188,
    };
    /** {@code erfc(a) * exp(a^2) * a} on {@code u = 1 / a^2} in {@code [0, 1/16]}. */
    private static final double[] ERFCX_LARGE = {
        711.7692260228013, -315.4592404284926, 77.53259804007422,
        -16.20425234488771, 3.693346491021463, -1.0577495633786398,
        0.4231415616818456, -0.28209479032909973, 0.5641895835472006,
    };

    private VectorErf() {
    }

    /**
     * {@code erfc(z)} lane by lane. {@code exp(-z^2)} is taken of the rounded square: its relative error, at most
     * {@code z^2 * 1.1e-16} (8e-14 where erfc underflows), is far below a float's.
     */
    static DoubleVector erfc(DoubleVector z) {
        DoubleVector a = z.abs();
        DoubleVector a2 = a.mul(a);
        VectorMask<Double> below1 = a.compare(VectorOperators.LT, 1.0);
        VectorMask<Double> below25 = a.compare(VectorOperators.LT, 2.5);
        VectorMask<Double> below4 = a.compare(VectorOperators.LT, 4.0);
        DoubleVector r = DoubleVector.zero(D);
        if (!below1.allTrue()) {
            r = aboveOne(a, a2, below1, below25, below4);
        }
        if (below1.anyTrue()) {
            DoubleVector one = DoubleVector.broadcast(D, 1.0);
            DoubleVector p = DoubleVector.broadcast(D, ERF_SMALL[0]);
            for (int i = 1; i < ERF_SMALL.length; i++) {
                p = p.fma(a2, DoubleVector.broadcast(D, ERF_SMALL[i]));
            }
            r = r.blend(one.sub(a.mul(p)), below1);
        }
        // erfc(-a) = 2 - erfc(a)
        return r.blend(DoubleVector.broadcast(D, 2.0).sub(r), z.compare(VectorOperators.LT, 0.0));
    }

    /**
     * {@code erfc(a)} for the lanes of {@code a >= 1} (and NaN), 0 elsewhere: a method of its own, so that
     * {@link #erfc} stays below the 325 bytes C2 inlines, called before the exponential inside is parsed.
     */
    private static DoubleVector aboveOne(DoubleVector a, DoubleVector a2, VectorMask<Double> below1,
                                         VectorMask<Double> below25, VectorMask<Double> below4) {
        DoubleVector r = DoubleVector.zero(D);
        DoubleVector e = DoubleLaneMath.exp(a2.neg());
        VectorMask<Double> large = below4.not(); // NaN lanes too: they stay NaN
        if (large.anyTrue()) {
            DoubleVector u = a.broadcast(1.0).div(a2);
            DoubleVector p = a.broadcast(ERFCX_LARGE[0]);
            for (int i = 1; i < ERFCX_LARGE.length; i++) {
                p = p.fma(u, a.broadcast(ERFCX_LARGE[i]));
            }
            r = e.div(a).mul(p);
        }
        VectorMask<Double> middle = below4.andNot(below25);
        if (middle.anyTrue()) {
            DoubleVector u = a.sub(3.25);
            DoubleVector p = a.broadcast(ERFCX_2[0]);
            for (int i = 1; i < ERFCX_2.length; i++) {
                p = p.fma(u, a.broadcast(ERFCX_2[i]));
            }
            r = r.blend(e.mul(p), middle);
        }
        VectorMask<Double> near = below25.andNot(below1);
        if (near.anyTrue()) {
            DoubleVector u = a.sub(1.75);
            DoubleVector p = a.broadcast(ERFCX_1[0]);
            for (int i = 1; i < ERFCX_1.length; i++) {
                p = p.fma(u, a.broadcast(ERFCX_1[i]));
            }
            r = r.blend(e.mul(p), near);
        }
        return r;
    }
}
