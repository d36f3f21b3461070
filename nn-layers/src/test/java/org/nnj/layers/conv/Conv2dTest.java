package org.nnj.layers.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.PaddingMode;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.model.CallContext;
import org.nnj.core.model.Sequential;
import org.nnj.testkit.GradientChecker;
import org.nnj.layers.dense.DenseInit;
import org.nnj.layers.testing.TestBuildContext;

class Conv2dTest {
    private static final ComputeBackend BACKEND = new ScalarBackend();
    private static final String[] MODES = {"zeros", "reflect", "symmetric", "replicate"};

    private static Conv2d build(Shape input, Config config) {
        return (Conv2d) new Conv2dProvider().create(config, TestBuildContext.of(input, 3L, "conv2d"));
    }

    // ---------------------------------------------------------------- an independent oracle

    /**
     * Where padded position {@code i} reads from in a line of {@code n}, written from numpy's definitions
     * rather than with {@link PaddingMode}: -1 for a zero.
     */
    private static int source(String mode, int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        switch (mode) {
            case "zeros":
                return -1;
            case "replicate":
                return i < 0 ? 0 : n - 1;
            case "reflect": // ... 2 1 | 0 1 2 ... n-1 | n-2 n-3 ...
                return i < 0 ? -i : 2 * n - 2 - i;
            case "symmetric": // ... 1 0 | 0 1 2 ... n-1 | n-1 n-2 ...
                return i < 0 ? -1 - i : 2 * n - 1 - i;
            default:
                throw new IllegalArgumentException(mode);
        }
    }

    /** The layer's forward pass by the definition, seven loops in double precision. */
    private static double[] naive(Conv2d conv, String mode, float[] x, int batch, int[] k, int[] s, int[] d) {
        Shape in = conv.inputShape();
        Shape out = conv.outputShape();
        int channels = in.dim(0);
        int h = in.dim(1);
        int w = in.dim(2);
        int[] pad = conv.paddingSides();
        float[] weights = conv.weight().value().toArray();
        float[] bias = conv.bias().map(p -> p.value().toArray()).orElse(new float[out.dim(0)]);
        double[] y = new double[batch * out.size()];
        int idx = 0;
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < out.dim(0); o++) {
                for (int i = 0; i < out.dim(1); i++) {
                    for (int j = 0; j < out.dim(2); j++) {
                        double sum = bias[o];
                        for (int c = 0; c < channels; c++) {
                            for (int p = 0; p < k[0]; p++) {
                                for (int q = 0; q < k[1]; q++) {
                                    int r = source(mode, i * s[0] - pad[0] + p * d[0], h);
                                    int col = source(mode, j * s[1] - pad[2] + q * d[1], w);
                                    if (r < 0 || col < 0) {
                                        continue;
                                    }
                                    sum += (double) weights[((o * channels + c) * k[0] + p) * k[1] + q]
                                            * x[((n * channels + c) * h + r) * w + col];
                                }
                            }
                        }
                        y[idx++] = sum;
                    }
                }
            }
        }
        return y;
    }

    private static Tensor random(Shape shape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble(-2, 2);
        }
        return Tensor.wrap(v, shape);
    }

    @ParameterizedTest(name = "input {0}, kernel {1}, stride {2}, dilation {3}, padding {4}")
    @CsvSource(delimiter = ';', value = {
        "2x5x7; 3x2; 1x1; 1x1; 1x2x1x0",
        "2x5x7; 3x2; 2x2; 1x1; 1x2x1x0",
        "1x6x6; 3x3; 2x1; 1x1; same",
        "3x7x5; 2x3; 1x2; 2x1; 2x1x0x2",
        "1x9x8; 4x4; 1x1; 1x1; same",
        "2x4x4; 1x1; 2x2; 1x1; 1x1x1x1"})
    void everyModeMatchesTheDefinition(String input, String kernel, String stride, String dilation, String padding) {
        Shape in = Shape.of(ints(input));
        int[] k = ints(kernel);
        int[] s = ints(stride);
        int[] d = ints(dilation);
        Object pad = padding.equals("same") ? "same" : ints(padding);
        for (String mode : MODES) {
            Conv2d conv = build(in, Config.of("filters", 3, "kernel", k, "stride", s, "dilation", d, "padding", pad,
                    "padding_mode", mode));
            conv.bias().orElseThrow().value().copyFrom(random(Shape.of(3), 9L));
            int batch = 2;
            Tensor x = random(in.withBatch(batch), 5L);
            float[] y = conv.forward(x, CallContext.inference(BACKEND)).toArray();
            double[] expected = naive(conv, mode, x.toArray(), batch, k, s, d);
            for (int i = 0; i < y.length; i++) {
                assertEquals(expected[i], y[i], 1e-5 * (1 + Math.abs(expected[i])), mode + " y[" + i + "] of " + conv);
            }
        }
    }

    private static int[] ints(String text) {
        return java.util.Arrays.stream(text.trim().split("x")).mapToInt(Integer::parseInt).toArray();
    }

    // ---------------------------------------------------------------- finite differences

    @ParameterizedTest(name = "{0} padding, stride {1}")
    @CsvSource({
        "zeros, 1", "zeros, 2", "reflect, 1", "reflect, 2", "symmetric, 1", "symmetric, 2",
        "replicate, 1", "replicate, 2", "none, 1", "none, 2"})
    void gradientsMatchFiniteDifferences(String mode, int stride) {
        // Odd sizes everywhere: 3 channels of 5x7, a 3x2 kernel, 2 filters, asymmetric padding.
        Config config = Config.of("filters", 2, "kernel", new int[] {3, 2}, "stride", stride, "padding_mode", mode);
        if (!mode.equals("none")) {
            config = config.with("padding", new int[] {1, 2, 2, 1});
        }
        Conv2d conv = build(Shape.of(3, 5, 7), config);
        GradientChecker.checkLayer(conv, BACKEND, 3, 17L + stride);
    }

    @ParameterizedTest(name = "{0} padding, \"same\", stride {1}, dilation 2")
    @CsvSource({"zeros, 1", "reflect, 2", "symmetric, 1", "replicate, 2"})
    void gradientsWithSamePaddingAndDilationMatchFiniteDifferences(String mode, int stride) {
        Conv2d conv = build(Shape.of(2, 7, 6), Config.of("filters", 3, "kernel", 3, "stride", stride, "dilation", 2,
                "padding", "same", "padding_mode", mode, "bias", false));
        GradientChecker.checkLayer(conv, BACKEND, 2, 23L);
    }

    @Test
    void gradientsMatchOnATwoThreadedBackendWithABatchLargeEnoughToSplit() {
        Conv2d conv = build(Shape.of(6, 12, 12), Config.of("filters", 16, "kernel", 5));
        GradientChecker.checkLayer(conv, new ScalarBackend(2), 8, 29L);
    }

    // ---------------------------------------------------------------- shapes

    @Test
    void sameKeepsTheSizeForStrideOneAndDividesItByTheStride() {
        assertEquals(Shape.of(32, 28, 28), build(Shape.of(1, 28, 28), Config.of("filters", 32, "kernel", 5,
                "padding", "same")).outputShape());
        Conv2d even = build(Shape.of(1, 10, 9), Config.of("filters", 1, "kernel", 4, "padding", "same"));
        assertEquals(Shape.of(1, 10, 9), even.outputShape());
        assertArrayEquals(new int[] {1, 2, 1, 2}, even.paddingSides(), "the odd pixel goes to the bottom and the right");
        Conv2d strided = build(Shape.of(1, 10, 9), Config.of("filters", 1, "kernel", 3, "stride", 2, "padding", "same"));
        assertEquals(Shape.of(1, 5, 5), strided.outputShape(), "ceil(10 / 2) x ceil(9 / 2)");
        assertArrayEquals(new int[] {0, 1, 1, 1}, strided.paddingSides());
    }

    @Test
    void lenetShapes() {
        Conv2d first = build(Shape.of(1, 28, 28), Config.of("filters", 6, "kernel", 5));
        assertEquals(Shape.of(6, 24, 24), first.outputShape());
        assertEquals(Shape.of(6, 1, 5, 5), first.weight().shape());
        assertEquals(Shape.of(16, 8, 8), build(Shape.of(6, 12, 12), Config.of("filters", 16, "kernel", 5)).outputShape());
        assertEquals("conv2d(5x5, stride 1x1, padding 0/zeros)[1, 28, 28] -> [6, 24, 24]", first.toString());
    }

    @Test
    void aKernelLargerThanThePaddedInputIsRejectedNamingTheLayerAndTheShapes() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> build(Shape.of(2, 4, 4), Config.of("filters", 3, "kernel", 5, "padding", new int[] {0, 0})));
        assertTrue(e.getMessage().startsWith("layer 0 (conv2d): "), e.getMessage());
        assertTrue(e.getMessage().contains("[2, 4, 4]") && e.getMessage().contains("5x5")
                && e.getMessage().contains("padded input 4x4"), e.getMessage());

        // Padding makes it fit; with dilation it does not.
        build(Shape.of(2, 4, 4), Config.of("filters", 3, "kernel", 5, "padding", 1));
        ShapeException dilated = assertThrows(ShapeException.class,
                () -> build(Shape.of(2, 4, 4), Config.of("filters", 3, "kernel", 3, "dilation", 3, "padding", 1)));
        assertTrue(dilated.getMessage().contains("spanning 7x7") && dilated.getMessage().contains("padded input 6x6"),
                dilated.getMessage());
    }

    @Test
    void aModelWithATooLargeKernelFailsWhenBuiltWithTheLayerIndex() {
        ShapeException e = assertThrows(ShapeException.class, () -> Sequential.builder(Shape.of(1, 28, 28))
                .add("conv2d", Config.of("filters", 6, "kernel", 5))
                .add("max_pool2d", Config.of("kernel", 2))
                .add("conv2d", Config.of("filters", 16, "kernel", 5))
                .add("max_pool2d", Config.of("kernel", 2))
                .add("conv2d", Config.of("filters", 16, "kernel", 5))
                .build());
        assertTrue(e.getMessage().contains("layer 4 (conv2d)") && e.getMessage().contains("[16, 4, 4]"),
                e.getMessage());
    }

    @Test
    void reflectPaddingBeyondTheImageIsRejected() {
        ShapeException e = assertThrows(ShapeException.class, () -> build(Shape.of(1, 3, 8),
                Config.of("filters", 1, "kernel", 3, "padding", 3, "padding_mode", "reflect")));
        assertTrue(e.getMessage().startsWith("layer 0 (conv2d): ") && e.getMessage().contains("reflect padding can add"
                + " at most 2"), e.getMessage());
        build(Shape.of(1, 3, 8), Config.of("filters", 1, "kernel", 3, "padding", 3, "padding_mode", "symmetric"));
    }

    @Test
    void aFlatInputIsRejectedWithAHint() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> build(Shape.of(784), Config.of("filters", 6, "kernel", 5)));
        assertTrue(e.getMessage().contains("[channels, height, width]") && e.getMessage().contains("[1, 28, 28]"),
                e.getMessage());
    }

    // ---------------------------------------------------------------- passes

    @Test
    void skipsTheInputGradientWhenNobodyNeedsIt() {
        Conv2d conv = build(Shape.of(1, 5, 5), Config.of("filters", 2, "kernel", 3, "padding", 1,
                "padding_mode", "reflect"));
        CallContext context = new CallContext(BACKEND, true, false, 0L);
        Tensor y = conv.forward(random(Shape.of(2, 1, 5, 5), 1L), context);
        assertNull(conv.backward(y.copy(), context));
        assertNotEquals(0f, conv.weight().gradient().getFlat(0), "the weight gradient is still computed");
    }

    @Test
    void aTrainingStepReusesItsBuffersOnceTheyExist() {
        Conv2d conv = build(Shape.of(2, 6, 6), Config.of("filters", 3, "kernel", 3, "padding", 1,
                "padding_mode", "replicate"));
        CallContext context = new CallContext(BACKEND, true, true, 0L);
        Tensor x = random(Shape.of(4, 2, 6, 6), 1L);
        Tensor y1 = conv.forward(x, context);
        Tensor dx1 = conv.backward(y1.copy(), context);
        context.reset(1L);
        Tensor y2 = conv.forward(x, context);
        Tensor dx2 = conv.backward(y2.copy(), context);
        assertSame(y1.data(), y2.data());
        assertSame(dx1.data(), dx2.data());
    }

    @Test
    void withoutBiasThereIsOnlyTheWeight() {
        Conv2d conv = build(Shape.of(1, 4, 4), Config.of("filters", 2, "kernel", 2, "bias", false));
        assertEquals(List.of("weight"), conv.parameters().stream().map(Parameter::name).toList());
    }

    // ---------------------------------------------------------------- initialisation

    @Test
    void heUsesTheFanInOfTheReceptiveField() {
        Conv2d conv = build(Shape.of(8, 10, 10), Config.of("filters", 64, "kernel", 5, "init", "he"));
        float[] w = conv.weight().value().toArray();
        double squares = 0;
        for (float v : w) {
            squares += (double) v * v;
        }
        double expected = Math.sqrt(2.0 / (8 * 25));
        assertEquals(expected, Math.sqrt(squares / w.length), 0.03 * expected);
    }

    @Test
    void xavierStaysWithinTheLimitOfTheFans() {
        Conv2d conv = build(Shape.of(3, 8, 8), Config.of("filters", 4, "kernel", 3));
        double limit = Math.sqrt(6.0 / (3 * 9 + 4 * 9));
        for (float v : conv.weight().value().toArray()) {
            assertTrue(Math.abs(v) <= limit);
        }
        assertArrayEquals(conv.weight().value().toArray(), build(Shape.of(3, 8, 8),
                Config.of("filters", 4, "kernel", 3)).weight().value().toArray(), "same seed, same weights");
    }

    // ---------------------------------------------------------------- provider and config

    @Test
    void configRoundTripsThroughTheProvider() {
        List<Config> configs = List.of(
                Config.of("filters", 6, "kernel", 5),
                Config.of("filters", 4, "kernel", new int[] {3, 2}, "stride", new int[] {2, 1}, "dilation", 2,
                        "padding", "same", "padding_mode", "reflect", "bias", false, "init", "he"),
                Config.of("filters", 2, "kernel", 3, "padding", new int[] {1, 2}, "padding_mode", "symmetric"),
                Config.of("filters", 2, "kernel", 3, "padding", new int[] {0, 1, 2, 1}, "padding_mode", "replicate"));
        for (Config config : configs) {
            Conv2d layer = build(Shape.of(3, 9, 8), config);
            Layer rebuilt = new Conv2dProvider().create(layer.config(), TestBuildContext.of(layer.inputShape(), 3L, "conv2d"));
            assertEquals(layer.config(), rebuilt.config());
            assertEquals(layer.outputShape(), rebuilt.outputShape());
            assertArrayEquals(layer.weight().value().toArray(), ((Conv2d) rebuilt).weight().value().toArray());
        }
        assertEquals(Config.of("filters", 6, "kernel", new int[] {5, 5}, "stride", new int[] {1, 1},
                "dilation", new int[] {1, 1}, "padding", new int[] {0, 0, 0, 0}, "padding_mode", "zeros",
                "bias", true, "init", "xavier"), build(Shape.of(1, 28, 28), configs.get(0)).config());
    }

    @Test
    void acceptsConfigsParsedFromText() {
        Conv2d conv = build(Shape.of(1, 28, 28), Config.parse("filters=32,kernel=5,padding=same,padding_mode=reflect"));
        assertEquals(Shape.of(32, 28, 28), conv.outputShape());
        assertEquals(PaddingMode.REFLECT, conv.paddingMode());
        Conv2d rect = build(Shape.of(1, 28, 28), Config.parse("filters=2,kernel=3x5,stride=1x2"));
        assertEquals(Shape.of(2, 26, 12), rect.outputShape());
    }

    @Test
    void providerErrorsNameTheLayerAndTheKey() {
        Shape in = Shape.of(1, 8, 8);
        ConfigException kernel = assertThrows(ConfigException.class, () -> build(in, Config.of("filters", 2)));
        assertTrue(kernel.getMessage().contains("layer 0 (conv2d)") && kernel.getMessage().contains("'kernel'"),
                kernel.getMessage());
        ConfigException mode = assertThrows(ConfigException.class,
                () -> build(in, Config.of("filters", 2, "kernel", 3, "padding_mode", "circular")));
        assertTrue(mode.getMessage().contains("zeros, reflect, symmetric, replicate")
                && mode.getMessage().contains("circular"), mode.getMessage());
        ConfigException none = assertThrows(ConfigException.class,
                () -> build(in, Config.of("filters", 2, "kernel", 3, "padding", 1, "padding_mode", "none")));
        assertTrue(none.getMessage().contains("\"none\" means no padding"), none.getMessage());
        ConfigException three = assertThrows(ConfigException.class,
                () -> build(in, Config.of("filters", 2, "kernel", 3, "padding", new int[] {1, 2, 3})));
        assertTrue(three.getMessage().contains("'padding'"), three.getMessage());
        ConfigException word = assertThrows(ConfigException.class,
                () -> build(in, Config.of("filters", 2, "kernel", 3, "padding", "full")));
        assertTrue(word.getMessage().contains("\"full\""), word.getMessage());
        ConfigException stride = assertThrows(ConfigException.class,
                () -> build(in, Config.of("filters", 2, "kernel", 3, "stride", 0)));
        assertTrue(stride.getMessage().contains("'stride' must be at least 1"), stride.getMessage());
        ConfigException typo = assertThrows(ConfigException.class,
                () -> build(in, Config.of("filters", 2, "kernel", 3, "kernel_size", 3)));
        assertTrue(typo.getMessage().contains("kernel_size"), typo.getMessage());
        assertThrows(ConfigException.class, () -> build(in, Config.of("filters", 0, "kernel", 3)));
        assertThrows(ConfigException.class, () -> Conv2d.builder(2).build(in, 0L));
    }

    @Test
    void theJavaBuilderGivesTheSameLayerAsTheProvider() {
        Conv2d built = Conv2d.builder(4).kernel(3, 2).stride(2).padding(Conv2dPadding.of(1, 0))
                .paddingMode(PaddingMode.SYMMETRIC).init(DenseInit.HE).build(Shape.of(2, 7, 7), 3L);
        Conv2d provided = build(Shape.of(2, 7, 7), built.config());
        assertEquals(built.config(), provided.config());
        assertArrayEquals(built.weight().value().toArray(), provided.weight().value().toArray());
    }
}
