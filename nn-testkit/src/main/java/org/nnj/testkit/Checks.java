package org.nnj.testkit;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Array comparisons that throw {@link AssertionError} with the first mismatches and the tolerance. */
final class Checks {
    /** What array elements outside the range a kernel may write hold; they must survive. */
    static final float PADDING = -333.5f;

    private static final float[] SPECIALS = {0f, -0f, 100f, -100f, 1e-7f, -1e-7f, 20f, -20f, 88f, -88f, 1f, -1f};

    private Checks() {
    }

    /**
     * {@code n} values at {@code off} in an array padded before and after with {@link #PADDING}: uniform in
     * {@code [-range, range)}, with every fifth one a special value (zeros, +-100, tiny, +-88) when
     * {@code specials}.
     */
    static float[] data(long seed, int off, int n, double range, boolean specials) {
        float[] x = new float[off + n + 3];
        Arrays.fill(x, PADDING);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            x[off + i] = specials && i % 5 == 0 ? SPECIALS[(i / 5) % SPECIALS.length]
                    : (float) random.nextDouble(-range, range);
        }
        return x;
    }

    /**
     * Elements {@code [off, off + n)} of {@code actual} are within {@code abs + rel * |expected|} of
     * {@code expected}; a NaN where the reference has a number is a mismatch, and an infinity must be
     * matched exactly.
     */
    static void assertClose(String what, float[] expected, float[] actual, int off, int n, double abs, double rel) {
        int bad = 0;
        StringBuilder first = new StringBuilder();
        for (int i = off; i < off + n; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a)
                    : Double.isInfinite(e) ? a == e // a masked log-probability: exactly the same infinity
                    : Math.abs(a - e) <= abs + rel * Math.abs(e);
            if (!ok) {
                if (bad < 3) {
                    first.append("\n  at [").append(i - off).append("]: expected ").append(expected[i])
                            .append(", got ").append(actual[i]);
                }
                bad++;
            }
        }
        if (bad > 0) {
            throw new AssertionError(what + ": " + bad + " of " + n + " elements differ from the reference by more"
                    + " than " + abs + " + " + rel + " * |expected|" + first);
        }
    }

    /** Every element of {@code after} outside {@code [off, off + n)} is bit for bit what it was. */
    static void assertOutsideUnchanged(String what, float[] before, float[] after, int off, int n) {
        for (int i = 0; i < after.length; i++) {
            if ((i < off || i >= off + n) && Float.floatToRawIntBits(before[i]) != Float.floatToRawIntBits(after[i])) {
                throw new AssertionError(what + ": wrote index " + i + " of its array, outside the "
                        + n + " elements from offset " + off + " (was " + before[i] + ", now " + after[i] + ")");
            }
        }
    }

    /** {@code after} is bit for bit {@code before}: an input the kernel must only read. */
    static void assertUnchanged(String what, float[] before, float[] after) {
        assertOutsideUnchanged(what, before, after, 0, 0);
    }
}
