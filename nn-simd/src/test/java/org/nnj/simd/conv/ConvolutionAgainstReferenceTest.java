package org.nnj.simd.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.nnj.fixtures.FloatArrays.concat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.simd.SimdBackend;

/**
 * The SIMD convolutions beyond the conformance kit.
 * <ul>
 *   <li>The layers of LeNet and of the CNN at batch 64, on 1 and 2 threads, against the defining sums in
 *       double precision at a few hundred sampled elements of each result (every element is also checked
 *       to be written and finite): this is where images are grouped, batches split over threads and, for
 *       the small weight gradients, {@link RowDots} used.</li>
 *   <li>Odd shapes with every option (strides, dilations, asymmetric padding, batches that do not divide
 *       into equal groups), every element against the scalar backend.</li>
 *   <li>The workspace: each kernel writes only inside its {@code conv2dWorkspaceSize} floats, although
 *       the vector copies spill past the rows they copy.</li>
 *   <li>Concurrent calls on one backend with their own workspaces agree with sequential ones.</li>
 * </ul>
 * Tolerance: {@code 2^-20 * (terms + 4) * sum |products|}, the error bound of a float sum with a margin
 * for the reordering that vector lanes bring.
 */
class ConvolutionAgainstReferenceTest {
    private static final float SENTINEL = -555.25f;
    private static final int OFF = 3;
    private static final int SAMPLES = 250;

    static Stream<Arguments> modelLayers() {
        List<Arguments> list = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            list.add(Arguments.of("LeNet conv1", conv(64, 1, 6, 28, 28, 5, 1, 1, 0, 0, 0, 0), threads));
            list.add(Arguments.of("LeNet conv2", conv(64, 6, 16, 12, 12, 5, 1, 1, 0, 0, 0, 0), threads));
            list.add(Arguments.of("CNN conv1", conv(64, 1, 32, 28, 28, 5, 1, 1, 2, 2, 2, 2), threads));
            // 0.6 GFLOP per kernel at batch 64: on two threads a batch of 24 (two parts of 12 images, each in
            // groups of 3) keeps the test quick.
            int batch = threads == 1 ? 64 : 24;
            list.add(Arguments.of("CNN conv2", conv(batch, 32, 64, 14, 14, 5, 1, 1, 2, 2, 2, 2), threads));
        }
        return list.stream();
    }

    static Stream<Arguments> oddShapes() {
        return Stream.of(
                Arguments.of("stride 2, odd sizes", conv(5, 3, 7, 13, 11, 3, 2, 1, 1, 1, 1, 1), 1),
                Arguments.of("stride 2 on 2 threads", conv(7, 4, 9, 15, 17, 5, 2, 1, 2, 2, 2, 2), 2),
                Arguments.of("dilation 2", conv(3, 2, 5, 12, 10, 3, 1, 2, 0, 0, 0, 0), 1),
                Arguments.of("dilation 2, same", conv(4, 3, 4, 9, 9, 3, 1, 2, 2, 2, 2, 2), 2),
                Arguments.of("asymmetric padding", conv(3, 3, 5, 10, 7, 4, 1, 1, 0, 3, 2, 1), 1),
                Arguments.of("more padding than kernel", conv(2, 2, 3, 5, 6, 2, 1, 1, 3, 1, 0, 4), 1),
                Arguments.of("1x1 with padding", conv(2, 5, 4, 6, 5, 1, 1, 1, 1, 0, 1, 0), 1),
                Arguments.of("1x1 stride 1: no lowering", conv(9, 17, 33, 7, 6, 1, 1, 1, 0, 0, 0, 0), 2),
                Arguments.of("rows wider than two vectors", conv(3, 2, 3, 40, 37, 3, 1, 1, 1, 1, 1, 1), 1),
                Arguments.of("a batch that splits into unequal groups", conv(67, 6, 16, 12, 12, 5, 1, 1, 0, 0, 0, 0), 2),
                Arguments.of("many weights, narrow planes", conv(11, 24, 80, 6, 6, 3, 1, 1, 1, 1, 1, 1), 2),
                Arguments.of("a single image", conv(1, 32, 64, 14, 14, 5, 1, 1, 2, 2, 2, 2), 2),
                // Channel counts that fill the vector lanes, so that the direct kernels run (DirectConvolution).
                Arguments.of("direct: stride 2", conv(5, 3, 16, 13, 11, 3, 2, 1, 1, 1, 1, 1), 1),
                Arguments.of("direct: dilation 2, same, 48 out", conv(3, 32, 48, 9, 9, 3, 1, 2, 2, 2, 2, 2), 2),
                Arguments.of("direct: asymmetric padding, 80 out", conv(3, 16, 80, 10, 7, 4, 1, 1, 0, 3, 2, 1), 1),
                Arguments.of("direct: padding past the kernel", conv(2, 16, 16, 5, 6, 2, 1, 1, 3, 1, 0, 4), 1),
                Arguments.of("direct: 67 images on 2 threads", conv(67, 16, 32, 12, 12, 5, 1, 1, 2, 2, 2, 2), 2),
                Arguments.of("direct: 1x1, unpadded, 30 out", conv(9, 16, 30, 7, 6, 1, 1, 1, 0, 0, 0, 0), 1),
                Arguments.of("direct: 130 channels, 3 blocks", conv(2, 130, 130, 6, 5, 3, 1, 1, 1, 1, 1, 1), 1),
                Arguments.of("direct: row tiles, 20 channels, 7 wide", conv(3, 20, 16, 9, 7, 5, 1, 1, 1, 3, 2, 4), 2),
                Arguments.of("direct: row tiles, 14 wide, 24 out", conv(2, 32, 24, 6, 14, 5, 1, 1, 2, 2, 2, 2), 1),
                // Short patches and rows at least a vector wide: the pixels in the lanes (PixelConvolution).
                Arguments.of("pixel lanes: 17 wide, 13 out", conv(5, 1, 13, 9, 21, 5, 1, 1, 0, 1, 0, 0), 2),
                Arguments.of("pixel lanes: row stride 2, dilation 2", Conv2dGeometry.builder().batch(3).channels(2, 7)
                        .input(15, 40).kernel(3, 2).stride(2, 1).dilation(2, 2).padding(1, 2, 3, 0).build(), 1));
    }

    private static Conv2dGeometry conv(int batch, int in, int out, int h, int w, int kernel, int stride, int dilation,
                                       int top, int bottom, int left, int right) {
        return Conv2dGeometry.builder().batch(batch).channels(in, out).input(h, w).kernel(kernel, kernel)
                .stride(stride, stride).dilation(dilation, dilation).padding(top, bottom, left, right).build();
    }

    // ---------------------------------------------------------------- the model layers, sampled

    @ParameterizedTest(name = "{0} on {2} threads")
    @MethodSource("modelLayers")
    void modelLayersAgreeWithTheDefiningSums(String name, Conv2dGeometry g, int threads) {
        ComputeBackend simd = new SimdBackend(threads);
        Data d = new Data(g, name.hashCode());
        float[] work = workspace(simd, g);
        float[] y = sentinels(g.outputSize());
        simd.conv2dForward(g, d.x, OFF, d.w, OFF, d.bias, OFF, y, OFF, work, OFF);
        checkWorkspaceBorders(work, simd.conv2dWorkspaceSize(g));
        assertWrittenAndFinite(name + " forward", y, g.outputSize());
        float[] dx = sentinels(g.inputSize());
        simd.conv2dBackwardData(g, d.dy, OFF, d.w, OFF, dx, OFF, work, OFF);
        checkWorkspaceBorders(work, simd.conv2dWorkspaceSize(g));
        assertWrittenAndFinite(name + " backward data", dx, g.inputSize());
        float[] dw = d.initialDw.clone();
        float[] db = d.initialDb.clone();
        simd.conv2dBackwardWeights(g, d.x, OFF, d.dy, OFF, dw, OFF, db, OFF, work, OFF);
        checkWorkspaceBorders(work, simd.conv2dWorkspaceSize(g));

        SplittableRandom pick = new SplittableRandom(7);
        for (int s = 0; s < SAMPLES; s++) {
            int i = pick.nextInt(g.outputSize());
            double[] e = Reference.forward(g, d, i);
            assertClose(name + " forward, output " + i, e, y[OFF + i], g.patchSize() + 1);
            int j = pick.nextInt(g.inputSize());
            e = Reference.backwardData(g, d, j);
            assertClose(name + " backward data, input " + j, e, dx[OFF + j], g.outChannels() * g.kernelHeight() * g.kernelWidth());
        }
        int terms = g.batch() * g.outputPlaneSize() + 1;
        for (int s = 0; s < SAMPLES / 5; s++) {
            int k = pick.nextInt(g.weightSize());
            double[] e = Reference.backwardWeight(g, d, k);
            assertClose(name + " weight gradient " + k, e, dw[OFF + k], terms);
        }
        for (int o = 0; o < g.outChannels(); o++) {
            double[] e = Reference.backwardBias(g, d, o);
            assertClose(name + " bias gradient " + o, e, db[OFF + o], terms);
        }
    }

    // ---------------------------------------------------------------- odd shapes, every element

    @ParameterizedTest(name = "{0} on {2} threads")
    @MethodSource("oddShapes")
    void oddShapesAgreeWithTheScalarBackend(String name, Conv2dGeometry g, int threads) {
        ComputeBackend simd = new SimdBackend(threads);
        ComputeBackend scalar = new ScalarBackend();
        Data d = new Data(g, name.hashCode());
        Data abs = d.abs();
        float[][] outs = new float[3][];
        for (int b = 0; b < 3; b++) {
            ComputeBackend backend = b == 0 ? simd : scalar;
            Data data = b == 2 ? abs : d;
            float[] work = workspace(backend, g);
            float[] y = sentinels(g.outputSize());
            backend.conv2dForward(g, data.x, OFF, data.w, OFF, data.bias, OFF, y, OFF, work, OFF);
            float[] dx = sentinels(g.inputSize());
            backend.conv2dBackwardData(g, data.dy, OFF, data.w, OFF, dx, OFF, work, OFF);
            float[] dw = data.initialDw.clone();
            float[] db = data.initialDb.clone();
            backend.conv2dBackwardWeights(g, data.x, OFF, data.dy, OFF, dw, OFF, db, OFF, work, OFF);
            if (backend == simd) {
                checkWorkspaceBorders(work, simd.conv2dWorkspaceSize(g));
            }
            outs[b] = concat(y, dx, dw, db);
        }
        long[] terms = {g.patchSize() + 1, (long) g.outChannels() * g.kernelHeight() * g.kernelWidth(),
            (long) g.batch() * g.outputPlaneSize() + 1, (long) g.batch() * g.outputPlaneSize() + 1};
        int[] sizes = {g.outputSize(), g.inputSize(), g.weightSize(), g.outChannels()};
        String[] what = {"forward", "backward data", "weight gradient", "bias gradient"};
        int at = 0;
        for (int part = 0; part < 4; part++) {
            int n = sizes[part] + 2 * OFF;
            for (int i = 0; i < n; i++) {
                float actual = outs[0][at + i];
                float expected = outs[1][at + i];
                if (i < OFF || i >= n - OFF) {
                    assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual),
                            name + ": " + what[part] + " wrote outside its range at " + (i - OFF));
                    continue;
                }
                double tolerance = 0x1p-20 * (terms[part] + 4) * Math.abs(outs[2][at + i]) + 1e-30;
                if (!(Math.abs(actual - expected) <= tolerance)) {
                    fail(name + ": " + what[part] + " element " + (i - OFF) + ": expected " + expected + ", got "
                            + actual + " (tolerance " + tolerance + ")");
                }
            }
            at += n;
        }
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentCallsWithTheirOwnWorkspacesAgreeWithSequentialOnes() throws Exception {
        ComputeBackend simd = new SimdBackend(2);
        Conv2dGeometry g = conv(16, 6, 16, 12, 12, 5, 1, 1, 2, 2, 2, 2);
        Data d = new Data(g, 99);
        float[] expected = new float[g.outputSize() + 2 * OFF];
        simd.conv2dForward(g, d.x, OFF, d.w, OFF, d.bias, OFF, expected, OFF, workspace(simd, g), OFF);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    float[] y = new float[g.outputSize() + 2 * OFF];
                    float[] work = workspace(simd, g);
                    for (int rep = 0; rep < 3; rep++) {
                        simd.conv2dForward(g, d.x, OFF, d.w, OFF, d.bias, OFF, y, OFF, work, OFF);
                    }
                    return y;
                }));
            }
            for (Future<float[]> f : results) {
                assertTrue(Arrays.equals(expected, f.get()), "a concurrent call gave another result");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Inputs at offset {@link #OFF} in arrays with sentinels around them. */
    static final class Data {
        final float[] x;
        final float[] w;
        final float[] bias;
        final float[] dy;
        final float[] initialDw;
        final float[] initialDb;

        Data(Conv2dGeometry g, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            x = random(r, g.inputSize());
            w = random(r, g.weightSize());
            bias = random(r, g.outChannels());
            dy = random(r, g.outputSize());
            initialDw = random(r, g.weightSize());
            initialDb = random(r, g.outChannels());
        }

        private Data(float[] x, float[] w, float[] bias, float[] dy, float[] dw, float[] db) {
            this.x = x;
            this.w = w;
            this.bias = bias;
            this.dy = dy;
            this.initialDw = dw;
            this.initialDb = db;
        }

        /** The same data with every value replaced by its magnitude, for the tolerances. */
        Data abs() {
            return new Data(absolute(x), absolute(w), absolute(bias), absolute(dy), absolute(initialDw),
                    absolute(initialDb));
        }

        private static float[] random(SplittableRandom r, int n) {
            float[] a = sentinels(n);
            for (int i = 0; i < n; i++) {
                a[OFF + i] = (float) (r.nextDouble() * 2 - 1);
            }
            return a;
        }

        private static float[] absolute(float[] a) {
            float[] b = a.clone();
            for (int i = OFF; i < b.length - OFF; i++) {
                b[i] = Math.abs(b[i]);
            }
            return b;
        }
    }

    private static float[] sentinels(int n) {
        float[] a = new float[n + 2 * OFF];
        Arrays.fill(a, SENTINEL);
        return a;
    }

    /** A NaN-filled workspace of the backend's size at offset {@link #OFF}, with sentinels after it. */
    private static float[] workspace(ComputeBackend backend, Conv2dGeometry g) {
        int size = backend.conv2dWorkspaceSize(g);
        float[] work = new float[OFF + size + 40];
        Arrays.fill(work, SENTINEL);
        Arrays.fill(work, OFF, OFF + size, Float.NaN);
        return work;
    }

    private static void checkWorkspaceBorders(float[] work, int size) {
        for (int i = 0; i < work.length; i++) {
            if ((i < OFF || i >= OFF + size) && work[i] != SENTINEL) {
                fail("a kernel wrote element " + (i - OFF) + " of the workspace, outside its " + size + " floats");
            }
        }
    }

    private static void assertWrittenAndFinite(String what, float[] a, int n) {
        for (int i = 0; i < a.length; i++) {
            boolean inside = i >= OFF && i < OFF + n;
            if (inside && !Float.isFinite(a[i]) || inside && a[i] == SENTINEL || !inside && a[i] != SENTINEL) {
                fail(what + ": element " + (i - OFF) + " is " + a[i]);
            }
        }
    }

    private static void assertClose(String what, double[] expectedAndMagnitude, float actual, long terms) {
        double tolerance = 0x1p-20 * (terms + 4) * expectedAndMagnitude[1] + 1e-30;
        if (!(Math.abs(actual - expectedAndMagnitude[0]) <= tolerance)) {
            fail(what + ": expected " + expectedAndMagnitude[0] + ", got " + actual + " (tolerance " + tolerance + ")");
        }
    }
}
