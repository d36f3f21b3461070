package org.nnj.simd.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.species.Species;

/**
 * The steps of a tile of 6 rows of A that {@link BroadcastAGemm} cannot skip: the columns {@code p} of
 * {@code [0, kc)} at which at least one of the rows holds something other than a zero. Behind a ReLU about half
 * of a dense layer's inputs are zero, and since a unit tends to be off for many samples at once, a quarter of
 * the steps of a 6-row tile are zero in all six rows (the MLP's second layer at batch 1000: 24 %).
 *
 * <p>NaN and the infinities count as nonzero, so they reach the sums as they would in the dense tile.
 */
final class NonzeroSteps {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;
    /** The rows of the tiles whose steps are listed: {@link BroadcastTiles#rows}{@code (4)}. */
    static final int ROWS = 6;

    private NonzeroSteps() {
    }

    /**
     * Writes the columns {@code p} in {@code [0, kc)} where some row {@code r < valid} has
     * {@code a[at + r * lda + p] != 0} to {@code steps[into...]} in increasing order, and returns how many.
     * Rows past {@code valid} are not read (the tile repeats its last valid row there).
     */
    static int list(float[] a, int at, int lda, int valid, int kc, int[] steps, int into) {
        int count = 0;
        int p = 0;
        for (int end = S.loopBound(kc); p < end; p += L) {
            long bits = maskVectors(a, at + p, lda, valid);
            while (bits != 0) {
                steps[into + count++] = p + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
        }
        for (; p < kc; p++) {
            boolean any = false;
            for (int r = 0; r < valid; r++) {
                any |= a[at + r * lda + p] != 0f;
            }
            if (any) {
                steps[into + count++] = p;
            }
        }
        return count;
    }

    /**
     * Bit {@code j} set when some row's {@code a[at + r * lda + j]} is not a zero: the largest magnitude of the
     * rows (NaN if any is NaN) compared with zero.
     */
    private static long maskVectors(float[] a, int at, int lda, int valid) {
        FloatVector most = FloatVector.fromArray(S, a, at).abs();
        for (int r = 1; r < valid; r++) {
            most = most.max(FloatVector.fromArray(S, a, at + r * lda).abs());
        }
        return most.compare(VectorOperators.NE, 0f).toLong();
    }
}
