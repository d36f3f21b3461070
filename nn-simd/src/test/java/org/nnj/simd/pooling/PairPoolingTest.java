package org.nnj.simd.pooling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.Pool2dGeometry;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.simd.SimdBackend;

/**
 * The vectorised 2x2, stride-2 max pooling against the scalar reference, exactly: at the widths of the
 * models (24, 28, 14, 8) and around the vector width (a row of windows shorter than one step, one step and
 * a bit, several), odd sizes (an uncovered last row and column), with the data on a coarse grid so that
 * windows hold ties in every arrangement, ReLU-like runs of zeros, and NaN and infinities. The arrays end
 * right after the data, so the steps that would read or write past them take the scalar path.
 */
class PairPoolingTest {
    private static final ComputeBackend SCALAR = new ScalarBackend();
    private static final ComputeBackend SIMD = new SimdBackend(1);

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(3, 24, 24), Arguments.of(2, 28, 28), Arguments.of(5, 14, 14), Arguments.of(4, 8, 8),
                Arguments.of(3, 7, 9), Arguments.of(2, 5, 3), Arguments.of(2, 2, 2), Arguments.of(1, 3, 65),
                Arguments.of(2, 6, 34), Arguments.of(2, 4, 18), Arguments.of(1, 9, 33), Arguments.of(3, 3, 40));
    }

    @ParameterizedTest(name = "{0} planes of {1}x{2}")
    @MethodSource("shapes")
    void agreesWithTheScalarReferenceExactly(int planes, int h, int w) {
        Pool2dGeometry g = Pool2dGeometry.builder().batch(1).channels(planes).input(h, w).kernel(2, 2).build();
        SplittableRandom r = new SplittableRandom(planes * 1000L + h * 31L + w);
        int off = 2;
        float[] x = new float[off + g.inputSize()];
        for (int i = off; i < x.length; i++) {
            int kind = r.nextInt(40);
            // Mostly values from {-1, -0.5, ..., 1} (ties), some zeros in runs, a few NaN and infinities.
            x[i] = kind == 0 ? Float.NaN : kind == 1 ? Float.NEGATIVE_INFINITY : kind == 2 ? Float.POSITIVE_INFINITY
                    : kind < 12 ? 0f : (r.nextInt(5) - 2) / 2f;
        }
        float[] dy = new float[off + g.outputSize()];
        for (int i = off; i < dy.length; i++) {
            dy[i] = (float) r.nextDouble(-1, 1);
        }
        float[][] y = new float[2][off + g.outputSize()];
        float[][] dx = new float[2][off + g.inputSize()];
        ComputeBackend[] backends = {SCALAR, SIMD};
        for (int b = 0; b < 2; b++) {
            java.util.Arrays.fill(dx[b], 7f);
            backends[b].maxPool2dForward(g, x, off, y[b], off);
            backends[b].maxPool2dBackward(g, x, off, dy, off, dx[b], off);
        }
        for (int i = 0; i < y[0].length; i++) {
            // The same number; only the sign of a zero may differ (max picks +0 from -0 and +0).
            assertEquals(y[0][i], y[1][i], 0f, "forward, output " + (i - off));
        }
        for (int i = 0; i < dx[0].length; i++) {
            assertEquals(Float.floatToRawIntBits(dx[0][i]), Float.floatToRawIntBits(dx[1][i]),
                    "backward, input " + (i - off) + ": expected " + dx[0][i] + ", got " + dx[1][i]);
        }
    }
}
