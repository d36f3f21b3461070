package org.nnj.simd.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.simd.SimdBackend;
import org.nnj.simd.species.Species;

/**
 * {@link BroadcastAGemm} packs a transposed B into the panel that it reads an untransposed B from in place,
 * and runs the same tiles on it: so {@code A * B^T} must be bit for bit {@code A * (B^T written out)}, for
 * every thread count. This pins the packing (and any faster one that replaces it) to the values of the
 * unpacked read. Shapes: rows not a multiple of the tile's 6, columns not a multiple of 16 (a block with a
 * partial vector, one of 2 or 1 vectors), depth not a multiple of 16, and several blocks of depth.
 */
class TransposedBPackingTest {
    private static final ComputeBackend ORACLE = new ScalarBackend();

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(257, 256, 784), // a dense layer's forward pass at a large batch, rows off by one
                Arguments.of(301, 70, 37),   // 64 + 6 columns, depth 2 * 16 + 5
                Arguments.of(263, 130, 48),  // two whole blocks and one of 2 columns
                Arguments.of(269, 50, 2 * Blocking.KC + 50), // three blocks of depth 700, not a multiple of 16
                Arguments.of(7, 200, 100),   // few rows: the other side of BroadcastAGemm
                Arguments.of(11, 16, 15));   // one vector of columns, depth below one block of 16
    }

    @ParameterizedTest(name = "{0} x {1} x {2}")
    @MethodSource("shapes")
    void transposedBGivesTheBitsOfTheUntransposedOne(int m, int n, int k) {
        if (Species.LANES != 16) {
            // The 256-bit test run: BroadcastAGemm's tiles are 512-bit, and it must leave these to the packed GEMM.
            assertFalse(BroadcastAGemm.suits(false, true, m, n), "BroadcastAGemm with " + Species.LANES + " lanes");
            return;
        }
        assertTrue(BroadcastAGemm.suits(false, true, m, n) && !RowBroadcastGemm.suits(false, true, m, n, k)
                && BroadcastAGemm.suits(false, false, m, n), "both calls must take BroadcastAGemm");
        for (float beta : new float[] {0f, 1f}) {
            GemmCase transposed = new GemmCase(false, true, m, n, k, 1f, beta, m + n + k);
            // op(B) written out as k rows of n, at the same offset and with its own leading dimension.
            int ldb = n + 3;
            float[] b = new float[transposed.bOff + k * ldb];
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    b[transposed.bOff + p * ldb + j] = (float) transposed.opB(p, j);
                }
            }
            float[] one = transposed.runOn(new SimdBackend(1));
            for (int threads = 1; threads <= 3; threads++) {
                float[] inPlace = transposed.c.clone();
                new SimdBackend(threads).gemm(false, false, m, n, k, 1f, transposed.a, transposed.aOff, transposed.lda,
                        b, transposed.bOff, ldb, beta, inPlace, transposed.cOff, transposed.ldc);
                assertArrayEquals(one, inPlace, transposed + ", B written out, " + threads + " threads");
                assertArrayEquals(one, transposed.runOn(new SimdBackend(threads)), transposed + ", " + threads + " threads");
            }
            transposed.check(transposed.toString(), one, transposed.runOn(ORACLE));
        }
    }
}
