package org.nnj.simd.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nnj.simd.species.Species;

/**
 * The scalar twin of each register tile gives the vector tile's bits, whatever the depth range, the
 * displacements of the rows and the step of B (packed or read in place), on inputs with signed zeros and
 * values far apart in magnitude, where a different order of additions would show.
 */
class ScalarTilesTest {
    private static final int L = Species.LANES;

    @Test
    void everyTileGivesTheVectorTilesBits() {
        SplittableRandom random = new SplittableRandom(7);
        int[][] tiles = {{6, 4}, {12, 2}, {12, 1}, {13, 2}};
        for (int trial = 0; trial < 200; trial++) {
            int[] tile = tiles[trial % tiles.length];
            int rows = tile[0];
            int nv = tile[1];
            int k0 = random.nextInt(5);
            int k1 = k0 + random.nextInt(70);
            int bStep = nv * L + (trial % 3 == 0 ? random.nextInt(20) : 0);
            int bOff = random.nextInt(9);
            float[] b = values(random, bOff + (k1 + 1) * bStep);
            int[] offsets = new int[k1];
            for (int k = 0; k < k1; k++) {
                offsets[k] = random.nextInt(50);
            }
            int[] d = new int[rows];
            for (int r = 0; r < rows; r++) {
                d[r] = random.nextInt(40);
            }
            float[] a = values(random, 100);
            float[] vector = new float[BroadcastTiles.MAX_OUT];
            float[] scalar = new float[BroadcastTiles.MAX_OUT];
            java.util.Arrays.fill(scalar, Float.NaN); // the twin must write every float it owns
            BroadcastTiles.vectorTile(rows, nv, k0, k1, offsets, a, d, b, bOff, bStep, vector);
            ScalarTiles.tile(rows, nv, k0, k1, offsets, a, d, b, bOff, bStep, scalar);
            for (int i = 0; i < rows * nv * L; i++) {
                assertEquals(Float.floatToRawIntBits(vector[i]), Float.floatToRawIntBits(scalar[i]),
                        "tile " + rows + "x" + nv + ", k " + k0 + ".." + k1 + ", float " + i + ": " + vector[i]
                                + " against the twin's " + scalar[i]);
            }
        }
    }

    /** Mostly values around 1, with zeros of both signs and values a million times larger or smaller. */
    private static float[] values(SplittableRandom random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(10);
            float v = (float) (random.nextDouble() * 2 - 1);
            x[i] = kind == 0 ? 0f : kind == 1 ? -0f : kind == 2 ? v * 1e6f : kind == 3 ? v * 1e-6f : v;
        }
        return x;
    }
}
