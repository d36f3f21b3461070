package org.nnj.simd.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnj.fixtures.FloatArrays.bits;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnj.simd.species.Species;

/**
 * {@link BroadcastAGemm} skipping the steps at which a 6-row tile of A is zero in every row, against the same
 * product with every step taken: the same bits of C, for inputs shaped like a ReLU's output (units off for most
 * samples, zeros of both signs), B transposed or not, columns in whole and narrower blocks, rows past a
 * multiple of 6, two blocks of depth, one and two threads (splitting rows or column blocks), any alpha and
 * beta, and NaN and infinities in A. Where B is not finite the zero steps are kept, as a zero times an
 * infinity is NaN. {@link NonzeroSteps} is checked against a plain loop.
 */
class SkippedZeroStepsTest {
    private static final int L = Species.LANES;

    @ParameterizedTest(name = "{0}x{1}x{2}, B transposed {3}, {4} threads, alpha {5}, beta {6}")
    @CsvSource({
        "1000, 128, 256, true, 1, 1, 0",      // the MLP's second layer at batch 1000
        "1000, 128, 256, true, 2, 1, 0",
        "64, 120, 256, true, 2, 1, 0",        // LeNet's first dense layer, a block of 4 vectors and one narrower
        "37, 100, 77, false, 1, 0.5, 0.75",   // rows past a multiple of 6; a last block of 2 vectors
        "20, 64, 1500, false, 2, 1, 1",       // two blocks of depth
        "64, 640, 200, false, 2, 1, 0",       // ten column blocks: the threads split the blocks
        "6, 48, 33, true, 1, -2, 1"})
    void givesTheBitsOfEveryStep(int m, int n, int k, boolean transB, int threads, float alpha, float beta) {
        if (L != 16) {
            return; // BroadcastAGemm runs on 512-bit vectors only
        }
        SplittableRandom random = new SplittableRandom(17L * m + n + k);
        int aOff = 3;
        int lda = k + 2;
        int bOff = 5;
        int ldb = (transB ? k : n) + 3;
        int cOff = 1;
        int ldc = n + 1;
        float[] a = reluOutput(random, m, k, aOff, lda);
        float[] b = values(random, bOff + (transB ? n : k) * ldb);
        assertTrue(BroadcastAGemm.suits(false, transB, m, n), "BroadcastAGemm's shape");
        assertTrue(BroadcastAGemm.skipsZeros(false, n, m, Blocking.kc(k), a, aOff, lda), "sparse enough to skip");
        float[] c = values(random, cOff + m * ldc);
        assertSameBits(threads, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Test
    void keepsNanAndInfinitiesOfA() {
        if (L != 16) {
            return;
        }
        SplittableRandom random = new SplittableRandom(5);
        int m = 30;
        int n = 64;
        int k = 90;
        float[] a = reluOutput(random, m, k, 0, k);
        a[7 * k + 11] = Float.NaN;
        a[12 * k + 40] = Float.POSITIVE_INFINITY;
        a[29 * k + 89] = Float.NEGATIVE_INFINITY;
        float[] b = values(random, k * n);
        assertTrue(BroadcastAGemm.skipsZeros(false, n, m, k, a, 0, k));
        assertSameBits(1, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, new float[m * n], 0, n);
    }

    @Test
    void keepsTheZeroStepsWhereBIsNotFinite() {
        if (L != 16) {
            return;
        }
        SplittableRandom random = new SplittableRandom(9);
        int m = 24;
        int n = 64;
        int k = 50;
        float[] a = reluOutput(random, m, k, 0, k);
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] b = values(random, k * n);
            int p = zeroColumn(a, m, k);
            b[p * n + 3] = bad; // multiplies only zeros of A: NaN in the dense product's column 3
            float[] c = new float[m * n];
            BroadcastAGemm.gemm(1, true, false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
            assertTrue(Float.isNaN(c[3]), "0 x " + bad + " is NaN, and the step was kept");
            assertSameBits(2, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, new float[m * n], 0, n);
        }
    }

    @Test
    void leavesDenseAndTransposedInputsToEveryStep() {
        SplittableRandom random = new SplittableRandom(11);
        int m = 60;
        int k = 200;
        float[] images = new float[m * k];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextDouble();
        }
        assertFalse(BroadcastAGemm.skipsZeros(false, 128, m, k, images, 0, k), "images: nothing to skip");
        float[] relu = reluOutput(random, m, k, 0, k);
        assertTrue(BroadcastAGemm.skipsZeros(false, 128, m, k, relu, 0, k) || L != 16);
        assertFalse(BroadcastAGemm.skipsZeros(true, 128, m, k, relu, 0, m), "A transposed");
        assertFalse(BroadcastAGemm.skipsZeros(false, 2 * L, m, k, relu, 0, k), "C narrower than the listed tile");
    }

    @Test
    void listsTheStepsWhereSomeRowIsNonzero() {
        SplittableRandom random = new SplittableRandom(13);
        int k = 75; // whole vectors and a tail
        int lda = k + 4;
        float[] a = reluOutput(random, 6, k, 2, lda);
        a[2 + 3 * lda + 70] = Float.NaN;
        a[2 + 5 * lda + 71] = -0f;
        for (int valid = 1; valid <= NonzeroSteps.ROWS; valid++) {
            int[] expected = new int[k];
            int count = 0;
            for (int p = 0; p < k; p++) {
                boolean any = false;
                for (int r = 0; r < valid; r++) {
                    float v = a[2 + r * lda + p];
                    any |= v != 0f || Float.isNaN(v);
                }
                if (any) {
                    expected[count++] = p;
                }
            }
            int[] steps = new int[k + 3];
            assertEquals(count, NonzeroSteps.list(a, 2, lda, valid, k, steps, 3), valid + " rows");
            for (int e = 0; e < count; e++) {
                assertEquals(expected[e], steps[3 + e], valid + " rows, step " + e);
            }
        }
    }

    private static void assertSameBits(int threads, boolean transB, int m, int n, int k, float alpha, float[] a,
                                       int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c,
                                       int cOff, int ldc) {
        float[] every = c.clone();
        float[] skipping = c.clone();
        BroadcastAGemm.gemm(threads, false, false, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, every,
                cOff, ldc);
        BroadcastAGemm.gemm(threads, true, false, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, skipping,
                cOff, ldc);
        assertArrayEquals(bits(every), bits(skipping));
    }

    /**
     * {@code m} rows of {@code k} like a ReLU's output: each column (a unit) off for every sample with
     * probability 0.4, else each value zero (of either sign) with probability 0.5.
     */
    private static float[] reluOutput(SplittableRandom random, int m, int k, int off, int lda) {
        float[] a = new float[off + m * lda];
        for (int p = 0; p < k; p++) {
            boolean off0 = random.nextDouble() < 0.4;
            for (int i = 0; i < m; i++) {
                boolean zero = off0 || random.nextBoolean();
                a[off + i * lda + p] = zero ? (random.nextBoolean() ? 0f : -0f) : (float) random.nextDouble();
            }
        }
        return a;
    }

    /** A column of A that is zero in every row. */
    private static int zeroColumn(float[] a, int m, int k) {
        for (int p = 0; p < k; p++) {
            boolean zero = true;
            for (int i = 0; i < m; i++) {
                zero &= a[i * k + p] == 0f;
            }
            if (zero) {
                return p;
            }
        }
        throw new AssertionError("no zero column");
    }

    private static float[] values(SplittableRandom random, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }
}
