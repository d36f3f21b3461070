package org.nnj.bench.conv;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.bench.peak.FmaPeak;
import org.nnj.simd.SimdBackend;

/**
 * A quick single-thread timing of the three convolution kernels against the FMA peak, for tuning on a busy
 * machine: calls are timed in thread CPU time (time the thread was descheduled does not count) and each
 * kernel keeps its best call, as does the peak loop run between them. Not a replacement for
 * {@link ConvBenchmark}.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp nn-bench/target/benchmarks.jar org.nnj.bench.conv.ConvTimer 3 cnn2 lenet1
 * </pre>
 * Arguments: seconds per layer, then layers as in {@link ConvBenchmark}.
 */
public final class ConvTimer {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ConvTimer() {
    }

    public static void main(String[] args) {
        double seconds = Double.parseDouble(args[0]);
        ComputeBackend simd = new SimdBackend(1);
        float sink = 0;
        for (int i = 0; i < 50; i++) {
            sink += FmaPeak.run(200_000, sink); // compiled before it is timed
        }
        for (int a = 1; a < args.length; a++) {
            Conv2dGeometry g = ConvBenchmark.geometry(args[a]);
            SplittableRandom random = new SplittableRandom(42);
            float[] x = random(random, g.inputSize());
            float[] w = random(random, g.weightSize());
            float[] bias = random(random, g.outChannels());
            float[] dy = random(random, g.outputSize());
            float[] y = new float[g.outputSize()];
            float[] dx = new float[g.inputSize()];
            float[] dw = new float[g.weightSize()];
            float[] db = new float[g.outChannels()];
            float[] work = new float[simd.conv2dWorkspaceSize(g)];
            double flops = 2.0 * g.batch() * g.outChannels() * g.patchSize() * g.outputPlaneSize();
            double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            int peakIterations = 200_000;
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                for (int kernel = 0; kernel < 4; kernel++) {
                    long t0 = THREADS.getCurrentThreadCpuTime();
                    switch (kernel) {
                        case 0 -> simd.conv2dForward(g, x, 0, w, 0, bias, 0, y, 0, work, 0);
                        case 1 -> simd.conv2dBackwardData(g, dy, 0, w, 0, dx, 0, work, 0);
                        case 2 -> simd.conv2dBackwardWeights(g, x, 0, dy, 0, dw, 0, db, 0, work, 0);
                        default -> sink += FmaPeak.run(peakIterations, sink);
                    }
                    best[kernel] = Math.min(best[kernel], (THREADS.getCurrentThreadCpuTime() - t0) / 1e9);
                }
            }
            double peak = FmaPeak.flops(peakIterations) / best[3] / 1e9;
            String[] names = {"forward", "backwardData", "backwardWeights"};
            for (int kernel = 0; kernel < 3; kernel++) {
                double gflops = flops / best[kernel] / 1e9;
                System.out.printf(Locale.ROOT, "%-7s %-16s %7.3f ms %7.1f GFLOPS %5.1f %% of peak %.1f%n", args[a],
                        names[kernel], best[kernel] * 1e3, gflops, 100 * gflops / peak, peak);
            }
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static float[] random(SplittableRandom random, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return a;
    }
}
