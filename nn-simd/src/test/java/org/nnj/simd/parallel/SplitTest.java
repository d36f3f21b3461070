package org.nnj.simd.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnj.fixtures.FloatArrays.concat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.Pool2dGeometry;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.simd.SimdBackend;
import org.nnj.simd.species.Species;

/**
 * {@link Split}: its ranges cover the elements exactly once at vector boundaries, and the kernels it splits
 * (activations, Adam, max pooling) give on 2 and 3 threads bit for bit what they give on one, and what the
 * scalar backend gives (these kernels round each element once, in the same way).
 */
class SplitTest {
    private static final int N = 200_003;

    @Test
    void rangesCoverEveryElementOnceAtVectorBoundaries() {
        for (int threads : new int[] {1, 2, 3}) {
            for (int n : new int[] {0, 5, Split.MIN_ELEMENTS_PER_PART * 2 - 1, N}) {
                List<int[]> ranges = new ArrayList<>();
                Split.elements(threads, n, (from, to) -> {
                    synchronized (ranges) {
                        ranges.add(new int[] {from, to});
                    }
                });
                ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
                int at = 0;
                for (int[] r : ranges) {
                    assertEquals(at, r[0], "ranges of " + n + " on " + threads + " threads are contiguous");
                    assertTrue(r[0] % Species.LANES == 0, "a range starts at a vector boundary");
                    at = r[1];
                }
                assertEquals(n, at, "the ranges end at n");
                assertEquals(n >= 2 * Split.MIN_ELEMENTS_PER_PART ? Math.min(threads, n / Split.MIN_ELEMENTS_PER_PART)
                        : 1, ranges.size(), "parts of " + n + " on " + threads + " threads");
            }
        }
    }

    @Test
    void splitKernelsGiveTheOneThreadResultBitForBit() {
        ComputeBackend[] backends = {new SimdBackend(1), new SimdBackend(2), new SimdBackend(3), new ScalarBackend()};
        float[][] results = new float[backends.length][];
        SplittableRandom random = new SplittableRandom(5);
        float[] x = random(random, N);
        float[] dy = random(random, N);
        Pool2dGeometry pool = Pool2dGeometry.builder().batch(64).channels(6).input(24, 24).kernel(2, 2).stride(2, 2)
                .build();
        float[] px = random(random, pool.inputSize());
        float[] pdy = random(random, pool.outputSize());
        for (int b = 0; b < backends.length; b++) {
            ComputeBackend backend = backends[b];
            float[] y = new float[N];
            backend.relu(N, x, 0, y, 0);
            float[] dx = new float[N];
            backend.reluBackward(N, x, 0, dy, 0, dx, 0);
            float[] w = x.clone();
            float[] m = new float[N];
            float[] v = new float[N];
            for (int step = 1; step <= 2; step++) {
                float bc1 = (float) (1 - Math.pow(0.9, step));
                float bc2 = (float) (1 - Math.pow(0.999, step));
                backend.adamStep(N, 1e-3f, 0.9f, 0.999f, 1e-8f, bc1, bc2, w, 0, dy, 0, m, 0, v, 0);
            }
            float[] py = new float[pool.outputSize()];
            backend.maxPool2dForward(pool, px, 0, py, 0);
            float[] pdx = new float[pool.inputSize()];
            backend.maxPool2dBackward(pool, px, 0, pdy, 0, pdx, 0);
            results[b] = concat(y, dx, w, m, v, py, pdx);
        }
        assertArrayEquals(results[0], results[1], "2 threads");
        assertArrayEquals(results[0], results[2], "3 threads");
        assertArrayEquals(results[3], results[0], "the scalar backend");
    }

    @Test
    void fillSetsExactlyItsRangeOnAnyThreadCountAndRejectsOneThatDoesNotFit() {
        for (int threads : new int[] {1, 2, 3}) {
            SimdBackend backend = new SimdBackend(threads);
            float[] x = random(new SplittableRandom(9), N + 10);
            float[] expected = x.clone();
            java.util.Arrays.fill(expected, 7, 7 + N, -0f);
            backend.fill(N, -0f, x, 7);
            assertArrayEquals(expected, x, threads + " threads");
            org.junit.jupiter.api.Assertions.assertThrows(org.nnj.api.ShapeException.class,
                    () -> backend.fill(N, 0f, x, 11));
        }
    }

    private static float[] random(SplittableRandom random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return a;
    }
}
