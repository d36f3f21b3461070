package org.nnj.layers.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.Pad2dGeometry;
import org.nnj.api.backend.PaddingMode;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.model.CallContext;
import org.nnj.layers.testing.TestBuildContext;

/**
 * Every padding mode of {@link Conv2d} on one small case whose answers come from numpy: a 1-channel 3x4 image
 * {@code 1..12}, the 2x3 kernel {@code [[1, 0, -1], [2, 1, 0]]}, bias 0.5, and padding top 1, bottom 2,
 * left 2, right 1. The numbers below are the output of {@code conv2d_padding_modes.py} beside this file
 * (numpy's {@code np.pad} modes constant, reflect, symmetric and edge, and a float64 cross-correlation).
 *
 * <p>By hand, for a first check of the script: the valid output at (0, 0) is
 * {@code 1*1 + 3*(-1) + 5*2 + 6*1 + 0.5 = 14.5}; the reflect-padded first row is row 1 of the image
 * mirrored without its edge, {@code 7 6 | 5 6 7 8 | 7}; the symmetric one repeats the edge,
 * {@code 2 1 | 1 2 3 4 | 4}, and it is row 0 because the mirror of row -1 is row 0.
 */
class Conv2dPaddingModesTest {
    private static final ComputeBackend BACKEND = new ScalarBackend();
    private static final float[] IMAGE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    private static final float[] KERNEL = {1, 0, -1, 2, 1, 0};
    private static final int[] PADDING = {1, 2, 2, 1};

    /** valid, 2x2. */
    private static final float[] VALID = {14.5f, 17.5f, 26.5f, 29.5f};
    /** zeros padded, 6x7. */
    private static final float[] ZEROS_PADDED = {0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 1f, 2f, 3f, 4f, 0f, 0f, 0f, 5f, 6f, 7f, 8f, 0f, 0f, 0f, 9f, 10f, 11f, 12f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f};
    /** zeros stride 1, 5x5. */
    private static final float[] ZEROS_STRIDE_1 = {0.5f, 1.5f, 4.5f, 7.5f, 10.5f, -0.5f, 3.5f, 14.5f, 17.5f, 25.5f, -4.5f, 3.5f, 26.5f, 29.5f, 41.5f, -8.5f, -9.5f, -1.5f, -1.5f, 11.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f};
    /** reflect padded, 6x7. */
    private static final float[] REFLECT_PADDED = {7f, 6f, 5f, 6f, 7f, 8f, 7f, 3f, 2f, 1f, 2f, 3f, 4f, 3f, 7f, 6f, 5f, 6f, 7f, 8f, 7f, 11f, 10f, 9f, 10f, 11f, 12f, 11f, 7f, 6f, 5f, 6f, 7f, 8f, 7f, 3f, 2f, 1f, 2f, 3f, 4f, 3f};
    /** reflect stride 1, 5x5. */
    private static final float[] REFLECT_STRIDE_1 = {10.5f, 5.5f, 2.5f, 5.5f, 10.5f, 22.5f, 17.5f, 14.5f, 17.5f, 22.5f, 34.5f, 29.5f, 26.5f, 29.5f, 34.5f, 22.5f, 17.5f, 14.5f, 17.5f, 22.5f, 10.5f, 5.5f, 2.5f, 5.5f, 10.5f};
    /** symmetric padded, 6x7. */
    private static final float[] SYMMETRIC_PADDED = {2f, 1f, 1f, 2f, 3f, 4f, 4f, 2f, 1f, 1f, 2f, 3f, 4f, 4f, 6f, 5f, 5f, 6f, 7f, 8f, 8f, 10f, 9f, 9f, 10f, 11f, 12f, 12f, 10f, 9f, 9f, 10f, 11f, 12f, 12f, 6f, 5f, 5f, 6f, 7f, 8f, 8f};
    /** symmetric stride 1, 5x5. */
    private static final float[] SYMMETRIC_STRIDE_1 = {6.5f, 2.5f, 2.5f, 5.5f, 9.5f, 18.5f, 14.5f, 14.5f, 17.5f, 21.5f, 30.5f, 26.5f, 26.5f, 29.5f, 33.5f, 30.5f, 26.5f, 26.5f, 29.5f, 33.5f, 18.5f, 14.5f, 14.5f, 17.5f, 21.5f};
    /** replicate padded, 6x7. */
    private static final float[] REPLICATE_PADDED = {1f, 1f, 1f, 2f, 3f, 4f, 4f, 1f, 1f, 1f, 2f, 3f, 4f, 4f, 5f, 5f, 5f, 6f, 7f, 8f, 8f, 9f, 9f, 9f, 10f, 11f, 12f, 12f, 9f, 9f, 9f, 10f, 11f, 12f, 12f, 9f, 9f, 9f, 10f, 11f, 12f, 12f};
    /** replicate stride 1, 5x5. */
    private static final float[] REPLICATE_STRIDE_1 = {3.5f, 2.5f, 2.5f, 5.5f, 9.5f, 15.5f, 14.5f, 14.5f, 17.5f, 21.5f, 27.5f, 26.5f, 26.5f, 29.5f, 33.5f, 27.5f, 26.5f, 26.5f, 29.5f, 33.5f, 27.5f, 26.5f, 26.5f, 29.5f, 33.5f};
    /** zeros stride 2, 3x3. */
    private static final float[] ZEROS_STRIDE_2 = {0.5f, 4.5f, 10.5f, -4.5f, 26.5f, 41.5f, 0.5f, 0.5f, 0.5f};
    /** reflect stride 2, 3x3. */
    private static final float[] REFLECT_STRIDE_2 = {10.5f, 2.5f, 10.5f, 34.5f, 26.5f, 34.5f, 10.5f, 2.5f, 10.5f};
    /** symmetric stride 2, 3x3. */
    private static final float[] SYMMETRIC_STRIDE_2 = {6.5f, 2.5f, 9.5f, 30.5f, 26.5f, 33.5f, 18.5f, 14.5f, 21.5f};
    /** replicate stride 2, 3x3. */
    private static final float[] REPLICATE_STRIDE_2 = {3.5f, 2.5f, 9.5f, 27.5f, 26.5f, 33.5f, 27.5f, 26.5f, 33.5f};

    /** The layer of the numpy case, built through its provider. */
    private static Conv2d layer(Config config) {
        Conv2d conv = (Conv2d) new Conv2dProvider().create(config.with("filters", 1).with("kernel", new int[] {2, 3}),
                TestBuildContext.of(Shape.of(1, 3, 4), 1L, "conv2d"));
        conv.weight().value().copyFrom(Tensor.of(KERNEL, 1, 1, 2, 3));
        conv.bias().orElseThrow().value().fill(0.5f);
        return conv;
    }

    private static float[] run(Conv2d conv) {
        return conv.forward(Tensor.of(IMAGE, 1, 1, 3, 4), CallContext.inference(BACKEND)).toArray();
    }

    private static void expect(String mode, int stride, float[] expected, int outHeight, int outWidth) {
        Conv2d conv = layer(Config.of("padding", PADDING, "padding_mode", mode, "stride", stride));
        assertEquals(Shape.of(1, outHeight, outWidth), conv.outputShape(), mode + " stride " + stride);
        assertArrayEquals(expected, run(conv), mode + " stride " + stride);
    }

    @Test
    void noPadding() {
        assertArrayEquals(VALID, run(layer(Config.empty())));
        assertArrayEquals(VALID, run(layer(Config.of("padding", "valid"))));
        assertArrayEquals(VALID, run(layer(Config.of("padding_mode", "none"))), "\"none\" is valid");
    }

    @Test
    void zeros() {
        expect("zeros", 1, ZEROS_STRIDE_1, 5, 5);
        expect("zeros", 2, ZEROS_STRIDE_2, 3, 3);
        expect("zero", 1, ZEROS_STRIDE_1, 5, 5);
    }

    @Test
    void reflect() {
        expect("reflect", 1, REFLECT_STRIDE_1, 5, 5);
        expect("reflect", 2, REFLECT_STRIDE_2, 3, 3);
    }

    @Test
    void symmetric() {
        expect("symmetric", 1, SYMMETRIC_STRIDE_1, 5, 5);
        expect("symmetric", 2, SYMMETRIC_STRIDE_2, 3, 3);
    }

    @Test
    void replicate() {
        expect("replicate", 1, REPLICATE_STRIDE_1, 5, 5);
        expect("replicate", 2, REPLICATE_STRIDE_2, 3, 3);
    }

    @Test
    void theBackendPadsTheImageAsNumpyDoes() {
        float[][] expected = {ZEROS_PADDED, REFLECT_PADDED, SYMMETRIC_PADDED, REPLICATE_PADDED};
        PaddingMode[] modes = {PaddingMode.ZEROS, PaddingMode.REFLECT, PaddingMode.SYMMETRIC, PaddingMode.REPLICATE};
        for (int m = 0; m < modes.length; m++) {
            Pad2dGeometry g = new Pad2dGeometry(modes[m], 1, 3, 4, PADDING[0], PADDING[1], PADDING[2], PADDING[3]);
            float[] y = new float[g.outputSize()];
            BACKEND.pad2d(g, IMAGE, 0, y, 0);
            assertArrayEquals(expected[m], y, modes[m].configName());
        }
    }
}
