package org.nnj.simd.elementwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Scans} against plain loops, on matrices whose lines are shorter than their stride (the floats
 * between lines must not count), long enough to be split over two threads, with lines whose length is not
 * a multiple of the vector length.
 */
class ScansTest {
    @Test
    void countsTheNonzeroValuesOfTheLinesOnly() {
        SplittableRandom random = new SplittableRandom(1);
        for (int[] shape : new int[][] {{1, 37, 37}, {3000, 197, 200}, {700, 1024, 1030}, {5, 16, 16}}) {
            int lines = shape[0];
            int length = shape[1];
            int stride = shape[2];
            float[] a = new float[3 + lines * stride];
            long expected = 0;
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextInt(4) == 0 ? (float) random.nextDouble() : random.nextBoolean() ? 0f : -0f;
                if (i == 7) {
                    a[i] = Float.NaN; // counts as nonzero, as NaN != 0
                }
            }
            for (int line = 0; line < lines; line++) {
                for (int j = 0; j < length; j++) {
                    expected += a[3 + line * stride + j] != 0f ? 1 : 0;
                }
            }
            for (int threads : new int[] {1, 2}) {
                assertEquals(expected, Scans.nonzeros(threads, a, 3, lines, length, stride),
                        lines + " x " + length + " on " + threads);
            }
        }
    }

    @Test
    void findsAnyInfinityOrNanInTheLinesAndIgnoresTheGaps() {
        int lines = 2000;
        int length = 250;
        int stride = 260;
        float[] a = new float[lines * stride];
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (random.nextDouble() * 1e30);
        }
        for (int line = 0; line < lines; line++) {
            a[line * stride + length + 3] = Float.NaN; // in the gap between lines
        }
        for (int threads : new int[] {1, 2}) {
            assertTrue(Scans.finite(threads, a, 0, lines, length, stride));
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                for (int at : new int[] {0, 17 * stride + 249, (lines - 1) * stride + length - 1}) {
                    float[] b = a.clone();
                    b[at] = bad;
                    assertFalse(Scans.finite(threads, b, 0, lines, length, stride), bad + " at " + at);
                }
            }
        }
    }
}
