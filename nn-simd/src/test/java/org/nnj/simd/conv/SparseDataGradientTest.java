package org.nnj.simd.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnj.fixtures.FloatArrays.bits;
import static org.nnj.simd.conv.SparseTestData.OFF;
import static org.nnj.simd.conv.SparseTestData.SENTINEL;
import static org.nnj.simd.conv.SparseTestData.conv;
import static org.nnj.simd.conv.SparseTestData.values;
import static org.nnj.simd.conv.SparseTestData.workspace;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnj.api.backend.Conv2dGeometry;

/**
 * {@link SparseDataGradient} against {@link DirectConvolution#backwardData}, the dense pass it stands in for:
 * the same bits of the input gradient on output gradients with 20 % nonzeros (among the zeros some
 * {@code -0}), for the CNN's second layer and for shapes with every option a backward-data pass can have here
 * (stride 1), on 1 and 2 threads; writes only inside the workspace and the input gradient; and
 * {@link SparseDataGradient#pays} turns down dense gradients and gradients or weights that are not finite.
 * With vectors narrower than 512 bits (the {@code species-256} run) neither pass runs.
 */
class SparseDataGradientTest {
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("CNN conv2", conv(5, 32, 64, 14, 14, 5, 5, 1, 1, 2, 2, 2, 2), 1),
                Arguments.of("CNN conv2, 2 threads", conv(7, 32, 64, 14, 14, 5, 5, 1, 1, 2, 2, 2, 2), 2),
                Arguments.of("24 input channels, 3x3", conv(3, 24, 16, 9, 11, 3, 3, 1, 1, 1, 1, 1, 1), 1),
                Arguments.of("unpadded", conv(4, 32, 32, 13, 12, 5, 5, 1, 1, 0, 0, 0, 0), 2),
                Arguments.of("dilation 2, asymmetric padding", conv(3, 30, 48, 10, 9, 3, 3, 1, 2, 4, 0, 1, 3), 1),
                Arguments.of("7x7: four tiles of taps", conv(2, 28, 80, 9, 9, 7, 7, 1, 1, 3, 3, 3, 3), 2),
                Arguments.of("2x3 kernel", conv(5, 32, 16, 6, 7, 2, 3, 1, 1, 1, 0, 0, 2), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void givesTheDensePasssBits(String name, Conv2dGeometry g, int threads) {
        assertEquals(DirectConvolution.available(), SparseDataGradient.suits(g), name);
        if (!DirectConvolution.available()) {
            return;
        }
        SplittableRandom random = new SplittableRandom(name.hashCode());
        float[] w = values(random, g.weightSize(), 0.9);
        float[] dy = values(random, g.outputSize(), 0.2);
        assertTrue(SparseDataGradient.pays(2, g, dy, OFF, w, OFF));
        DirectPlan plan = DirectPlan.of(g, threads);
        int size = new SimdConvolution(threads).workspaceSize(g);

        float[] dense = values(random, g.inputSize(), 1.0);
        float[] sparse = dense.clone();
        DirectConvolution.backwardData(plan, g, dy, OFF, w, OFF, dense, OFF, workspace(size), OFF);
        float[] work = workspace(size);
        SparseDataGradient.backwardData(plan, g, dy, OFF, w, OFF, sparse, OFF, work, OFF);

        assertArrayEquals(bits(dense), bits(sparse), "input gradient");
        assertEquals(SENTINEL, work[OFF - 1], "before the workspace");
        assertEquals(SENTINEL, work[OFF + size], "after the workspace");
    }

    @Test
    void paysOnlyForMostlyZeroFiniteGradientsAndFiniteWeights() {
        Conv2dGeometry g = conv(2, 32, 64, 14, 14, 5, 5, 1, 1, 2, 2, 2, 2);
        SplittableRandom random = new SplittableRandom(9);
        float[] w = values(random, g.weightSize(), 1.0);
        float[] dy = values(random, g.outputSize(), 0.2);
        assertTrue(SparseDataGradient.pays(2, g, dy, OFF, w, OFF));
        assertFalse(SparseDataGradient.pays(2, g, values(random, g.outputSize(), 0.3), OFF, w, OFF));
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] badGradient = dy.clone();
            badGradient[OFF + g.outputSize() - 1] = bad;
            assertFalse(SparseDataGradient.pays(2, g, badGradient, OFF, w, OFF), "gradient " + bad);
            float[] badWeights = w.clone();
            badWeights[OFF + g.weightSize() / 3] = bad;
            assertFalse(SparseDataGradient.pays(2, g, dy, OFF, badWeights, OFF), "weights " + bad);
        }
    }

    @Test
    void suitsStrideOneAndTwoVectorsOfInputChannels() {
        if (!DirectConvolution.available()) {
            assertFalse(SparseDataGradient.suits(conv(1, 32, 64, 8, 8, 5, 5, 1, 1, 2, 2, 2, 2)));
            return;
        }
        assertTrue(SparseDataGradient.suits(conv(1, 32, 64, 8, 8, 5, 5, 1, 1, 2, 2, 2, 2)));
        assertFalse(SparseDataGradient.suits(conv(1, 32, 64, 8, 8, 5, 5, 2, 1, 2, 2, 2, 2)), "stride 2");
        assertFalse(SparseDataGradient.suits(conv(1, 16, 64, 8, 8, 5, 5, 1, 1, 2, 2, 2, 2)), "one vector");
        assertFalse(SparseDataGradient.suits(conv(1, 20, 64, 8, 8, 5, 5, 1, 1, 2, 2, 2, 2)), "lanes not filled");
        assertFalse(SparseDataGradient.suits(conv(1, 48, 64, 8, 8, 5, 5, 1, 1, 2, 2, 2, 2)), "three vectors");
    }
}
