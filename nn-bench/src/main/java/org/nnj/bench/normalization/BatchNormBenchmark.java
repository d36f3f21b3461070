package org.nnj.bench.normalization;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.simd.SimdBackend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step's worth of batch normalisation, as {@code BatchNorm2d} runs it: the batch statistics,
 * the forward map and the backward pass (input gradient plus weight and bias gradients), on a batch of 64
 * feature maps, for the scalar and the SIMD backend.
 *
 * <p>One operation is the three kernels on the whole batch, so the score times 64 is images per second
 * through a batch-norm layer of that shape.
 *
 * <pre>
 * java -jar nn-bench/target/benchmarks.jar BatchNormBenchmark -rf json -rff bn.json
 * </pre>
 * The shapes ({@code CxHxW}): {@code 32x28x28} and {@code 64x14x14}, the feature maps after the two
 * convolutions of the TF-tutorial CNN.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BatchNormBenchmark {
    private static final int BATCH = 64;

    @Param({"scalar", "simd"})
    public String impl;

    @Param({"32x28x28", "64x14x14"})
    public String shape;

    private ComputeBackend backend;
    private int channels;
    private int plane;
    private float[] x;
    private float[] y;
    private float[] dy;
    private float[] dx;
    private float[] mean;
    private float[] invStd;
    private float[] weight;
    private float[] bias;
    private float[] dWeight;
    private float[] dBias;

    @Setup
    public void setUp() {
        String[] d = shape.split("x");
        channels = Integer.parseInt(d[0]);
        plane = Integer.parseInt(d[1]) * Integer.parseInt(d[2]);
        backend = impl.equals("simd") ? new SimdBackend(1) : new ScalarBackend(1);
        SplittableRandom random = new SplittableRandom(7);
        int size = BATCH * channels * plane;
        x = random(random, size);
        dy = random(random, size);
        y = new float[size];
        dx = new float[size];
        mean = new float[channels];
        invStd = new float[channels];
        weight = random(random, channels);
        bias = random(random, channels);
        dWeight = new float[channels];
        dBias = new float[channels];
    }

    @Benchmark
    public float trainingStep() {
        backend.batchNormStatistics(BATCH, channels, plane, x, 0, mean, 0, invStd, 0);
        for (int c = 0; c < channels; c++) {
            invStd[c] = (float) (1 / Math.sqrt(invStd[c] + 1e-5)); // the layer's per-channel step
        }
        backend.batchNormForward(BATCH, channels, plane, x, 0, mean, 0, invStd, 0, weight, 0, bias, 0, y, 0);
        backend.batchNormBackward(true, BATCH, channels, plane, x, 0, dy, 0, mean, 0, invStd, 0, weight, 0,
                dx, 0, dWeight, 0, dBias, 0);
        return y[0] + dx[0];
    }

    private static float[] random(SplittableRandom random, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return v;
    }
}
