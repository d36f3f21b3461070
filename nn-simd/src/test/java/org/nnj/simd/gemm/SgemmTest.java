package org.nnj.simd.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.simd.SimdBackend;
import org.nnj.simd.species.Species;

/**
 * The SIMD GEMM against the scalar reference backend and a double-precision product: every transpose
 * case, alpha and beta in {0, 1, 2}, odd and prime sizes from 1 to about 300 (both sides of every tile
 * and block size), offsets, leading dimensions larger than the matrices, and sentinels around them.
 * Surefire runs this class once with 512-bit and once with 256-bit vectors.
 */
class SgemmTest {
    private static final ComputeBackend ORACLE = new ScalarBackend();
    private static final ComputeBackend SIMD = new SimdBackend(1);
    private static final float[] SCALARS = {0f, 1f, 2f};

    /**
     * Shapes {@code m, n, k}: tiny ones (the direct path), exact and off-by-one register tiles on the direct
     * and on the packed path, prime sizes, skinny and narrow ones (at most a vector wide, or computed
     * transposed), and shapes that cross a block of A (mc rows), a block of k (KC) and a panel of B
     * (nc columns).
     */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {1, 7, 3}, {2, 3, 5}, {5, 1, 9}, {3, 17, 2},
        {Blocking.MR, Blocking.NR, 17}, {Blocking.MR + 1, Blocking.NR + 1, 31}, {Blocking.MR - 1, Blocking.NR - 1, 64},
        packed(Blocking.MR, Blocking.NR), packed(Blocking.MR + 1, Blocking.NR + 1),
        packed(2 * Blocking.MR - 1, Blocking.NR - 1),
        {13, 17, 19}, {31, 33, 29}, {37, 61, 41}, {64, 64, 64}, {97, 89, 101},
        {127, 131, 137}, {151, 67, 263}, {67, 157, 271}, {293, 37, 23}, {11, 307, 13},
        {3, 5, 301}, {211, 199, 223}, {64, 10, 128}, {203, 5, 97}, {37, Species.LANES, 29}, {45, 2 * Species.LANES, 50}, {300, 20, 40},
        {Blocking.mc(300) + 7, 23, 300}, {7, 13, 2 * Blocking.KC + 50},
        {5, Blocking.nc((Blocking.KC + 80) / 2) + 37, Blocking.KC + 80},
        // Read in place by broadcasts (RowBroadcastGemm for A * B^T with few rows, BroadcastAGemm for
        // untransposed A and few columns): partial lane blocks, three blocks, blocks of k.
        {30, 70, 100}, {130, 40, 60}, {50, 64, 2 * Blocking.KC + 50}, {257, 100, 33},
    };

    /** An {@code m x n} shape with just enough k to take the packed path rather than the direct one. */
    private static int[] packed(int m, int n) {
        return new int[] {m, n, (int) (SmallGemm.MAX_WORK / ((long) m * n)) + 1};
    }

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        int seed = 0;
        for (int[] s : SHAPES) {
            for (int t = 0; t < 4; t++) {
                // alpha and beta rotate over all nine pairs across shapes and transposes.
                float alpha = SCALARS[(seed / 3) % 3];
                float beta = SCALARS[seed % 3];
                list.add(Arguments.of(new GemmCase((t & 2) != 0, (t & 1) != 0, s[0], s[1], s[2], alpha, beta, seed)));
                seed++;
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithTheScalarBackend(GemmCase g) {
        g.check(g + " (" + Species.LANES + " lanes)", g.runOn(SIMD), g.runOn(ORACLE));
    }

    static Stream<Arguments> alphaBeta() {
        List<Arguments> list = new ArrayList<>();
        int seed = 1000;
        for (float alpha : SCALARS) {
            for (float beta : SCALARS) {
                for (int t = 0; t < 4; t++) {
                    list.add(Arguments.of(new GemmCase((t & 2) != 0, (t & 1) != 0, 41, 53, 47, alpha, beta, seed++)));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alphaBeta")
    void everyAlphaAndBetaInEveryTransposeCase(GemmCase g) {
        g.check(g.toString(), g.runOn(SIMD), g.runOn(ORACLE));
    }

    @Test
    void kZeroOrAlphaZeroOnlyScalesC() {
        GemmCase g = new GemmCase(false, false, 9, 35, 0, 1f, 2f, 7);
        g.check(g.toString(), g.runOn(SIMD), g.runOn(ORACLE));
        GemmCase nan = new GemmCase(false, true, 9, 35, 4, 0f, 0f, 8);
        float[] out = nan.runOn(SIMD);
        assertEquals(0f, out[nan.cOff], "beta 0 overwrites NaN in C with zero");
    }

    @Test
    void multiThreadedResultIsBitForBitTheSingleThreadedOne() {
        ComputeBackend two = new SimdBackend(2);
        ComputeBackend three = new SimdBackend(3);
        // Shared panels of B (the first two, and the last two with several panels and blocks of k, at
        // the fewest rows that still share on two threads), shared blocks of A for few rows (64 x 1000,
        // and the last shape on three threads, with two blocks of rows), narrow and transposed C, and tiles
        // of rows read in place (BroadcastAGemm for 1000 x 128, RowBroadcastGemm for 64 x 300 times B^T).
        int[][] shapes = {{200, 300, 250}, {300, 90, 260}, {64, 1000, 100}, {500, 7, 300}, {4700, 9, 100}, {600, 20, 400},
            {250, Blocking.nc(Blocking.kc(1100)) + 44, 1100}, {190, Blocking.nc(Blocking.kc(1030)) + 5, 1030},
            {1000, 128, 300}, {64, 300, 500}};
        for (int i = 0; i < shapes.length; i++) {
            int[] s = shapes[i];
            // Two of the four transpose cases per shape, all four across the shapes.
            for (int t : i % 2 == 0 ? new int[] {0, 3} : new int[] {1, 2}) {
                GemmCase g = new GemmCase((t & 2) != 0, (t & 1) != 0, s[0], s[1], s[2], 1.5f, 0.5f, 77 + t);
                float[] one = g.runOn(SIMD);
                assertArrayEquals(one, g.runOn(two), g + " with 2 threads");
                assertArrayEquals(one, g.runOn(three), g + " with 3 threads");
            }
        }
    }

    @Test
    void theMultiThreadedShapesCoverBothParallelDrivers() {
        assertTrue(SharedPanels.fits(2, 200, 250));
        assertTrue(SharedPanels.fits(2, 190, 1030), "the fewest rows that share panels on two threads");
        assertFalse(SharedPanels.fits(3, 190, 1030), "three threads would cut 190 rows into too thin blocks");
        assertFalse(SharedPanels.fits(2, 64, 100));
    }

    @Test
    void concurrentCallersGetTheirOwnResults() throws Exception {
        ComputeBackend shared = new SimdBackend(2);
        List<GemmCase> work = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            work.add(new GemmCase(i % 2 == 0, i % 3 == 0, 120 + i, 150 - i, 130 + 3 * i, 1f, 0f, 500 + i));
        }
        List<float[]> expected = new ArrayList<>();
        for (GemmCase g : work) {
            expected.add(g.runOn(SIMD));
        }
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (GemmCase g : work) {
                    results.add(callers.submit(() -> g.runOn(shared)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                int w = i % work.size();
                assertArrayEquals(expected.get(w), results.get(i).get(), work.get(w).toString());
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void badArgumentsAreRejectedBeforeAnythingIsWritten() {
        float[] a = new float[6];
        float[] b = new float[6];
        float[] c = new float[4];
        ShapeException e = assertThrows(ShapeException.class,
                () -> SIMD.gemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 1, 0f, c, 0, 2));
        assertTrue(e.getMessage().contains("gemm: B"), e.getMessage());
        assertThrows(ShapeException.class, () -> SIMD.gemm(false, false, 2, 3, 3, 1f, a, 0, 3, b, 0, 3, 0f, c, 0, 3));
        assertArrayEquals(new float[4], c);
    }
}
