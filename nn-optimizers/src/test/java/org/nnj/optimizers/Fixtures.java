package org.nnj.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/** Parameters, gradients and comparisons shared by the optimizer tests. */
public final class Fixtures {
    /** Starting values, none near zero, so that relative errors mean something. */
    public static final float[] W0 = {0.5f, -1.25f, 2.0f, 0.75f, -0.3f, 1.5f, 3.0f, -2.2f};
    /**
     * Gradient magnitudes, from zero and far below Adam's eps to large. The gradients point away from
     * zero ({@code -sign(w) * magnitude}), so the values grow and never pass through zero.
     */
    public static final float[] MAGNITUDES = {0.1f, 2.0f, 1e-3f, 5.0f, 0.02f, 0.0f, 1e-9f, 12.0f};
    /** Values before and after a parameter laid out inside a larger array; they must never change. */
    public static final float SENTINEL = 7.25f;
    public static final int OFFSET = 3;

    private Fixtures() {
    }

    /** The gradient of element {@code i} at step {@code t} (from 1): its magnitude grows by a quarter each step. */
    public static float gradient(int t, int i) {
        return (float) (-Math.signum(W0[i]) * MAGNITUDES[i] * (1 + 0.25 * (t - 1)));
    }

    /** A parameter holding {@code W0}, stored from {@link #OFFSET} inside a larger array of sentinels. */
    public static Parameter offsetParameter(String name) {
        return offsetParameter(name, W0);
    }

    /** A parameter holding {@code values}, stored from {@link #OFFSET} inside a larger array of sentinels. */
    public static Parameter offsetParameter(String name, float[] values) {
        float[] storage = new float[OFFSET + values.length + 2];
        Arrays.fill(storage, SENTINEL);
        System.arraycopy(values, 0, storage, OFFSET, values.length);
        return new Parameter(name, Tensor.wrap(storage, OFFSET, Shape.of(values.length)));
    }

    /** Sets the parameter's gradient to that of step {@code t}. */
    public static void setGradient(Parameter p, int t) {
        for (int i = 0; i < p.size(); i++) {
            p.gradient().setFlat(i, gradient(t, i));
        }
    }

    /** Checks that the sentinels around an {@link #offsetParameter} are untouched. */
    public static void assertSentinels(Parameter p) {
        float[] storage = p.value().data();
        for (int i = 0; i < storage.length; i++) {
            if (i < OFFSET || i >= OFFSET + p.size()) {
                assertEquals(SENTINEL, storage[i], "storage[" + i + "] outside the parameter changed");
            }
        }
    }

    /** {@code |actual - expected| <= tolerance * |expected|} for every element. */
    public static void assertRelative(double[] expected, Tensor actual, double tolerance, String what) {
        assertEquals(expected.length, actual.size(), what);
        for (int i = 0; i < expected.length; i++) {
            double a = actual.getFlat(i);
            double error = Math.abs(a - expected[i]);
            assertTrue(error <= tolerance * Math.abs(expected[i]), what + "[" + i + "]: expected " + expected[i]
                    + ", got " + a + ", relative error " + error / Math.abs(expected[i]));
        }
    }

    /** The raw bits of a tensor's elements, for bit-for-bit comparisons. */
    public static int[] bits(Tensor t) {
        int[] out = new int[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.floatToRawIntBits(t.getFlat(i));
        }
        return out;
    }
}
