package org.nnj.testkit;

import java.util.Arrays;
import java.util.List;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.api.backend.Pad2dGeometry;
import org.nnj.api.backend.PaddingMode;
import org.nnj.api.backend.Pool2dGeometry;

/**
 * The convolution, padding and pooling kernels of {@link BackendConformance}: each case runs on the reference
 * and on the candidate with the same data (at odd offsets, in arrays guarded by sentinels), with every
 * backend's own workspace filled with NaN first, so a kernel that reads its workspace before writing it is
 * caught.
 *
 * <p>Tolerances: convolutions as GEMM ({@code 2^-21 * (terms + 4) * magnitude}, where the magnitude of an
 * output element is the same sum over absolute values, computed by the reference); max pooling, padding and
 * its backward pass exactly for the forward and within {@code 1e-6 * (1 + |expected|)} for sums of copies;
 * average pooling within {@code 1e-6 + 1e-6 |expected|}.
 */
final class ConvolutionConformance {

    private ConvolutionConformance() {
    }

    /** The convolution shapes every backend is checked on: the model layers, odd sizes, every option. */
    static List<Conv2dGeometry> convolutionCases() {
        return List.of(
                conv(4, 1, 6, 28, 28, 5, 5, 1, 1, 1, 1, 0, 0, 0, 0),    // LeNet's first layer
                conv(3, 6, 16, 12, 12, 5, 5, 1, 1, 1, 1, 0, 0, 0, 0),   // LeNet's second layer
                conv(2, 32, 64, 14, 14, 5, 5, 1, 1, 1, 1, 2, 2, 2, 2),  // the CNN's second layer, "same"
                conv(2, 3, 5, 7, 9, 3, 2, 2, 1, 1, 2, 1, 0, 2, 1),      // odd everything, asymmetric padding
                conv(3, 2, 3, 11, 10, 3, 3, 2, 3, 2, 1, 1, 1, 1, 1),    // dilation with strides
                conv(2, 4, 3, 5, 6, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0),      // 1x1: no lowering
                conv(2, 4, 3, 5, 6, 1, 1, 2, 2, 1, 1, 0, 0, 0, 0),      // 1x1 with stride
                conv(1, 2, 2, 3, 3, 5, 5, 1, 1, 1, 1, 1, 1, 1, 1),      // the kernel fills the padded input
                conv(2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0),      // a single pixel
                conv(0, 2, 3, 4, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1));     // an empty batch
    }

    private static Conv2dGeometry conv(int batch, int in, int out, int h, int w, int kh, int kw, int sh, int sw,
                                       int dh, int dw, int top, int bottom, int left, int right) {
        return Conv2dGeometry.builder().batch(batch).channels(in, out).input(h, w).kernel(kh, kw).stride(sh, sw)
                .dilation(dh, dw).padding(top, bottom, left, right).build();
    }

    /** The pooling shapes: the models' 2x2, overlapping windows, padding, odd sizes. */
    static List<Pool2dGeometry> poolingCases() {
        return List.of(
                pool(3, 6, 24, 24, 2, 2, 2, 2, 0, 0),
                pool(2, 3, 7, 5, 3, 3, 2, 2, 1, 1),
                pool(2, 2, 6, 7, 3, 2, 1, 1, 1, 1),
                pool(1, 4, 9, 9, 3, 3, 3, 3, 0, 0),
                pool(2, 2, 5, 5, 5, 5, 1, 1, 2, 2),
                pool(1, 1, 1, 1, 1, 1, 1, 1, 0, 0),
                pool(0, 2, 4, 4, 2, 2, 2, 2, 0, 0));
    }

    private static Pool2dGeometry pool(int batch, int channels, int h, int w, int kh, int kw, int sh, int sw,
                                       int ph, int pw) {
        return Pool2dGeometry.builder().batch(batch).channels(channels).input(h, w).kernel(kh, kw).stride(sh, sw)
                .padding(ph, pw).build();
    }

    /** The padding shapes: every mode, up to its limit, asymmetric. */
    static List<Pad2dGeometry> paddingCases() {
        List<Pad2dGeometry> cases = new java.util.ArrayList<>();
        for (PaddingMode mode : PaddingMode.values()) {
            cases.add(new Pad2dGeometry(mode, 3, 4, 5, 1, 2, 0, 3));
            cases.add(new Pad2dGeometry(mode, 2, 5, 3, 2, 2, 2, 2));
            cases.add(new Pad2dGeometry(mode, 1, 3, 4, Math.min(2, mode.maxPadding(3)), Math.min(3, mode.maxPadding(3)),
                    Math.min(3, mode.maxPadding(4)), 1));
            cases.add(new Pad2dGeometry(mode, 2, 1, 1, 0, 0, 0, 0));
        }
        return cases;
    }

    static void convolution(ComputeBackend cand, ComputeBackend ref) {
        for (Conv2dGeometry g : convolutionCases()) {
            forward(cand, ref, g, true);
            forward(cand, ref, g, false);
            backwardData(cand, ref, g);
            backwardWeights(cand, ref, g, true);
            backwardWeights(cand, ref, g, false);
        }
        for (Pad2dGeometry g : paddingCases()) {
            padding(cand, ref, g);
        }
    }

    static void pooling(ComputeBackend cand, ComputeBackend ref) {
        for (Pool2dGeometry g : poolingCases()) {
            maxPool(cand, ref, g);
            for (boolean countIncludePad : new boolean[] {true, false}) {
                avgPool(cand, ref, g, countIncludePad);
            }
        }
    }

    // ---------------------------------------------------------------- convolution

    /** The arrays of one call: inputs and outputs, each at an offset in a guarded array. */
    private static final class Operands {
        final float[][] a;
        final int[] off;
        final int[] size;

        Operands(long seed, int[] sizes, double range) {
            a = new float[sizes.length][];
            off = new int[sizes.length];
            size = sizes.clone();
            for (int i = 0; i < sizes.length; i++) {
                off[i] = 1 + (i + sizes[i]) % 3;
                a[i] = Checks.data(seed + 13L * i, off[i], sizes[i], range, false);
            }
        }

        private Operands(float[][] a, int[] off, int[] size) {
            this.a = a;
            this.off = off;
            this.size = size;
        }

        Operands copy() {
            float[][] c = new float[a.length][];
            for (int i = 0; i < a.length; i++) {
                c[i] = a[i].clone();
            }
            return new Operands(c, off, size);
        }

        /** A copy with every element inside the ranges replaced by its absolute value. */
        Operands abs() {
            Operands c = copy();
            for (int i = 0; i < a.length; i++) {
                for (int j = off[i]; j < off[i] + size[i]; j++) {
                    c.a[i][j] = Math.abs(c.a[i][j]);
                }
            }
            return c;
        }
    }

    /** A workspace of the backend's own size for {@code g}, filled with NaN, at offset 2. */
    private static float[] workspace(ComputeBackend backend, Conv2dGeometry g) {
        float[] work = new float[2 + backend.conv2dWorkspaceSize(g)];
        Arrays.fill(work, Float.NaN);
        return work;
    }

    @FunctionalInterface
    private interface ConvCall {
        void run(ComputeBackend backend, Operands x, float[] work);
    }

    /**
     * Runs {@code call} on both backends; the arrays {@code outs} are compared with a GEMM-like tolerance of
     * {@code terms} products, the magnitude coming from {@code call} on the reference with absolute values;
     * the others must be unchanged.
     */
    private static void compareConv(String what, ComputeBackend cand, ComputeBackend ref, Conv2dGeometry g,
                                    Operands data, int[] outs, long terms, ConvCall call) {
        Operands expected = data.copy();
        Operands actual = data.copy();
        Operands magnitude = data.abs();
        call.run(ref, expected, workspace(ref, g));
        call.run(ref, magnitude, workspace(ref, g));
        try {
            call.run(cand, actual, workspace(cand, g));
        } catch (RuntimeException e) {
            throw new AssertionError(cand.name() + " failed on " + what + ": " + e, e);
        }
        String name = cand.name() + ", " + what;
        for (int i = 0; i < data.a.length; i++) {
            int index = i;
            if (Arrays.stream(outs).noneMatch(o -> o == index)) {
                Checks.assertUnchanged(name + ", input " + i, data.a[i], actual.a[i]);
                continue;
            }
            Checks.assertOutsideUnchanged(name, data.a[i], actual.a[i], data.off[i], data.size[i]);
            for (int j = data.off[i]; j < data.off[i] + data.size[i]; j++) {
                double e = expected.a[i][j];
                double tolerance = 0x1p-21 * (terms + 4) * magnitude.a[i][j] + 1e-30;
                if (!(Math.abs(actual.a[i][j] - e) <= tolerance)) {
                    throw new AssertionError(name + ": element " + (j - data.off[i]) + " of output " + i + " differs from the reference: "
                            + "expected " + e + ", got " + actual.a[i][j] + ", tolerance " + tolerance);
                }
            }
        }
    }

    private static void forward(ComputeBackend cand, ComputeBackend ref, Conv2dGeometry g, boolean bias) {
        Operands data = new Operands(g.hashCode(), new int[] {g.inputSize(), g.weightSize(), g.outChannels(),
            g.outputSize()}, 1);
        compareConv("conv2dForward" + (bias ? "" : " without bias") + " on " + g, cand, ref, g, data, new int[] {3},
                g.patchSize() + 1L, (b, x, work) -> b.conv2dForward(g, x.a[0], x.off[0], x.a[1], x.off[1],
                        bias ? x.a[2] : null, x.off[2], x.a[3], x.off[3], work, 2));
    }

    private static void backwardData(ComputeBackend cand, ComputeBackend ref, Conv2dGeometry g) {
        Operands data = new Operands(g.hashCode() + 1L, new int[] {g.outputSize(), g.weightSize(), g.inputSize()}, 1);
        compareConv("conv2dBackwardData on " + g, cand, ref, g, data, new int[] {2},
                (long) g.outChannels() * g.kernelHeight() * g.kernelWidth(),
                (b, x, work) -> b.conv2dBackwardData(g, x.a[0], x.off[0], x.a[1], x.off[1], x.a[2], x.off[2], work, 2));
    }

    private static void backwardWeights(ComputeBackend cand, ComputeBackend ref, Conv2dGeometry g, boolean bias) {
        // dw and db start non-zero: the kernel must add into them.
        Operands data = new Operands(g.hashCode() + 2L, new int[] {g.inputSize(), g.outputSize(), g.weightSize(),
            g.outChannels()}, 1);
        long terms = (long) g.batch() * g.outputPlaneSize() + 1;
        String what = "conv2dBackwardWeights" + (bias ? "" : " without bias") + " on " + g;
        compareConv(what, cand, ref, g, data, bias ? new int[] {2, 3} : new int[] {2}, terms,
                (b, x, work) -> b.conv2dBackwardWeights(g, x.a[0], x.off[0], x.a[1], x.off[1], x.a[2], x.off[2],
                        bias ? x.a[3] : null, x.off[3], work, 2));
    }

    // ---------------------------------------------------------------- padding and pooling

    @FunctionalInterface
    private interface Call {
        void run(ComputeBackend backend, Operands x);
    }

    /** Runs {@code call} on both backends; array {@code out} must agree within {@code abs + rel * |expected|}. */
    private static void compare(String what, ComputeBackend cand, ComputeBackend ref, Operands data, int out,
                                double abs, double rel, Call call) {
        Operands expected = data.copy();
        Operands actual = data.copy();
        call.run(ref, expected);
        try {
            call.run(cand, actual);
        } catch (RuntimeException e) {
            throw new AssertionError(cand.name() + " failed on " + what + ": " + e, e);
        }
        String name = cand.name() + ", " + what;
        for (int i = 0; i < data.a.length; i++) {
            if (i == out) {
                Checks.assertClose(name, expected.a[i], actual.a[i], data.off[i], data.size[i], abs, rel);
                Checks.assertOutsideUnchanged(name, data.a[i], actual.a[i], data.off[i], data.size[i]);
            } else {
                Checks.assertUnchanged(name + ", input " + i, data.a[i], actual.a[i]);
            }
        }
    }

    private static void padding(ComputeBackend cand, ComputeBackend ref, Pad2dGeometry g) {
        Operands forward = new Operands(g.hashCode(), new int[] {g.inputSize(), g.outputSize()}, 3);
        compare("pad2d on " + g, cand, ref, forward, 1, 0, 0,
                (b, x) -> b.pad2d(g, x.a[0], x.off[0], x.a[1], x.off[1]));
        Operands backward = new Operands(g.hashCode() + 1L, new int[] {g.outputSize(), g.inputSize()}, 3);
        compare("pad2dBackward on " + g, cand, ref, backward, 1, 1e-6, 1e-6,
                (b, x) -> b.pad2dBackward(g, x.a[0], x.off[0], x.a[1], x.off[1]));
    }

    private static void maxPool(ComputeBackend cand, ComputeBackend ref, Pool2dGeometry g) {
        // Values on a coarse grid, so windows hold ties; a few NaN and -infinity as PyTorch propagates them.
        Operands forward = new Operands(g.hashCode(), new int[] {g.inputSize(), g.outputSize()}, 2);
        coarsen(forward, 0);
        compare("maxPool2dForward on " + g, cand, ref, forward, 1, 0, 0,
                (b, x) -> b.maxPool2dForward(g, x.a[0], x.off[0], x.a[1], x.off[1]));
        Operands backward = new Operands(g.hashCode() + 1L, new int[] {g.inputSize(), g.outputSize(), g.inputSize()}, 2);
        coarsen(backward, 0);
        compare("maxPool2dBackward on " + g, cand, ref, backward, 2, 1e-6, 1e-6,
                (b, x) -> b.maxPool2dBackward(g, x.a[0], x.off[0], x.a[1], x.off[1], x.a[2], x.off[2]));
    }

    private static void coarsen(Operands data, int i) {
        for (int j = data.off[i]; j < data.off[i] + data.size[i]; j++) {
            int k = j - data.off[i];
            data.a[i][j] = k % 17 == 5 ? Float.NaN : k % 13 == 7 ? Float.NEGATIVE_INFINITY
                    : Math.round(data.a[i][j] * 2) / 2f;
        }
    }

    private static void avgPool(ComputeBackend cand, ComputeBackend ref, Pool2dGeometry g, boolean countIncludePad) {
        String at = "(countIncludePad " + countIncludePad + ") on " + g;
        Operands forward = new Operands(g.hashCode(), new int[] {g.inputSize(), g.outputSize()}, 2);
        compare("avgPool2dForward" + at, cand, ref, forward, 1, 1e-6, 1e-6,
                (b, x) -> b.avgPool2dForward(countIncludePad, g, x.a[0], x.off[0], x.a[1], x.off[1]));
        Operands backward = new Operands(g.hashCode() + 1L, new int[] {g.outputSize(), g.inputSize()}, 2);
        compare("avgPool2dBackward" + at, cand, ref, backward, 1, 1e-6, 1e-6,
                (b, x) -> b.avgPool2dBackward(countIncludePad, g, x.a[0], x.off[0], x.a[1], x.off[1]));
    }
}
