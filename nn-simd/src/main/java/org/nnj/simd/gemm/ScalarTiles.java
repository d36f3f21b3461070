package org.nnj.simd.gemm;

import java.util.Arrays;
import org.nnj.simd.species.Species;

/**
 * The scalar twin of {@link BroadcastTiles}' register tiles, which runs until the JIT has compiled them
 * ({@link org.nnj.simd.warmup.JitGate}): the same sums, {@code out[r][v] = sum_k a[offsets[k] + d[r]] * b[k][v]},
 * each started at zero and added up by fused multiply-adds in the order of {@code k}, as each lane of a tile's
 * accumulator is, so the bits are the same.
 *
 * <p>A loop this small is compiled within milliseconds, and C2 turns its inner loop into vector FMAs of its
 * own, but only where it can prove that no store feeds a later load: each row accumulates in an array of its
 * own and reads the step's row of B from a copy, all at the same index. Written into {@code out} and B in
 * place, the loop stayed scalar (3.9 GFLOPS on the tile 6 x 64 against 13.4, JDK 25, one core).
 */
final class ScalarTiles {
    private static final int L = Species.LANES;
    /** Per thread: a row of accumulators for each row of the largest tile, and the step's row of B. */
    private static final ThreadLocal<float[][]> SCRATCH =
            ThreadLocal.withInitial(() -> new float[BroadcastTiles.MAX_ROWS + 1][4 * L]);

    private ScalarTiles() {
    }

    /** What {@link BroadcastTiles#tile(int, int, int, int, int[], float[], int[], float[], int, int, float[])} computes. */
    static void tile(int rows, int nv, int k0, int k1, int[] offsets, float[] a, int[] d, float[] b, int bOff,
                     int bStep, float[] out) {
        int width = nv * L;
        float[][] scratch = SCRATCH.get();
        float[] bRow = scratch[BroadcastTiles.MAX_ROWS];
        for (int r = 0; r < rows; r++) {
            Arrays.fill(scratch[r], 0, width, 0f);
        }
        for (int k = k0, bp = bOff; k < k1; k++, bp += bStep) {
            System.arraycopy(b, bp, bRow, 0, width);
            int base = offsets[k];
            for (int r = 0; r < rows; r++) {
                float x = a[base + d[r]];
                float[] acc = scratch[r];
                for (int j = 0; j < width; j++) {
                    acc[j] = Math.fma(x, bRow[j], acc[j]);
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(scratch[r], 0, out, r * width, width);
        }
    }
}
