package org.nnj.bench.gemm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.simd.SimdBackend;

/**
 * A quick A/B of the SIMD GEMM against OpenBLAS for tuning on a busy machine, where JMH's averages
 * swing with the other processes: the two run in alternation, call for call, and each keeps its best
 * time, so both see the same quiet moments. Not a replacement for {@link GemmBenchmark}.
 *
 * <pre>
 * env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java --add-modules jdk.incubator.vector \
 *     -cp nn-bench/target/benchmarks.jar org.nnj.bench.gemm.GemmAb 1 3 1024x1024x1024 64x256x784
 * </pre>
 *
 * <p>Arguments: threads, seconds per shape, shapes ({@code MxNxK}). With {@code -Dcpu=true} single-
 * threaded calls are timed in thread CPU time (time the thread was descheduled does not count);
 * {@code -DtransB=true} multiplies by a transposed B (a dense layer's forward pass).
 */
public final class GemmAb {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private GemmAb() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: GemmAb THREADS SECONDS MxNxK...");
            System.exit(2);
        }
        int threads = Integer.parseInt(args[0]);
        double seconds = Double.parseDouble(args[1]);
        boolean cpuTime = Boolean.getBoolean("cpu") && threads == 1;
        boolean transB = Boolean.getBoolean("transB");
        openblas.blas_set_num_threads(threads);
        ComputeBackend simd = new SimdBackend(threads);
        warmUp(simd);
        for (int s = 2; s < args.length; s++) {
            String[] d = args[s].split("x");
            int m = Integer.parseInt(d[0]);
            int n = Integer.parseInt(d[1]);
            int k = Integer.parseInt(d[2]);
            SplittableRandom random = new SplittableRandom(42);
            float[] a = random(random, m * k);
            float[] b = random(random, k * n);
            float[] c = new float[m * n];
            int ldb = transB ? k : n;
            double flops = 2.0 * m * n * k;
            int reps = (int) Math.max(1, Math.min(2000, 1e9 / flops));
            double bestSimd = Double.MAX_VALUE;
            double bestBlas = Double.MAX_VALUE;
            int rounds = 0;
            try (FloatPointer pa = new FloatPointer(a); FloatPointer pb = new FloatPointer(b);
                 FloatPointer pc = new FloatPointer(c)) {
                long end = System.nanoTime() + (long) (seconds * 1e9);
                while (System.nanoTime() < end || rounds < 3) {
                    long t0 = now(cpuTime);
                    for (int i = 0; i < reps; i++) {
                        simd.gemm(false, transB, m, n, k, 1f, a, 0, k, b, 0, ldb, 0f, c, 0, n);
                    }
                    long t1 = now(cpuTime);
                    for (int i = 0; i < reps; i++) {
                        openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans,
                                transB ? openblas.CblasTrans : openblas.CblasNoTrans,
                                m, n, k, 1f, pa, k, pb, ldb, 0f, pc, n);
                    }
                    long t2 = now(cpuTime);
                    bestSimd = Math.min(bestSimd, (t1 - t0) / (double) reps);
                    bestBlas = Math.min(bestBlas, (t2 - t1) / (double) reps);
                    rounds++;
                }
            }
            System.out.printf(Locale.ROOT, "%-16s simd %7.1f  openblas %7.1f GFLOPS  simd/openblas %.2f  (%d rounds)%n",
                    args[s], flops / bestSimd, flops / bestBlas, bestBlas / bestSimd, rounds);
        }
    }

    /** Until C2 compiles them the kernels run interpreted, thousands of times slower. */
    private static void warmUp(ComputeBackend simd) {
        int size = 256;
        float[] x = new float[size * size];
        float[] y = new float[size * size];
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end) {
            simd.gemm(false, false, size, size, size, 1f, x, 0, size, x, 0, size, 0f, y, 0, size);
            simd.gemm(false, true, 64, size, 250, 1f, x, 0, 250, x, 0, 250, 0f, y, 0, size);
        }
    }

    private static long now(boolean cpuTime) {
        return cpuTime ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static float[] random(SplittableRandom random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}
