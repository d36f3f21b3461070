package org.nnj.simd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.api.backend.Pad2dGeometry;
import org.nnj.api.backend.PaddingMode;
import org.nnj.api.backend.Pool2dGeometry;

/**
 * Every kernel of the SIMD backend on fixed inputs, each output reduced to a hash of its bits: what
 * {@link TierIndependenceTest} compares between a JVM that runs the kernels through the Vector API's Java
 * code (C1 only: no vector intrinsics) and one whose C2 has compiled them.
 *
 * <p>The sizes are small but cover each kernel's paths: vector bodies and tails (16 lanes and 7 more), rows
 * narrower and wider than a vector, each GEMM strategy the dispatcher picks (broadcast, narrow, transposed,
 * packed with several depth blocks), the direct and lowered convolutions, pooling with and without padding,
 * every padding mode. Inputs include zeros, signed zeros, tiny and large values.
 *
 * <p>{@code main(threads..., rounds)} prints {@code threads kernel hash} lines for the last of {@code rounds}
 * rounds, so that the rounds before it get the kernels compiled.
 */
public final class KernelWorkload {
    private static final int N = 16 * 16 + 7;

    private final ComputeBackend backend;
    private final Map<String, Long> hashes = new LinkedHashMap<>();

    private KernelWorkload(ComputeBackend backend) {
        this.backend = backend;
    }

    /** The kernels' outputs on {@code backend}, by name, in a fixed order. */
    static Map<String, Long> run(ComputeBackend backend) {
        KernelWorkload w = new KernelWorkload(backend);
        w.matrices();
        w.elementwise();
        w.smoothActivations();
        w.rows();
        w.updates();
        w.convolutions();
        w.pooling();
        w.padding();
        w.normalization();
        return w.hashes;
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[args.length - 1]);
        List<SimdBackend> backends = new ArrayList<>();
        for (int i = 0; i < args.length - 1; i++) {
            backends.add(new SimdBackend(Integer.parseInt(args[i])));
        }
        List<Map<String, Long>> last = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            last.clear();
            for (SimdBackend b : backends) {
                last.add(run(b));
            }
        }
        for (int i = 0; i < backends.size(); i++) {
            int threads = backends.get(i).threads();
            last.get(i).forEach((name, hash) -> System.out.println(threads + " " + name + " " + Long.toHexString(hash)));
        }
    }

    // ---------------------------------------------------------------- the kernels

    private void matrices() {
        // {m, n, k, transA, transB}: broadcast from B's rows (a dense forward at batch 32), broadcast from A
        // (few rows), narrow C, a C transposed for its tiles, the packed GEMM over several depth blocks, a
        // weight gradient (64 deep), one large enough to be split over two threads, and broadcast from A
        // over several depth blocks (whose stores add to C).
        int[][] cases = {{32, 20, 37, 0, 1}, {8, 48, 33, 0, 0}, {70, 10, 40, 0, 0}, {64, 10, 50, 1, 0},
            {70, 70, 300, 0, 0}, {48, 50, 64, 1, 0}, {23, 29, 31, 1, 1}, {160, 192, 160, 0, 1}, {8, 48, 2100, 0, 0}};
        for (int[] c : cases) {
            int m = c[0], n = c[1], k = c[2];
            boolean ta = c[3] == 1, tb = c[4] == 1;
            float[] a = values(m * k, 11L * m + k);
            float[] b = values(k * n, 13L * n + k);
            float[] out = values(m * n, 17L * m + n);
            backend.gemm(ta, tb, m, n, k, 0.75f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.5f, out, 0, n);
            record("gemm " + m + "x" + n + "x" + k + (ta ? "T" : "N") + (tb ? "T" : "N"), out);
        }
        // A dense layer's gradients when its output gradient is mostly zeros (SparseAGemm): dW += dY^T X, dX = dY W,
        // in shapes that the packed GEMM would take.
        float[] dy = values(64 * 300, 19);
        for (int i = 0; i < dy.length; i++) {
            dy[i] = i % 4 == 1 ? dy[i] : 0f;
        }
        float[] dw = values(300 * 128, 23);
        backend.gemm(true, false, 300, 128, 64, 1f, dy, 0, 300, values(64 * 128, 29), 0, 128, 1f, dw, 0, 128);
        record("gemm 300x128x64TN, mostly zero A", dw);
        float[] dx = values(16 * 1040, 31);
        backend.gemm(false, false, 16, 1040, 300, 1f, dy, 0, 300, values(300 * 1040, 37), 0, 1040, 0f, dx, 0, 1040);
        record("gemm 16x1040x300NN, mostly zero A", dx);
        // A dense layer's forward pass behind a ReLU at batch 600 (BroadcastAGemm skips the steps that are zero in
        // a whole tile of rows): units 3 and 7 of every 10 off for every sample, a third of the others zero.
        float[] relu = values(600 * 128, 41);
        for (int i = 0; i < relu.length; i++) {
            int unit = i % 128 % 10;
            relu[i] = unit == 3 || unit == 7 || (i / 128 + i) % 3 == 0 ? 0f : Math.abs(relu[i]);
        }
        float[] y = values(600 * 120, 43);
        backend.gemm(false, true, 600, 120, 128, 1f, relu, 0, 128, values(120 * 128, 47), 0, 128, 0f, y, 0, 120);
        record("gemm 600x120x128NT, a ReLU's output as A", y);
        float[] x = values(9 * 37, 3);
        backend.addRowVector(9, 37, values(37, 4), 0, x, 0);
        record("addRowVector", x);
        float[] sums = values(37, 5);
        backend.addColumnSums(9, 37, values(9 * 37, 6), 0, sums, 0);
        record("addColumnSums", sums);
    }

    private void elementwise() {
        float[] x = values(N, 21);
        float[] dy = values(N, 22);
        unary("relu", y -> backend.relu(N, x, 0, y, 0));
        unary("reluBackward", dx -> backend.reluBackward(N, x, 0, dy, 0, dx, 0));
        unary("leakyRelu", y -> backend.leakyRelu(N, 0.01f, x, 0, y, 0));
        unary("leakyReluBackward", dx -> backend.leakyReluBackward(N, 0.01f, x, 0, dy, 0, dx, 0));
        unary("sigmoid", y -> backend.sigmoid(N, x, 0, y, 0));
        unary("sigmoidBackward", dx -> backend.sigmoidBackward(N, x, 0, dy, 0, dx, 0));
        unary("tanh", y -> backend.tanh(N, x, 0, y, 0));
        unary("tanhBackward", dx -> backend.tanhBackward(N, x, 0, dy, 0, dx, 0));
        unary("multiply", out -> backend.multiply(N, x, 0, dy, 0, out, 0));
        float[] y = dy.clone();
        backend.axpy(N, -0.3f, x, 0, y, 0);
        record("axpy", y);
        backend.scale(N, 1.7f, y, 0);
        record("scale", y);
        backend.fill(N, 0.25f, y, 0);
        record("fill", y);
        hashes.put("sumOfSquares", Double.doubleToLongBits(backend.sumOfSquares(N, x, 0)));
    }

    private void smoothActivations() {
        float[] x = values(N, 31);
        float[] dy = values(N, 32);
        unary("elu", y -> backend.elu(N, 1f, 1f, x, 0, y, 0));
        unary("eluBackward", dx -> backend.eluBackward(N, 1f, 1f, x, 0, dy, 0, dx, 0));
        unary("selu", y -> backend.elu(N, 1.6732632f, 1.050701f, x, 0, y, 0));
        unary("seluBackward", dx -> backend.eluBackward(N, 1.6732632f, 1.050701f, x, 0, dy, 0, dx, 0));
        for (boolean approximate : new boolean[] {false, true}) {
            String kind = approximate ? " tanh" : " exact";
            unary("gelu" + kind, y -> backend.gelu(approximate, N, x, 0, y, 0));
            unary("geluBackward" + kind, dx -> backend.geluBackward(approximate, N, x, 0, dy, 0, dx, 0));
        }
        unary("softplus", y -> backend.softplus(N, 1f, 20f, x, 0, y, 0));
        unary("softplusBackward", dx -> backend.softplusBackward(N, 2f, 5f, x, 0, dy, 0, dx, 0));
    }

    private void rows() {
        for (int cols : new int[] {10, 37}) {
            int rows = 7;
            int size = rows * cols;
            float[] x = values(size, 40 + cols);
            float[] dy = values(size, 41 + cols);
            float[] y = new float[size];
            backend.softmaxRows(rows, cols, x, 0, y, 0);
            record("softmaxRows " + cols, y);
            unary("softmaxBackwardRows " + cols, dx -> backend.softmaxBackwardRows(rows, cols, y, 0, dy, 0, dx, 0));
            float[] logY = new float[size];
            backend.logSoftmaxRows(rows, cols, x, 0, logY, 0);
            record("logSoftmaxRows " + cols, logY);
            unary("logSoftmaxBackwardRows " + cols,
                    dx -> backend.logSoftmaxBackwardRows(rows, cols, logY, 0, dy, 0, dx, 0));
            float[] lse = new float[rows];
            backend.logSumExpRows(rows, cols, x, 0, lse, 0);
            record("logSumExpRows " + cols, lse);
        }
    }

    private void updates() {
        float[] g = values(N, 51);
        float[] w = values(N, 52);
        float[] m = values(N, 53);
        float[] v = positive(N, 54);
        backend.adamStep(N, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.1f, 0.001f, w, 0, g, 0, m, 0, v, 0);
        record("adamStep w", w);
        record("adamStep m", m);
        record("adamStep v", v);
        float[] square = positive(N, 55);
        float[] delta = positive(N, 56);
        backend.adadeltaStep(N, 1f, 0.9f, 1e-6f, w, 0, g, 0, square, 0, delta, 0);
        record("adadeltaStep w", w);
        record("adadeltaStep accDelta", delta);
        float[] y = positive(N, 57);
        backend.addSquares(N, 0.99f, 0.01f, g, 0, y, 0);
        record("addSquares", y);
        float[] z = values(N, 58);
        backend.addcdivSqrt(N, 0.9f, -0.01f, 0.99f, 1e-8f, g, 0, y, 0, z, 0);
        record("addcdivSqrt", z);
        backend.addcdiv(N, -0.01f, g, 0, y, 0, z, 0);
        record("addcdiv", z);
        backend.maxAbs(N, 0.999f, 1e-8f, g, 0, y, 0);
        record("maxAbs", y);
    }

    private void convolutions() {
        List<Conv2dGeometry> geometries = List.of(
                conv(2, 1, 8, 12, 12, 5, 1, 2),   // one input channel, "same"
                conv(2, 6, 16, 12, 12, 5, 1, 0),  // LeNet's second layer, smaller
                conv(2, 32, 64, 14, 14, 5, 1, 2), // the CNN's second layer at batch 2
                conv(3, 5, 7, 11, 9, 3, 2, 1),    // odd sizes, stride 2
                Conv2dGeometry.builder().batch(2).channels(4, 6).input(10, 13).kernel(3, 2).stride(1, 2)
                        .dilation(2, 1).padding(0, 2, 1, 0).build());
        for (Conv2dGeometry g : geometries) {
            String name = "conv " + g.inChannels() + "->" + g.outChannels() + " " + g.inHeight() + "x" + g.inWidth();
            float[] work = new float[backend.conv2dWorkspaceSize(g)];
            float[] x = values(g.inputSize(), g.inputSize());
            float[] w = values(g.weightSize(), g.weightSize());
            float[] bias = values(g.outChannels(), 7);
            float[] y = new float[g.outputSize()];
            backend.conv2dForward(g, x, 0, w, 0, bias, 0, y, 0, work, 0);
            record(name + " forward", y);
            float[] dy = values(g.outputSize(), 8);
            float[] dx = new float[g.inputSize()];
            backend.conv2dBackwardData(g, dy, 0, w, 0, dx, 0, work, 0);
            record(name + " backwardData", dx);
            float[] dw = values(g.weightSize(), 9);
            float[] db = values(g.outChannels(), 10);
            backend.conv2dBackwardWeights(g, x, 0, dy, 0, dw, 0, db, 0, work, 0);
            record(name + " backwardWeights", dw);
            record(name + " backwardBias", db);
            // Under a ReLU and a max pooling most of the output gradient is zero (the sparse passes).
            float[] sparse = values(g.outputSize(), 11);
            for (int i = 0; i < sparse.length; i++) {
                sparse[i] = i % 5 == 2 ? sparse[i] : 0f;
            }
            backend.conv2dBackwardData(g, sparse, 0, w, 0, dx, 0, work, 0);
            record(name + " backwardData, mostly zero gradient", dx);
            backend.conv2dBackwardWeights(g, x, 0, sparse, 0, dw, 0, db, 0, work, 0);
            record(name + " backwardWeights, mostly zero gradient", dw);
            record(name + " backwardBias, mostly zero gradient", db);
        }
    }

    private static Conv2dGeometry conv(int batch, int in, int out, int h, int w, int kernel, int stride, int pad) {
        return Conv2dGeometry.builder().batch(batch).channels(in, out).input(h, w).kernel(kernel, kernel)
                .stride(stride, stride).padding(pad, pad, pad, pad).build();
    }

    private void pooling() {
        List<Pool2dGeometry> geometries = List.of(
                Pool2dGeometry.builder().batch(2).channels(3).input(12, 12).kernel(2, 2).stride(2, 2).build(),
                Pool2dGeometry.builder().batch(2).channels(3).input(11, 13).kernel(3, 3).stride(2, 2)
                        .padding(1, 1).build());
        for (Pool2dGeometry g : geometries) {
            String name = g.kernelHeight() + "x" + g.kernelWidth() + " on " + g.inHeight() + "x" + g.inWidth();
            float[] x = values(g.inputSize(), 61);
            float[] dy = values(g.outputSize(), 62);
            unary("maxPool " + name, g.outputSize(), y -> backend.maxPool2dForward(g, x, 0, y, 0));
            unary("maxPoolBackward " + name, g.inputSize(), dx -> backend.maxPool2dBackward(g, x, 0, dy, 0, dx, 0));
            for (boolean countPad : new boolean[] {false, true}) {
                String avg = name + (countPad ? " counting padding" : "");
                unary("avgPool " + avg, g.outputSize(), y -> backend.avgPool2dForward(countPad, g, x, 0, y, 0));
                unary("avgPoolBackward " + avg, g.inputSize(),
                        dx -> backend.avgPool2dBackward(countPad, g, dy, 0, dx, 0));
            }
        }
    }

    private void padding() {
        for (PaddingMode mode : PaddingMode.values()) {
            Pad2dGeometry g = new Pad2dGeometry(mode, 3, 9, 21, 2, 1, 3, 2);
            float[] x = values(3 * 9 * 21, 71);
            float[] padded = new float[3 * g.outHeight() * g.outWidth()];
            backend.pad2d(g, x, 0, padded, 0);
            record("pad2d " + mode, padded);
            unary("pad2dBackward " + mode, x.length, dx -> backend.pad2dBackward(g, values(padded.length, 72), 0, dx, 0));
        }
    }

    private void normalization() {
        int n = 4;
        int channels = 3;
        int plane = 37;
        float[] x = values(n * channels * plane, 81);
        float[] mean = new float[channels];
        float[] var = new float[channels];
        backend.batchNormStatistics(n, channels, plane, x, 0, mean, 0, var, 0);
        record("batchNormStatistics mean", mean);
        record("batchNormStatistics var", var);
        float[] invStd = positive(channels, 82);
        float[] weight = values(channels, 83);
        float[] bias = values(channels, 84);
        unary("batchNormForward", x.length,
                y -> backend.batchNormForward(n, channels, plane, x, 0, mean, 0, invStd, 0, weight, 0, bias, 0, y, 0));
        for (boolean training : new boolean[] {true, false}) {
            float[] dx = new float[x.length];
            float[] dWeight = values(channels, 85);
            float[] dBias = values(channels, 86);
            backend.batchNormBackward(training, n, channels, plane, x, 0, values(x.length, 87), 0, mean, 0, invStd, 0,
                    weight, 0, dx, 0, dWeight, 0, dBias, 0);
            String name = "batchNormBackward" + (training ? " training" : "");
            record(name + " dx", dx);
            record(name + " dWeight", dWeight);
            record(name + " dBias", dBias);
        }
    }

    // ---------------------------------------------------------------- inputs and hashes

    private void unary(String name, Consumer<float[]> kernel) {
        unary(name, N, kernel);
    }

    private void unary(String name, int size, Consumer<float[]> kernel) {
        float[] out = new float[size];
        kernel.accept(out);
        record(name, out);
    }

    private void record(String name, float[] values) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the bits, NaNs made one
        for (float v : values) {
            h = (h ^ Float.floatToIntBits(v)) * 0x100000001b3L;
        }
        if (hashes.put(name, h) != null) {
            throw new IllegalStateException("two outputs named " + name);
        }
    }

    /** Values over several scales, from tiny to saturating, with both zeros among them. */
    private static float[] values(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble(-1, 1);
            v[i] = switch (i % 11) {
                case 3 -> (float) (u * 30);
                case 5 -> (float) (u * 1e-6);
                case 7 -> i % 2 == 0 ? 0f : -0f;
                default -> (float) (u * 4);
            };
        }
        return v;
    }

    private static float[] positive(int n, long seed) {
        float[] v = values(n, seed);
        for (int i = 0; i < n; i++) {
            v[i] = Math.abs(v[i]) + 1e-3f;
        }
        return v;
    }
}
