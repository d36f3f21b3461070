package org.nnj.bench.activation;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.math.ActivationFunctions;
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
 * The smooth activation kernels (ELU, SELU, GELU exact and tanh, softplus, forward and backward; sigmoid and tanh
 * forward; and the softmax of {@code n / 1024} rows of 1024, which shares their exponential), on the scalar and
 * the SIMD backend in the same run: one operation is one kernel over {@code n} elements drawn from
 * {@code [-6, 6)}, where most activations of a trained network lie (every range of the error function occurs).
 *
 * <pre>
 * java -jar nn-bench/target/benchmarks.jar SmoothActivationBenchmark -p impl=scalar,simd -rf json -rff act.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SmoothActivationBenchmark {
    @Param({"scalar", "simd"})
    public String impl;

    /** A batch of 64 hidden layers of 1024 units. */
    @Param({"65536"})
    public int n;

    private ComputeBackend backend;
    private float[] x;
    private float[] dy;
    private float[] out;

    @Setup
    public void setUp() {
        backend = impl.equals("simd") ? new SimdBackend(1) : new ScalarBackend(1);
        SplittableRandom random = new SplittableRandom(3);
        x = new float[n];
        dy = new float[n];
        out = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextDouble(-6, 6);
            dy[i] = (float) random.nextDouble(-1, 1);
        }
    }

    @Benchmark
    public float elu() {
        backend.elu(n, 1f, 1f, x, 0, out, 0);
        return out[0];
    }

    @Benchmark
    public float eluBackward() {
        backend.eluBackward(n, 1f, 1f, x, 0, dy, 0, out, 0);
        return out[0];
    }

    @Benchmark
    public float selu() {
        backend.elu(n, (float) ActivationFunctions.SELU_ALPHA, (float) ActivationFunctions.SELU_SCALE, x, 0, out, 0);
        return out[0];
    }

    @Benchmark
    public float gelu() {
        backend.gelu(false, n, x, 0, out, 0);
        return out[0];
    }

    @Benchmark
    public float geluBackward() {
        backend.geluBackward(false, n, x, 0, dy, 0, out, 0);
        return out[0];
    }

    @Benchmark
    public float geluTanh() {
        backend.gelu(true, n, x, 0, out, 0);
        return out[0];
    }

    @Benchmark
    public float geluTanhBackward() {
        backend.geluBackward(true, n, x, 0, dy, 0, out, 0);
        return out[0];
    }

    @Benchmark
    public float softplus() {
        backend.softplus(n, 1f, 20f, x, 0, out, 0);
        return out[0];
    }

    @Benchmark
    public float softplusBackward() {
        backend.softplusBackward(n, 1f, 20f, x, 0, dy, 0, out, 0);
        return out[0];
    }

    @Benchmark
    public float sigmoid() {
        backend.sigmoid(n, x, 0, out, 0);
        return out[0];
    }

    @Benchmark
    public float tanh() {
        backend.tanh(n, x, 0, out, 0);
        return out[0];
    }

    @Benchmark
    public float softmaxRows() {
        backend.softmaxRows(n / 1024, 1024, x, 0, out, 0);
        return out[0];
    }
}
