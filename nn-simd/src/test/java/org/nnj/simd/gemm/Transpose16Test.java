package org.nnj.simd.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nnj.simd.species.Species;

/** The register transpose against the definition, element by element, inside larger arrays. */
class Transpose16Test {
    private static final float SENTINEL = -7.25f;

    @Test
    void movesEveryElementToItsTransposedPlaceAndNothingElse() {
        assumeTrue(Species.LANES == Transpose16.SIZE, "only used with 512-bit vectors");
        SplittableRandom random = new SplittableRandom(3);
        int rowLength = 37;
        int from = 5;
        int stride = 48;
        int to = 3;
        float[] src = new float[from + 15 * rowLength + 16 + 4];
        for (int i = 0; i < src.length; i++) {
            src[i] = (float) random.nextDouble();
        }
        // -0.0, NaN and infinities must arrive as they are: the block only moves bits.
        src[from + 2 * rowLength + 3] = -0f;
        src[from + 7 * rowLength + 11] = Float.intBitsToFloat(0x7fc01234);
        src[from + 15 * rowLength + 15] = Float.NEGATIVE_INFINITY;
        float[] dst = new float[to + 15 * stride + 16 + 4];
        Arrays.fill(dst, SENTINEL);

        Transpose16.block(src, from, rowLength, dst, to, stride);

        float[] expected = new float[dst.length];
        Arrays.fill(expected, SENTINEL);
        for (int j = 0; j < 16; j++) {
            for (int q = 0; q < 16; q++) {
                expected[to + q * stride + j] = src[from + j * rowLength + q];
            }
        }
        for (int i = 0; i < dst.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(dst[i]), "dst[" + i + "]");
        }
    }
}
