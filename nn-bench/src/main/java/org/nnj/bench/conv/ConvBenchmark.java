package org.nnj.bench.conv;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.simd.SimdBackend;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The three convolution kernels (forward with bias, backward data, backward weights with bias) on the
 * convolution layers of LeNet and of the TF-tutorial CNN at batch 64, for the scalar and the SIMD backend on
 * 1 and 2 threads.
 *
 * <p>How to read it: one operation is one kernel call on the whole batch, so the score (ops/s) times 64 is
 * images per second through that kernel, and the {@code images} counter reports that rate directly. The
 * {@code flops} counter is {@code 2 * batch * outChannels * patchSize * outHeight * outWidth} per call (the
 * multiply-adds of the equivalent GEMM) as a rate, to compare with {@code GemmBenchmark}. A training step
 * of a layer runs all three kernels (the first layer of a model skips backward data).
 *
 * <pre>
 * java -jar nn-bench/target/benchmarks.jar ConvBenchmark -p layer=cnn2 -p threads=1 -rf json -rff conv.json
 * </pre>
 * The layers: {@code lenet1} (1 to 6 channels, 5x5, 28x28), {@code lenet2} (6 to 16, 5x5, 12x12),
 * {@code cnn1} (1 to 32, 5x5 "same", 28x28), {@code cnn2} (32 to 64, 5x5 "same", 14x14).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ConvBenchmark {
    private static final int BATCH = 64;

    @Param({"scalar", "simd"})
    public String impl;

    @Param({"lenet1", "lenet2", "cnn1", "cnn2"})
    public String layer;

    @Param({"1", "2"})
    public int threads;

    private Conv2dGeometry g;
    private ComputeBackend backend;
    private float[] x;
    private float[] w;
    private float[] bias;
    private float[] y;
    private float[] dy;
    private float[] dx;
    private float[] dw;
    private float[] db;
    private float[] work;

    /** Images and floating-point operations done, reported by JMH as rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long images;
        public long flops;

        @Setup(Level.Iteration)
        public void reset() {
            images = 0;
            flops = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        g = geometry(layer);
        switch (impl) {
            case "scalar":
                backend = new ScalarBackend(threads);
                break;
            case "simd":
                backend = new SimdBackend(threads);
                break;
            default:
                throw new IllegalArgumentException("unknown impl '" + impl + "': scalar or simd");
        }
        SplittableRandom random = new SplittableRandom(42);
        x = random(random, g.inputSize());
        w = random(random, g.weightSize());
        bias = random(random, g.outChannels());
        dy = random(random, g.outputSize());
        y = new float[g.outputSize()];
        dx = new float[g.inputSize()];
        dw = new float[g.weightSize()];
        db = new float[g.outChannels()];
        work = new float[backend.conv2dWorkspaceSize(g)];
    }

    static Conv2dGeometry geometry(String layer) {
        Conv2dGeometry.Builder b = Conv2dGeometry.builder().batch(BATCH).kernel(5, 5);
        switch (layer) {
            case "lenet1":
                return b.channels(1, 6).input(28, 28).build();
            case "lenet2":
                return b.channels(6, 16).input(12, 12).build();
            case "cnn1":
                return b.channels(1, 32).input(28, 28).padding(2, 2, 2, 2).build();
            case "cnn2":
                return b.channels(32, 64).input(14, 14).padding(2, 2, 2, 2).build();
            default:
                throw new IllegalArgumentException("unknown layer '" + layer + "': lenet1, lenet2, cnn1 or cnn2");
        }
    }

    private void count(Counters counters) {
        counters.images += g.batch();
        counters.flops += 2L * g.batch() * g.outChannels() * g.patchSize() * g.outputPlaneSize();
    }

    @Benchmark
    public float[] forward(Counters counters) {
        backend.conv2dForward(g, x, 0, w, 0, bias, 0, y, 0, work, 0);
        count(counters);
        return y;
    }

    @Benchmark
    public float[] backwardData(Counters counters) {
        backend.conv2dBackwardData(g, dy, 0, w, 0, dx, 0, work, 0);
        count(counters);
        return dx;
    }

    @Benchmark
    public float[] backwardWeights(Counters counters) {
        // Adds into dw and db on every call, as a training step does; the values only grow, never overflow
        // in the few thousand calls of a run (each adds at most a few hundred in magnitude).
        backend.conv2dBackwardWeights(g, x, 0, dy, 0, dw, 0, db, 0, work, 0);
        count(counters);
        return dw;
    }

    private static float[] random(SplittableRandom random, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return a;
    }
}
