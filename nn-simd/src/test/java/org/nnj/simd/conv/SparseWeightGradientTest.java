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
 * {@link SparseWeightGradient} against {@link DirectConvolution#backwardWeights}, the dense pass it stands in
 * for: the same bits of the weight and bias gradients on output gradients with 20 % nonzeros (among the
 * zeros some {@code -0}), for the CNN's second layer and for shapes with every option, on 1 and 2 threads;
 * writes only inside the workspace; and {@link SparseWeightGradient#pays} turns down dense gradients and
 * inputs that are not finite, whose products with a zero the dense pass keeps as NaN. With vectors narrower
 * than 512 bits (the {@code species-256} run) the direct kernels do not run, and neither does this pass.
 */
class SparseWeightGradientTest {
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("CNN conv2", conv(6, 32, 64, 14, 14, 5, 5, 1, 1, 2, 2, 2, 2), 1),
                Arguments.of("CNN conv2, 2 threads", conv(7, 32, 64, 14, 14, 5, 5, 1, 1, 2, 2, 2, 2), 2),
                Arguments.of("17 input channels, 3x3", conv(3, 17, 16, 9, 11, 3, 3, 1, 1, 1, 1, 1, 1), 1),
                Arguments.of("stride 2, unpadded", conv(4, 24, 32, 13, 12, 5, 5, 2, 1, 0, 0, 0, 0), 2),
                Arguments.of("dilation 2, asymmetric padding", conv(3, 32, 48, 10, 9, 3, 3, 1, 2, 2, 0, 1, 3), 1),
                Arguments.of("7x7: four tiles of taps", conv(2, 20, 80, 9, 9, 7, 7, 1, 1, 3, 3, 3, 3), 2),
                Arguments.of("1x2 kernel", conv(5, 30, 16, 6, 7, 1, 2, 1, 1, 0, 1, 0, 0), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void givesTheDensePasssBits(String name, Conv2dGeometry g, int threads) {
        assertEquals(DirectConvolution.available(), SparseWeightGradient.suits(g), name);
        if (!DirectConvolution.available()) {
            return;
        }
        SplittableRandom random = new SplittableRandom(name.hashCode());
        float[] x = values(random, g.inputSize(), 1.0);
        float[] dy = values(random, g.outputSize(), 0.2);
        assertTrue(SparseWeightGradient.pays(2, g, x, OFF, dy, OFF));
        float[] dw0 = values(random, g.weightSize(), 1.0);
        float[] db0 = values(random, g.outChannels(), 1.0);
        DirectPlan plan = DirectPlan.of(g, threads);
        int size = new SimdConvolution(threads).workspaceSize(g);

        float[] denseW = dw0.clone();
        float[] denseB = db0.clone();
        DirectConvolution.backwardWeights(plan, g, x, OFF, dy, OFF, denseW, OFF, denseB, OFF, workspace(size), OFF);
        float[] sparseW = dw0.clone();
        float[] sparseB = db0.clone();
        float[] work = workspace(size);
        SparseWeightGradient.backwardWeights(plan, g, x, OFF, dy, OFF, sparseW, OFF, sparseB, OFF, work, OFF);

        assertArrayEquals(bits(denseW), bits(sparseW), "weight gradient");
        assertArrayEquals(bits(denseB), bits(sparseB), "bias gradient");
        assertEquals(SENTINEL, work[OFF - 1], "before the workspace");
        assertEquals(SENTINEL, work[OFF + size], "after the workspace");
    }

    @Test
    void aLayerWithoutBiasGetsTheSameWeightGradient() {
        Conv2dGeometry g = conv(3, 32, 64, 14, 14, 5, 5, 1, 1, 2, 2, 2, 2);
        if (!SparseWeightGradient.suits(g)) {
            assertFalse(DirectConvolution.available());
            return;
        }
        SplittableRandom random = new SplittableRandom(11);
        float[] x = values(random, g.inputSize(), 1.0);
        float[] dy = values(random, g.outputSize(), 0.3);
        DirectPlan plan = DirectPlan.of(g, 1);
        float[] dense = new float[g.weightSize() + OFF];
        float[] sparse = new float[g.weightSize() + OFF];
        int size = new SimdConvolution(1).workspaceSize(g);
        DirectConvolution.backwardWeights(plan, g, x, OFF, dy, OFF, dense, OFF, null, 0, workspace(size), OFF);
        SparseWeightGradient.backwardWeights(plan, g, x, OFF, dy, OFF, sparse, OFF, null, 0, workspace(size), OFF);
        assertArrayEquals(bits(dense), bits(sparse));
    }

    @Test
    void paysOnlyForMostlyZeroGradientsOfFiniteInputs() {
        Conv2dGeometry g = conv(2, 32, 64, 14, 14, 5, 5, 1, 1, 2, 2, 2, 2);
        SplittableRandom random = new SplittableRandom(5);
        float[] x = values(random, g.inputSize(), 1.0);
        assertTrue(SparseWeightGradient.pays(2, g, x, OFF, values(random, g.outputSize(), 0.45), OFF));
        assertFalse(SparseWeightGradient.pays(2, g, x, OFF, values(random, g.outputSize(), 0.55), OFF));

        float[] dy = values(random, g.outputSize(), 0.2);
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            for (int at : new int[] {OFF, OFF + g.inputSize() / 2, OFF + g.inputSize() - 1}) {
                float[] poisoned = x.clone();
                poisoned[at] = bad;
                assertFalse(SparseWeightGradient.pays(2, g, poisoned, OFF, dy, OFF), bad + " at " + at);
            }
        }
        // Values outside the call's ranges do not count.
        float[] outside = x.clone();
        outside[OFF - 1] = Float.NaN;
        assertTrue(SparseWeightGradient.pays(2, g, outside, OFF, dy, OFF));
    }

    @Test
    void suitsTwoVectorsOfInputChannelsUnderTheDirectKernels() {
        if (!DirectConvolution.available()) {
            assertFalse(SparseWeightGradient.suits(conv(1, 32, 64, 8, 8, 5, 5, 1, 1, 2, 2, 2, 2)));
            return;
        }
        assertTrue(SparseWeightGradient.suits(conv(1, 32, 64, 8, 8, 5, 5, 1, 1, 2, 2, 2, 2)));
        assertFalse(SparseWeightGradient.suits(conv(1, 16, 64, 8, 8, 5, 5, 1, 1, 2, 2, 2, 2)), "one vector");
        assertFalse(SparseWeightGradient.suits(conv(1, 33, 64, 8, 8, 5, 5, 1, 1, 2, 2, 2, 2)), "three vectors");
        assertFalse(SparseWeightGradient.suits(conv(1, 32, 6, 8, 8, 5, 5, 1, 1, 2, 2, 2, 2)), "6 output lanes");
    }
}
