package org.nnj.layers.pooling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.model.CallContext;
import org.nnj.testkit.GradientCheckOptions;
import org.nnj.testkit.GradientChecker;
import org.nnj.layers.testing.TestBuildContext;

class PoolingTest {
    private static final ComputeBackend BACKEND = new ScalarBackend();

    /** Two channels of 4x4: the second is the first times -1. */
    private static final Tensor IMAGES = Tensor.of(new float[] {
        1, 3, 2, 0,
        4, 2, 2, 1,
        -1, -2, 5, 5,
        -3, -4, 5, 6,
        -1, -3, -2, 0,
        -4, -2, -2, -1,
        1, 2, -5, -5,
        3, 4, -5, -6}, 1, 2, 4, 4);

    private static Layer max(Shape in, Config config) {
        return new MaxPool2dProvider().create(config, TestBuildContext.of(in, 0L, "max_pool2d"));
    }

    private static Layer avg(Shape in, Config config) {
        return new AvgPool2dProvider().create(config, TestBuildContext.of(in, 0L, "avg_pool2d"));
    }

    // ---------------------------------------------------------------- by hand

    @Test
    void maxPoolTwoByTwoByHand() {
        Layer pool = max(Shape.of(2, 4, 4), Config.of("kernel", 2));
        assertEquals(Shape.of(2, 2, 2), pool.outputShape());
        CallContext context = new CallContext(BACKEND, true, true, 0L);
        assertArrayEquals(new float[] {4, 2, -1, 6, -1, 0, 4, -5}, pool.forward(IMAGES, context).toArray());
        Tensor dx = pool.backward(Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 2, 2, 2), context);
        assertArrayEquals(new float[] {
            0, 0, 2, 0, 1, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 4,
            5, 0, 0, 6, 0, 0, 0, 0, 0, 0, 8, 0, 0, 7, 0, 0}, dx.toArray(),
                "each gradient on its window's (first) maximum");
    }

    @Test
    void avgPoolTwoByTwoByHand() {
        Layer pool = avg(Shape.of(2, 4, 4), Config.of("kernel", 2));
        CallContext context = new CallContext(BACKEND, true, true, 0L);
        assertArrayEquals(new float[] {2.5f, 1.25f, -2.5f, 5.25f, -2.5f, -1.25f, 2.5f, -5.25f},
                pool.forward(IMAGES, context).toArray());
        Tensor dx = pool.backward(Tensor.of(new float[] {4, 8, 0, 0, 0, 0, 0, -4}, 1, 2, 2, 2), context);
        float[] expected = new float[32];
        for (int i : new int[] {0, 1, 4, 5}) {
            expected[i] = 1;
        }
        for (int i : new int[] {2, 3, 6, 7}) {
            expected[i] = 2;
        }
        for (int i : new int[] {26, 27, 30, 31}) {
            expected[i] = -1;
        }
        assertArrayEquals(expected, dx.toArray());
    }

    @Test
    void avgPoolCountsPaddingAsPyTorchDoesUnlessToldNotTo() {
        Tensor ones = Tensor.zeros(1, 1, 3, 3);
        ones.fill(1f);
        Layer included = avg(Shape.of(1, 3, 3), Config.of("kernel", 3, "stride", 1, "padding", 1));
        float[] y = included.forward(ones, CallContext.inference(BACKEND)).toArray();
        assertEquals(4 / 9f, y[0], 1e-7, "a corner window holds 4 pixels and 5 zeros");
        assertEquals(1f, y[4], 1e-7);
        Layer excluded = avg(Shape.of(1, 3, 3), Config.of("kernel", 3, "stride", 1, "padding", 1,
                "count_include_pad", false));
        for (float v : excluded.forward(ones, CallContext.inference(BACKEND)).toArray()) {
            assertEquals(1f, v, 1e-7);
        }
    }

    // ---------------------------------------------------------------- PyTorch's defaults and shapes

    @Test
    void theStrideDefaultsToTheKernelAndThePaddingToZero() {
        Layer pool = max(Shape.of(6, 24, 24), Config.of("kernel", 2));
        assertEquals(Config.of("kernel", new int[] {2, 2}, "stride", new int[] {2, 2}, "padding", new int[] {0, 0}),
                pool.config());
        assertEquals(Shape.of(6, 12, 12), pool.outputShape());
        assertEquals(Shape.of(6, 3, 3), max(Shape.of(6, 7, 7), Config.of("kernel", 2)).outputShape(),
                "rounded down, as ceil_mode=False");
        assertEquals(Shape.of(3, 4, 3), avg(Shape.of(3, 9, 9), Config.of("kernel", new int[] {3, 2},
                "stride", new int[] {2, 3})).outputShape());
        assertEquals(Config.of("kernel", new int[] {2, 2}, "stride", new int[] {2, 2}, "padding", new int[] {0, 0},
                "count_include_pad", true), avg(Shape.of(1, 4, 4), Config.of("kernel", 2)).config());
        assertEquals("max_pool2d(2x2, stride 2x2)[6, 24, 24] -> [6, 12, 12]", pool.toString());
    }

    @Test
    void configsRoundTrip() {
        Layer pool = max(Shape.of(2, 9, 8), Config.of("kernel", 3, "stride", new int[] {2, 1}, "padding", 1));
        assertEquals(pool.config(), max(pool.inputShape(), pool.config()).config());
        Layer mean = avg(Shape.of(2, 9, 8), Config.of("kernel", 3, "padding", 1, "count_include_pad", false));
        assertEquals(mean.config(), avg(mean.inputShape(), mean.config()).config());
        assertEquals(pool.outputShape(), new MaxPool2d(Shape.of(2, 9, 8), new int[] {3, 3}, new int[] {2, 1},
                new int[] {1, 1}, "x").outputShape());
    }

    @Test
    void badShapesAndKeysNameTheLayer() {
        ShapeException big = assertThrows(ShapeException.class, () -> max(Shape.of(1, 3, 3), Config.of("kernel", 4)));
        assertTrue(big.getMessage().startsWith("layer 0 (max_pool2d): ") && big.getMessage().contains("[1, 3, 3]")
                && big.getMessage().contains("4x4"), big.getMessage());
        ShapeException pad = assertThrows(ShapeException.class,
                () -> avg(Shape.of(1, 8, 8), Config.of("kernel", 2, "padding", 2)));
        assertTrue(pad.getMessage().startsWith("layer 0 (avg_pool2d): ")
                && pad.getMessage().contains("at most half the kernel"), pad.getMessage());
        ShapeException flat = assertThrows(ShapeException.class, () -> max(Shape.of(16), Config.of("kernel", 2)));
        assertTrue(flat.getMessage().contains("[channels, height, width]"), flat.getMessage());
        ConfigException kernel = assertThrows(ConfigException.class, () -> max(Shape.of(1, 4, 4), Config.empty()));
        assertTrue(kernel.getMessage().contains("'kernel'"), kernel.getMessage());
        assertThrows(ConfigException.class, () -> avg(Shape.of(1, 4, 4), Config.of("kernel", 2, "ceil_mode", true)));
        assertThrows(ConfigException.class, () -> max(Shape.of(1, 4, 4), Config.of("kernel", 2, "stride", 0)));
    }

    @Test
    void skipsTheInputGradientWhenNobodyNeedsIt() {
        CallContext context = new CallContext(BACKEND, true, false, 0L);
        for (Layer pool : new Layer[] {max(Shape.of(2, 4, 4), Config.of("kernel", 2)),
            avg(Shape.of(2, 4, 4), Config.of("kernel", 2))}) {
            context.reset(0L);
            Tensor y = pool.forward(IMAGES, context);
            assertNull(pool.backward(y, context));
        }
    }

    // ---------------------------------------------------------------- finite differences

    /**
     * Max pooling is piecewise linear: a step of 1e-3 keeps the winner of a window unless two of its inputs
     * lie that close, which the fixed seeds avoid; the values it copies are exact, so the tolerances hold.
     */
    private static final GradientCheckOptions MAX_OPTIONS = GradientCheckOptions.defaults().withEpsilon(1e-3);

    @ParameterizedTest(name = "kernel {0}, stride {1}, padding {2}")
    @CsvSource({"2, 2, 0", "3, 2, 1", "3, 1, 1", "2x3, 1x2, 1x0", "3, 3, 0"})
    void gradientsMatchFiniteDifferences(String kernel, String stride, String padding) {
        Config config = Config.parse("kernel=" + kernel + ",stride=" + stride + ",padding=" + padding);
        Shape in = Shape.of(2, 7, 5);
        GradientChecker.checkLayer(max(in, config), BACKEND, 2, 31L, MAX_OPTIONS);
        GradientChecker.checkLayer(avg(in, config), BACKEND, 2, 37L);
        GradientChecker.checkLayer(avg(in, config.with("count_include_pad", false)), BACKEND, 2, 41L);
    }
}
