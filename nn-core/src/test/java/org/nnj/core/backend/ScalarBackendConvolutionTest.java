package org.nnj.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.api.backend.Pad2dGeometry;
import org.nnj.api.backend.PaddingMode;
import org.nnj.api.backend.Pool2dGeometry;

/**
 * The scalar backend's convolution, pooling and padding kernels against hand-computed values and against
 * naive double-precision loops written straight from the definitions (seven nested loops for the
 * convolution), independent of the im2col lowering the backend uses.
 */
class ScalarBackendConvolutionTest {
    private static final ScalarBackend ONE = new ScalarBackend();
    private static final ScalarBackend TWO = new ScalarBackend(2);

    private static float[] random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    private static Conv2dGeometry geometry(String spec) {
        // batch, in, out, h, w, kh, kw, sh, sw, dh, dw, top, bottom, left, right
        int[] v = Arrays.stream(spec.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
        return Conv2dGeometry.builder().batch(v[0]).channels(v[1], v[2]).input(v[3], v[4]).kernel(v[5], v[6])
                .stride(v[7], v[8]).dilation(v[9], v[10]).padding(v[11], v[12], v[13], v[14]).build();
    }

    /** The input row of output row {@code i}, kernel row {@code p}; the same formula serves columns. */
    private static int inputIndex(int i, int stride, int pad, int p, int dilation) {
        return i * stride - pad + p * dilation;
    }

    // ---------------------------------------------------------------- naive oracles

    /** The forward convolution by the definition: seven loops, double accumulation. */
    private static double[] naiveForward(Conv2dGeometry g, float[] x, float[] w, float[] b) {
        double[] y = new double[g.outputSize()];
        int idx = 0;
        for (int n = 0; n < g.batch(); n++) {
            for (int o = 0; o < g.outChannels(); o++) {
                for (int i = 0; i < g.outHeight(); i++) {
                    for (int j = 0; j < g.outWidth(); j++) {
                        double sum = b == null ? 0 : b[o];
                        for (int c = 0; c < g.inChannels(); c++) {
                            for (int p = 0; p < g.kernelHeight(); p++) {
                                for (int q = 0; q < g.kernelWidth(); q++) {
                                    int r = inputIndex(i, g.strideHeight(), g.padTop(), p, g.dilationHeight());
                                    int s = inputIndex(j, g.strideWidth(), g.padLeft(), q, g.dilationWidth());
                                    if (r < 0 || r >= g.inHeight() || s < 0 || s >= g.inWidth()) {
                                        continue;
                                    }
                                    sum += (double) w[((o * g.inChannels() + c) * g.kernelHeight() + p) * g.kernelWidth() + q]
                                            * x[((n * g.inChannels() + c) * g.inHeight() + r) * g.inWidth() + s];
                                }
                            }
                        }
                        y[idx++] = sum;
                    }
                }
            }
        }
        return y;
    }

    /** dx and (dw, db) by scattering every product of the definition, double accumulation. */
    private static double[][] naiveBackward(Conv2dGeometry g, float[] x, float[] w, float[] dy) {
        double[] dx = new double[g.inputSize()];
        double[] dw = new double[g.weightSize()];
        double[] db = new double[g.outChannels()];
        for (int n = 0; n < g.batch(); n++) {
            for (int o = 0; o < g.outChannels(); o++) {
                for (int i = 0; i < g.outHeight(); i++) {
                    for (int j = 0; j < g.outWidth(); j++) {
                        double grad = dy[((n * g.outChannels() + o) * g.outHeight() + i) * g.outWidth() + j];
                        db[o] += grad;
                        for (int c = 0; c < g.inChannels(); c++) {
                            for (int p = 0; p < g.kernelHeight(); p++) {
                                for (int q = 0; q < g.kernelWidth(); q++) {
                                    int r = inputIndex(i, g.strideHeight(), g.padTop(), p, g.dilationHeight());
                                    int s = inputIndex(j, g.strideWidth(), g.padLeft(), q, g.dilationWidth());
                                    if (r < 0 || r >= g.inHeight() || s < 0 || s >= g.inWidth()) {
                                        continue;
                                    }
                                    int wi = ((o * g.inChannels() + c) * g.kernelHeight() + p) * g.kernelWidth() + q;
                                    int xi = ((n * g.inChannels() + c) * g.inHeight() + r) * g.inWidth() + s;
                                    dx[xi] += grad * w[wi];
                                    dw[wi] += grad * x[xi];
                                }
                            }
                        }
                    }
                }
            }
        }
        return new double[][] {dx, dw, db};
    }

    private static void assertClose(String what, double[] expected, float[] actual, int off, double tolerance) {
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            if (!(Math.abs(actual[off + i] - e) <= tolerance * (1 + Math.abs(e)))) {
                throw new AssertionError(what + "[" + i + "]: expected " + e + ", got " + actual[off + i]);
            }
        }
    }

    // ---------------------------------------------------------------- convolution

    @Test
    void aTwoByTwoKernelOnAThreeByThreeImageByHand() {
        Conv2dGeometry g = Conv2dGeometry.builder().batch(1).channels(1, 1).input(3, 3).kernel(2, 2).build();
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] w = {1, 0, 0, -1}; // y[i, j] = x[i, j] - x[i + 1, j + 1]
        float[] y = new float[4];
        ONE.conv2dForward(g, x, 0, w, 0, new float[] {0.5f}, 0, y, 0, new float[ONE.conv2dWorkspaceSize(g)], 0);
        assertArrayEquals(new float[] {-3.5f, -3.5f, -3.5f, -3.5f}, y);
    }

    @Test
    void zeroPaddingAndStrideTwoByHand() {
        Conv2dGeometry g = Conv2dGeometry.builder().batch(1).channels(1, 1).input(3, 3).kernel(2, 2)
                .stride(2, 2).padding(1, 1, 1, 1).build();
        assertEquals(2, g.outHeight());
        assertEquals(2, g.outWidth());
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] w = {1, 0, 0, -1};
        float[] y = new float[4];
        ONE.conv2dForward(g, x, 0, w, 0, null, 0, y, 0, new float[ONE.conv2dWorkspaceSize(g)], 0);
        // Windows start at (-1, -1), (-1, 1), (1, -1), (1, 1): their top-left taps read padding except the last.
        assertArrayEquals(new float[] {0 - 1, 0 - 3, 0 - 7, 5 - 9}, y);

        // Backward by hand: dy = 1 everywhere; dx gets -1 at the bottom-right tap of each window,
        // +1 at the top-left tap of the last window, and nothing from padding.
        float[] dx = new float[9];
        ONE.conv2dBackwardData(g, new float[] {1, 1, 1, 1}, 0, w, 0, dx, 0, new float[ONE.conv2dWorkspaceSize(g)], 0);
        assertArrayEquals(new float[] {-1, 0, -1, 0, 1, 0, -1, 0, -1}, dx);
        float[] dw = {10, 10, 10, 10};
        float[] db = {1};
        ONE.conv2dBackwardWeights(g, x, 0, new float[] {1, 1, 1, 1}, 0, dw, 0, db, 0,
                new float[ONE.conv2dWorkspaceSize(g)], 0);
        // dw[p, q] += sum over windows of x at tap (p, q): tap (0, 0) sees only x[1, 1] = 5; tap (1, 1) sees 1+3+7+9.
        assertArrayEquals(new float[] {10 + 5, 10 + 4 + 6, 10 + 2 + 8, 10 + 20}, dw);
        assertArrayEquals(new float[] {5}, db);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // batch in out  h  w kh kw sh sw dh dw  t  b  l  r
        "  2  1  3  7  7  3  3  1  1  1  1  0  0  0  0",
        "  3  2  4  9  8  3  3  2  2  1  1  1  1  1  1",
        "  2  3  2  7  9  3  2  2  1  1  2  1  0  2  1",
        "  1  2  3 11 10  3  3  2  3  2  1  2  0  1  3",
        "  2  4  3  5  6  1  1  1  1  1  1  0  0  0  0",
        "  2  4  3  5  6  1  1  2  3  1  1  0  0  0  0",
        "  2  2  2  3  3  5  5  1  1  1  1  1  1  1  1",
        "  3  2  5  6  6  5  5  1  1  1  1  2  2  2  2",
        "  1  1  1  1  1  1  1  1  1  1  1  0  0  0  0",
        "  2  3  2  8  5  4  2  3  2  1  1  3  2  0  1"})
    void allThreeKernelsMatchTheDefinition(String spec) {
        Conv2dGeometry g = geometry(spec);
        for (ScalarBackend backend : new ScalarBackend[] {ONE, TWO}) {
            check(backend, g, spec.hashCode());
        }
    }

    @Test
    void aBatchLargeEnoughToSplitOverTwoThreadsMatchesTheDefinition() {
        // 8 * 16 * 150 * 64 multiply-adds: well above the threshold for splitting the batch.
        Conv2dGeometry g = Conv2dGeometry.builder().batch(8).channels(6, 16).input(12, 12).kernel(5, 5).build();
        assertTrue(TWO.conv2dWorkspaceSize(g) > ONE.conv2dWorkspaceSize(g),
                "two parts need two im2col buffers and a partial weight gradient");
        check(TWO, g, 5L);
    }

    private static void check(ScalarBackend backend, Conv2dGeometry g, long seed) {
        float[] x = random(seed, g.inputSize() + 3);
        float[] w = random(seed + 1, g.weightSize() + 1);
        float[] b = random(seed + 2, g.outChannels() + 2);
        float[] dy = random(seed + 3, g.outputSize() + 1);
        String at = backend.description() + ", " + g;
        // Offsets everywhere, and a workspace full of NaN that must be written before it is read.
        float[] work = new float[backend.conv2dWorkspaceSize(g) + 4];
        Arrays.fill(work, Float.NaN);
        float[] y = new float[g.outputSize() + 2];
        backend.conv2dForward(g, x, 3, w, 1, b, 2, y, 2, work, 4);
        assertClose("y, " + at, naiveForward(g, Arrays.copyOfRange(x, 3, x.length), Arrays.copyOfRange(w, 1, w.length),
                Arrays.copyOfRange(b, 2, b.length)), y, 2, 1e-5);

        double[][] expected = naiveBackward(g, Arrays.copyOfRange(x, 3, x.length), Arrays.copyOfRange(w, 1, w.length),
                Arrays.copyOfRange(dy, 1, dy.length));
        Arrays.fill(work, Float.NaN);
        float[] dx = new float[g.inputSize() + 1];
        Arrays.fill(dx, Float.NaN); // overwritten, never read
        backend.conv2dBackwardData(g, dy, 1, w, 1, dx, 1, work, 4);
        assertClose("dx, " + at, expected[0], dx, 1, 1e-5);

        Arrays.fill(work, Float.NaN);
        float[] dw = new float[g.weightSize()];
        float[] db = new float[g.outChannels()];
        Arrays.fill(dw, 0.25f); // added into
        Arrays.fill(db, -1f);
        backend.conv2dBackwardWeights(g, x, 3, dy, 1, dw, 0, db, 0, work, 4);
        double[] dwExpected = expected[1].clone();
        double[] dbExpected = expected[2].clone();
        for (int i = 0; i < dwExpected.length; i++) {
            dwExpected[i] += 0.25;
        }
        for (int i = 0; i < dbExpected.length; i++) {
            dbExpected[i] -= 1;
        }
        assertClose("dw, " + at, dwExpected, dw, 0, 1e-5);
        assertClose("db, " + at, dbExpected, db, 0, 1e-5);
    }

    @Test
    void aOneByOneKernelNeedsNoWorkspace() {
        Conv2dGeometry g = Conv2dGeometry.builder().batch(4).channels(8, 3).input(5, 5).kernel(1, 1).build();
        assertEquals(0, ONE.conv2dWorkspaceSize(g));
        float[] x = random(1, g.inputSize());
        float[] w = random(2, g.weightSize());
        float[] y = new float[g.outputSize()];
        ONE.conv2dForward(g, x, 0, w, 0, null, 0, y, 0, null, 0);
        assertClose("y", naiveForward(g, x, w, null), y, 0, 1e-5);
    }

    @Test
    void anEmptyBatchWritesNothing() {
        Conv2dGeometry g = Conv2dGeometry.builder().batch(0).channels(2, 3).input(4, 4).kernel(3, 3).build();
        float[] db = {1, 2, 3};
        ONE.conv2dBackwardWeights(g, new float[0], 0, new float[0], 0, new float[54], 0, db, 0,
                new float[ONE.conv2dWorkspaceSize(g)], 0);
        assertArrayEquals(new float[] {1, 2, 3}, db);
    }

    @Test
    void argumentsAreCheckedBeforeAnythingIsWritten() {
        Conv2dGeometry g = Conv2dGeometry.builder().batch(2).channels(1, 2).input(4, 4).kernel(3, 3).build();
        float[] y = new float[g.outputSize()];
        Arrays.fill(y, 7f);
        ShapeException e = assertThrows(ShapeException.class, () -> ONE.conv2dForward(g, new float[31], 0,
                new float[18], 0, null, 0, y, 0, new float[ONE.conv2dWorkspaceSize(g)], 0));
        assertTrue(e.getMessage().startsWith("conv2dForward: x"), e.getMessage());
        ShapeException work = assertThrows(ShapeException.class, () -> ONE.conv2dForward(g, new float[32], 0,
                new float[18], 0, null, 0, y, 0, new float[ONE.conv2dWorkspaceSize(g) - 1], 0));
        assertTrue(work.getMessage().contains("workspace") && work.getMessage().contains("conv2dWorkspaceSize"),
                work.getMessage());
        for (float v : y) {
            assertEquals(7f, v);
        }
    }

    // ---------------------------------------------------------------- geometry

    @Test
    void aKernelLargerThanThePaddedInputIsRejectedWithBothShapes() {
        ShapeException e = assertThrows(ShapeException.class, () -> Conv2dGeometry.builder().batch(1)
                .channels(1, 1).input(4, 4).kernel(5, 5).padding(0, 0, 1, 0).build());
        assertTrue(e.getMessage().contains("kernel 5x5") && e.getMessage().contains("padded input 4x5")
                && e.getMessage().contains("input 4x4"), e.getMessage());
        ShapeException dilated = assertThrows(ShapeException.class, () -> Conv2dGeometry.builder().batch(1)
                .channels(1, 1).input(6, 6).kernel(3, 3).dilation(3, 1).build());
        assertTrue(dilated.getMessage().contains("spanning 7x3"), dilated.getMessage());
    }

    @Test
    void outputSizesFollowTheFloorFormula() {
        Conv2dGeometry g = geometry("1 1 1 28 28 5 5 1 1 1 1 2 2 2 2");
        assertEquals(28, g.outHeight());
        Conv2dGeometry strided = geometry("1 1 1 10 11 3 3 2 3 1 1 0 0 0 0");
        assertEquals(4, strided.outHeight()); // (10 - 3) / 2 + 1
        assertEquals(3, strided.outWidth()); // (11 - 3) / 3 + 1
        assertEquals(strided, strided.withBatch(5).withBatch(1));
        assertEquals(150, geometry("1 6 16 12 12 5 5 1 1 1 1 0 0 0 0").patchSize());
    }

    @Test
    void nonsenseValuesAreRejectedByName() {
        ShapeException stride = assertThrows(ShapeException.class, () -> Conv2dGeometry.builder().batch(1)
                .channels(1, 1).input(4, 4).kernel(3, 3).stride(0, 1).build());
        assertTrue(stride.getMessage().contains("stride height"), stride.getMessage());
        ShapeException batch = assertThrows(ShapeException.class, () -> Conv2dGeometry.builder()
                .channels(1, 1).input(4, 4).kernel(3, 3).build());
        assertTrue(batch.getMessage().contains("batch size was not set"), batch.getMessage());
    }

    // ---------------------------------------------------------------- pooling

    private static final float[] FOUR_BY_FOUR = {
        1, 3, 2, 0,
        4, 2, 2, 1,
        -1, -2, 5, 5,
        -3, -4, 5, 6};

    @Test
    void maxPoolByHandWithTheGradientOnTheFirstOfTiedMaxima() {
        Pool2dGeometry g = Pool2dGeometry.builder().batch(1).channels(1).input(4, 4).kernel(2, 2).build();
        assertEquals(2, g.strideHeight(), "the stride defaults to the kernel, as in PyTorch");
        float[] y = new float[4];
        ONE.maxPool2dForward(g, FOUR_BY_FOUR, 0, y, 0);
        assertArrayEquals(new float[] {4, 2, -1, 6}, y);
        float[] dx = new float[16];
        ONE.maxPool2dBackward(g, FOUR_BY_FOUR, 0, new float[] {10, 20, 30, 40}, 0, dx, 0);
        // The top-right window holds 2, 0, 2, 1: the first 2 (row 0) wins.
        assertArrayEquals(new float[] {0, 0, 20, 0, 10, 0, 0, 0, 30, 0, 0, 0, 0, 0, 0, 40}, dx);
    }

    @Test
    void maxPoolIgnoresPaddingAndPropagatesNan() {
        Pool2dGeometry g = Pool2dGeometry.builder().batch(1).channels(1).input(2, 2).kernel(3, 3).stride(1, 1)
                .padding(1, 1).build();
        float[] x = {-5, -6, -7, Float.NaN};
        float[] y = new float[4];
        ONE.maxPool2dForward(g, x, 0, y, 0);
        assertArrayEquals(new float[] {Float.NaN, Float.NaN, Float.NaN, Float.NaN}, y);
        float[] negatives = {-5, -6, -7, -8};
        ONE.maxPool2dForward(g, negatives, 0, y, 0);
        assertArrayEquals(new float[] {-5, -5, -5, -5}, y, "the padding is not a zero that wins");
    }

    @Test
    void avgPoolByHandWithAndWithoutThePaddingCounted() {
        Pool2dGeometry g = Pool2dGeometry.builder().batch(1).channels(1).input(4, 4).kernel(2, 2).build();
        float[] y = new float[4];
        ONE.avgPool2dForward(true, g, FOUR_BY_FOUR, 0, y, 0);
        assertArrayEquals(new float[] {2.5f, 1.25f, -2.5f, 5.25f}, y);

        Pool2dGeometry padded = Pool2dGeometry.builder().batch(1).channels(1).input(2, 2).kernel(3, 3).stride(1, 1)
                .padding(1, 1).build();
        float[] x = {1, 2, 3, 4};
        ONE.avgPool2dForward(true, padded, x, 0, y, 0);
        assertArrayEquals(new float[] {10 / 9f, 10 / 9f, 10 / 9f, 10 / 9f}, y, "PyTorch's count_include_pad=True");
        ONE.avgPool2dForward(false, padded, x, 0, y, 0);
        assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f}, y, "only the 4 real pixels counted");

        float[] dx = new float[4];
        ONE.avgPool2dBackward(true, padded, new float[] {9, 18, 0, 0}, 0, dx, 0);
        assertArrayEquals(new float[] {3, 3, 3, 3}, dx);
        ONE.avgPool2dBackward(false, padded, new float[] {4, 0, 0, 8}, 0, dx, 0);
        assertArrayEquals(new float[] {3, 3, 3, 3}, dx);
    }

    @Test
    void poolPaddingOfMoreThanHalfTheKernelIsRejected() {
        ShapeException e = assertThrows(ShapeException.class, () -> Pool2dGeometry.builder().batch(1).channels(1)
                .input(4, 4).kernel(2, 2).padding(2, 0).build());
        assertTrue(e.getMessage().contains("at most half the kernel"), e.getMessage());
        ShapeException big = assertThrows(ShapeException.class, () -> Pool2dGeometry.builder().batch(1).channels(1)
                .input(3, 3).kernel(4, 4).build());
        assertTrue(big.getMessage().contains("kernel 4x4 is larger than the padded input 3x3"), big.getMessage());
    }

    // ---------------------------------------------------------------- padding

    private static float[] padRow(PaddingMode mode, float[] row, int before, int after) {
        Pad2dGeometry g = new Pad2dGeometry(mode, 1, 1, row.length, 0, 0, before, after);
        float[] y = new float[g.outputSize()];
        ONE.pad2d(g, row, 0, y, 0);
        return y;
    }

    @Test
    void everyModeOnOneRowByHand() {
        float[] row = {1, 2, 3, 4};
        assertArrayEquals(new float[] {0, 0, 1, 2, 3, 4, 0, 0}, padRow(PaddingMode.ZEROS, row, 2, 2));
        assertArrayEquals(new float[] {3, 2, 1, 2, 3, 4, 3, 2}, padRow(PaddingMode.REFLECT, row, 2, 2));
        assertArrayEquals(new float[] {2, 1, 1, 2, 3, 4, 4, 3}, padRow(PaddingMode.SYMMETRIC, row, 2, 2));
        assertArrayEquals(new float[] {1, 1, 1, 2, 3, 4, 4, 4}, padRow(PaddingMode.REPLICATE, row, 2, 2));
        assertArrayEquals(new float[] {4, 3, 2, 1, 2, 3, 4}, padRow(PaddingMode.REFLECT, row, 3, 0), "the limit, 3");
        assertArrayEquals(new float[] {1, 2, 3, 4, 4, 3, 2, 1}, padRow(PaddingMode.SYMMETRIC, row, 0, 4), "the limit, 4");
    }

    @Test
    void everyModeOnColumnsAndRowsTogetherByHand() {
        float[] x = {1, 2, 3, 4, 5, 6}; // 2 rows of 3
        Pad2dGeometry g = new Pad2dGeometry(PaddingMode.REFLECT, 1, 2, 3, 1, 0, 0, 1);
        float[] y = new float[g.outputSize()];
        ONE.pad2d(g, x, 0, y, 0);
        assertArrayEquals(new float[] {4, 5, 6, 5, 1, 2, 3, 2, 4, 5, 6, 5}, y);
        Pad2dGeometry s = new Pad2dGeometry(PaddingMode.SYMMETRIC, 1, 2, 3, 1, 0, 0, 1);
        ONE.pad2d(s, x, 0, y, 0);
        assertArrayEquals(new float[] {1, 2, 3, 3, 1, 2, 3, 3, 4, 5, 6, 6}, y);
    }

    @Test
    void theBackwardPassSumsEveryCopyBackIntoItsSource() {
        float[] ones = {1, 1, 1, 1, 1, 1, 1};
        float[][] expected = {{1, 1, 1}, {2, 3, 2}, {2, 3, 2}, {3, 1, 3}};
        // [1 2 3] padded by 2 on each side: zeros 0 0 1 2 3 0 0, reflect 3 2 1 2 3 2 1,
        // symmetric 2 1 1 2 3 3 2, replicate 1 1 1 2 3 3 3: count the copies of each element.
        PaddingMode[] modes = {PaddingMode.ZEROS, PaddingMode.REFLECT, PaddingMode.SYMMETRIC, PaddingMode.REPLICATE};
        for (int m = 0; m < modes.length; m++) {
            Pad2dGeometry g = new Pad2dGeometry(modes[m], 1, 1, 3, 0, 0, 2, 2);
            float[] dx = {9, 9, 9};
            ONE.pad2dBackward(g, ones, 0, dx, 0);
            assertArrayEquals(expected[m], dx, modes[m].configName());
        }
    }

    @Test
    void paddingBeyondWhatAModeCanMirrorIsRejected() {
        ShapeException reflect = assertThrows(ShapeException.class,
                () -> new Pad2dGeometry(PaddingMode.REFLECT, 1, 3, 3, 3, 0, 0, 0));
        assertTrue(reflect.getMessage().contains("reflect padding can add at most 2")
                && reflect.getMessage().contains("top padding 3"), reflect.getMessage());
        assertThrows(ShapeException.class, () -> new Pad2dGeometry(PaddingMode.SYMMETRIC, 1, 3, 3, 0, 0, 0, 4));
        new Pad2dGeometry(PaddingMode.SYMMETRIC, 1, 3, 3, 0, 0, 0, 3);
        new Pad2dGeometry(PaddingMode.REPLICATE, 1, 1, 1, 9, 9, 9, 9);
    }
}
