package org.nnj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;

/**
 * How closely ONNX Runtime's outputs match NNJ's: each element within {@code RELATIVE * |nnj| + ABSOLUTE}.
 * The relative bound is the 1e-5; the absolute floor covers outputs near zero, which are sums of
 * terms much larger than themselves, where two correct float32 orders of summation differ by a few ulps of
 * the terms, not of the result.
 */
record Agreement(double worstRelative, double worstAbsolute, double worstRatio) {
    static final double RELATIVE = 1e-5;
    static final double ABSOLUTE = 1e-6;

    /** Compares and fails on the first element outside the bound, naming it. */
    static Agreement check(String what, float[] nnj, float[] ort) {
        assertEquals(nnj.length, ort.length, what + ": output sizes");
        double relative = 0;
        double absolute = 0;
        double ratio = 0;
        for (int i = 0; i < nnj.length; i++) {
            double diff = Math.abs((double) nnj[i] - ort[i]);
            double bound = RELATIVE * Math.abs(nnj[i]) + ABSOLUTE;
            if (!(diff <= bound)) {
                throw new AssertionError(String.format(Locale.ROOT, "%s: element %d: NNJ %s, ONNX Runtime %s, difference"
                        + " %.3g above %.3g", what, i, nnj[i], ort[i], diff, bound));
            }
            absolute = Math.max(absolute, diff);
            if (Math.abs(nnj[i]) >= 0.1) { // relative differences of values near 0 say little
                relative = Math.max(relative, diff / Math.abs(nnj[i]));
            }
            ratio = Math.max(ratio, diff / bound);
        }
        return new Agreement(relative, absolute, ratio);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "worst absolute difference %.3g, worst relative %.3g (of outputs of"
                + " magnitude 0.1 or more), worst share of the bound %.3f", worstAbsolute, worstRelative, worstRatio);
    }
}
