package org.nnj.simd.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.elementwise.Scans;
import org.nnj.simd.species.Species;

/**
 * What the sparse passes ({@link SparseWeightGradient}, {@link SparseDataGradient}) share: whether an output
 * gradient is sparse enough, the list of one plane's nonzero values (the steps of their
 * tiles), and where their channels-last images start in a workspace.
 */
final class SparseSteps {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;
    /**
     * Where a channels-last image starts: at an index 4 more than a multiple of 8 (see {@link #aligned}).
     * HotSpot's 64-bit float arrays start 16 bytes into the object, so such an index is 32 bytes past a cache
     * line's start or at one, and each 256-bit half of a vector load of a pixel's channels (every pixel 128
     * bytes) lies in one cache line. Zen 4 splits a 512-bit load into two such halves; a half that crosses
     * lines costs a second access, and with one load per FMA the weight-gradient tiles ran 25 % slower from
     * an index 16 bytes past a line (6.7 against 5.3 ms, the CNN's second layer, 22 % nonzero). Only the
     * speed depends on it, never a result.
     */
    static final int ALIGNMENT = 8;

    private SparseSteps() {
    }

    /** The first index from {@code at} that is 4 more than a multiple of 8 (see {@link #ALIGNMENT}). */
    static int aligned(int at) {
        return at + ((4 - at) & (ALIGNMENT - 1));
    }

    /**
     * True when at most {@code density} of the {@code planes} planes of {@code plane} floats at {@code dy[off]}
     * are nonzero.
     */
    static boolean sparse(int threads, float[] dy, int off, int planes, int plane, double density) {
        return Scans.nonzeros(threads, dy, off, planes, plane, plane) <= (long) (density * planes * plane);
    }

    /**
     * Appends the nonzero values of the {@code plane} values at {@code dy[from]}, in order, to {@code values},
     * and to {@code steps} where each one's pixel lies in a channels-last image at {@code image} whose pixels
     * are {@code channels} floats apart ({@code pixelOffsets[p]} pixels from its first); returns the new count.
     */
    static int nonzeros(float[] dy, int from, int plane, int[] pixelOffsets, int image, int channels, int[] steps,
                        float[] values, int count) {
        int p = 0;
        for (int end = S.loopBound(plane); p < end; p += L) {
            long bits = FloatVector.fromArray(S, dy, from + p).compare(VectorOperators.NE, 0f).toLong();
            while (bits != 0) {
                int at = p + Long.numberOfTrailingZeros(bits);
                steps[count] = image + pixelOffsets[at] * channels;
                values[count++] = dy[from + at];
                bits &= bits - 1;
            }
        }
        for (; p < plane; p++) {
            float v = dy[from + p];
            if (v != 0f) {
                steps[count] = image + pixelOffsets[p] * channels;
                values[count++] = v;
            }
        }
        return count;
    }
}
