package org.nnj.bench.peak;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The FMA ceiling of one thread ({@link FmaPeak}), run in the same JMH session as the kernels it is the
 * yardstick for: the {@code flops} counter is floating-point operations per second, to be read beside
 * {@code ConvBenchmark}'s and {@code GemmBenchmark}'s. Run it with them, e.g.
 * <pre>
 * java -jar nn-bench/target/benchmarks.jar 'FmaPeakBenchmark|ConvBenchmark' -p impl=simd -p layer=cnn2 -p threads=1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FmaPeakBenchmark {
    /** One call: 100,000 rounds of 24 vector FMAs, about a millisecond. */
    private static final int ITERATIONS = 100_000;

    private float seed = 1f;

    /** Floating-point operations done, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long flops;

        @Setup(Level.Iteration)
        public void reset() {
            flops = 0;
        }
    }

    @Benchmark
    public float peak(Counters counters) {
        seed = FmaPeak.run(ITERATIONS, seed) * 1e-30f + 1f;
        counters.flops += FmaPeak.flops(ITERATIONS);
        return seed;
    }
}
