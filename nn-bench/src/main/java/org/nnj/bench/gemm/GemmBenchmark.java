package org.nnj.bench.gemm;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nnj.api.backend.ComputeBackend;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code C = A * B} (row-major, no transposes, alpha 1, beta 0) for the scalar backend, the SIMD backend
 * and OpenBLAS in one run, so that their ratios are measured under the same conditions.
 *
 * <p>One operation is one GEMM call: GFLOPS = {@code 2 * M * N * K * ops/s / 1e9}. The {@code flops}
 * counter reports that rate directly (in flops/s), and {@code nn-bench/gflops.py} turns a JSON result
 * file ({@code -rf json -rff FILE}) into a table with the SIMD / OpenBLAS ratio.
 *
 * <p>OpenBLAS gets its operands in native memory ({@link FloatPointer}), not through the {@code float[]}
 * overloads, which would copy all three matrices on every call. For its AVX-512 kernel, run with
 * {@code OPENBLAS_CORETYPE} and {@code OPENBLAS_L2_SIZE} unset:
 * <pre>
 * env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java -jar nn-bench/target/benchmarks.jar GemmBenchmark \
 *     -p shape=1024x1024x1024 -p threads=1 -rf json -rff gemm.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GemmBenchmark {

    @Param({"scalar", "simd", "openblas"})
    public String impl;

    /** {@code MxNxK}: C is M x N, the inner dimension is K. */
    @Param({"256x256x256", "512x512x512", "1024x1024x1024", "64x256x784", "64x128x256", "64x10x128",
            "256x784x64", "64x12544x800"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private int m;
    private int n;
    private int k;
    private float[] a;
    private float[] b;
    private float[] c;
    private ComputeBackend backend;
    private FloatPointer nativeA;
    private FloatPointer nativeB;
    private FloatPointer nativeC;

    /** Floating-point operations done, reported by JMH as a rate: flops/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public long flops;

        @Setup(Level.Iteration)
        public void reset() {
            flops = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        String[] dims = shape.split("x");
        m = Integer.parseInt(dims[0]);
        n = Integer.parseInt(dims[1]);
        k = Integer.parseInt(dims[2]);
        SplittableRandom random = new SplittableRandom(42);
        a = randomMatrix(random, m * k);
        b = randomMatrix(random, k * n);
        c = new float[m * n];
        switch (impl) {
            case "scalar":
                backend = new ScalarBackend(threads);
                break;
            case "simd":
                backend = new SimdBackend(threads);
                break;
            case "openblas":
                openblas.blas_set_num_threads(threads); // JavaCPP's wrapper of openblas_set_num_threads
                nativeA = new FloatPointer(a);
                nativeB = new FloatPointer(b);
                nativeC = new FloatPointer(c);
                break;
            default:
                throw new IllegalArgumentException("unknown impl '" + impl + "': scalar, simd or openblas");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (FloatPointer p : new FloatPointer[] {nativeA, nativeB, nativeC}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Benchmark
    public void gemm(Flops counter) {
        if (backend != null) {
            backend.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        } else {
            openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans,
                    m, n, k, 1f, nativeA, k, nativeB, n, 0f, nativeC, n);
        }
        counter.flops += 2L * m * n * k;
    }

    private static float[] randomMatrix(SplittableRandom random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}
