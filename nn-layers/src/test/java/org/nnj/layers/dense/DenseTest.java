package org.nnj.layers.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.model.CallContext;
import org.nnj.testkit.GradientChecker;
import org.nnj.layers.testing.TestBuildContext;

class DenseTest {
    private static final ComputeBackend BACKEND = new ScalarBackend();

    /** W = [[1, 2, 3], [4, 5, 6]] (out 2, in 3), b = [0.5, -1]. */
    private static Dense tiny() {
        Dense dense = new Dense(3, 2, 1L);
        dense.weight().value().copyFrom(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        dense.bias().orElseThrow().value().copyFrom(Tensor.of(new float[] {0.5f, -1f}, 2));
        return dense;
    }

    private static final Tensor TINY_INPUT = Tensor.of(new float[] {1, 0, -1, 2, 1, 0}, 2, 3);

    // ---------------------------------------------------------------- hand-computed

    @Test
    void forwardOnATinyMatrixByHand() {
        Tensor y = tiny().forward(TINY_INPUT, CallContext.inference(BACKEND));
        // [1, 0, -1] . [1, 2, 3] + 0.5 = -1.5;  [1, 0, -1] . [4, 5, 6] - 1 = -3
        // [2, 1, 0] . [1, 2, 3] + 0.5 = 4.5;    [2, 1, 0] . [4, 5, 6] - 1 = 12
        assertEquals(Shape.of(2, 2), y.shape());
        assertArrayEquals(new float[] {-1.5f, -3f, 4.5f, 12f}, y.toArray());
    }

    @Test
    void backwardOnATinyMatrixByHand() {
        Dense dense = tiny();
        CallContext context = new CallContext(BACKEND, true, true, 0L);
        dense.forward(TINY_INPUT, context);
        Tensor dx = dense.backward(Tensor.of(new float[] {1, 0, 0, 2}, 2, 2), context);
        // dW = dy^T x: row 0 = 1 * [1, 0, -1], row 1 = 2 * [2, 1, 0]
        assertArrayEquals(new float[] {1, 0, -1, 4, 2, 0}, dense.weight().gradient().toArray());
        // db = column sums of dy
        assertArrayEquals(new float[] {1, 2}, dense.bias().orElseThrow().gradient().toArray());
        // dx = dy W: row 0 = 1 * W[0], row 1 = 2 * W[1]
        assertArrayEquals(new float[] {1, 2, 3, 8, 10, 12}, dx.toArray());
    }

    @Test
    void backwardAddsIntoParameterGradients() {
        Dense dense = tiny();
        Tensor dy = Tensor.of(new float[] {1, 0, 0, 2}, 2, 2);
        for (int pass = 0; pass < 2; pass++) {
            CallContext context = new CallContext(BACKEND, true, true, 0L);
            dense.forward(TINY_INPUT, context);
            dense.backward(dy, context);
        }
        assertArrayEquals(new float[] {2, 0, -2, 8, 4, 0}, dense.weight().gradient().toArray());
        assertArrayEquals(new float[] {2, 4}, dense.bias().orElseThrow().gradient().toArray());
    }

    @Test
    void skipsTheInputGradientWhenNobodyNeedsIt() {
        Dense dense = tiny();
        CallContext context = new CallContext(BACKEND, true, false, 0L);
        dense.forward(TINY_INPUT, context);
        assertNull(dense.backward(Tensor.of(new float[] {1, 0, 0, 2}, 2, 2), context));
        assertArrayEquals(new float[] {1, 0, -1, 4, 2, 0}, dense.weight().gradient().toArray(),
                "parameter gradients are still computed");
    }

    @Test
    void forwardMatchesADoublePrecisionLoopOnOddSizes() {
        int in = 13;
        int out = 7;
        int n = 5;
        Dense dense = new Dense(in, out, true, DenseInit.HE, 3L);
        SplittableRandom random = new SplittableRandom(4L);
        float[] b = new float[out];
        for (int o = 0; o < out; o++) {
            b[o] = (float) random.nextDouble(-1, 1);
        }
        dense.bias().orElseThrow().value().copyFrom(Tensor.of(b, out));
        float[] x = new float[n * in];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-3, 3);
        }
        Tensor y = dense.forward(Tensor.of(x, n, in), CallContext.inference(BACKEND));
        float[] w = dense.weight().value().toArray();
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < out; o++) {
                double expected = b[o];
                for (int i = 0; i < in; i++) {
                    expected += (double) x[s * in + i] * w[o * in + i];
                }
                assertEquals(expected, y.get(s, o), 1e-5 * (1 + Math.abs(expected)), "y[" + s + ", " + o + "]");
            }
        }
    }

    @Test
    void withoutBiasThereIsOnlyTheWeight() {
        Dense dense = new Dense(3, 2, false, DenseInit.XAVIER, 1L);
        assertEquals(List.of("weight"), dense.parameters().stream().map(Parameter::name).toList());
        assertTrue(dense.bias().isEmpty());
        dense.weight().value().copyFrom(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        Tensor y = dense.forward(TINY_INPUT, CallContext.inference(BACKEND));
        assertArrayEquals(new float[] {-2f, -2f, 4f, 13f}, y.toArray());
    }

    @Test
    void parametersHavePyTorchLayoutAndNames() {
        Dense dense = new Dense(784, 128, 0L);
        assertEquals(List.of("weight", "bias"), dense.parameters().stream().map(Parameter::name).toList());
        assertEquals(Shape.of(128, 784), dense.weight().shape());
        assertEquals(Shape.of(128), dense.bias().orElseThrow().shape());
        assertEquals(Shape.of(784), dense.inputShape());
        assertEquals(Shape.of(128), dense.outputShape());
        assertEquals("dense[784] -> [128]", dense.toString());
    }

    // ---------------------------------------------------------------- finite differences

    @ParameterizedTest(name = "in {0}, out {1}, bias {2}, batch {3}")
    @CsvSource({
        "3, 4, true, 1", "3, 4, true, 5", "7, 5, false, 1", "7, 5, false, 5",
        "1, 1, true, 5", "13, 3, true, 5", "2, 11, false, 5", "17, 9, true, 1"})
    void gradientsMatchFiniteDifferences(int in, int out, boolean bias, int batch) {
        for (DenseInit init : DenseInit.values()) {
            GradientChecker.checkLayer(new Dense(in, out, bias, init, 100L + in), BACKEND, batch, 7L * out);
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesOnAMultiThreadedBackend() {
        // Large enough (batch * in * out >= 2^18) for the scalar backend to split its GEMMs.
        GradientChecker.checkLayer(new Dense(300, 200, 5L), new ScalarBackend(2), 5, 11L);
    }

    // ---------------------------------------------------------------- initialisation

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        for (DenseInit init : DenseInit.values()) {
            float[] a = new Dense(20, 10, true, init, 42L).weight().value().toArray();
            float[] b = new Dense(20, 10, true, init, 42L).weight().value().toArray();
            float[] c = new Dense(20, 10, true, init, 43L).weight().value().toArray();
            assertArrayEquals(a, b, init + ": same seed");
            assertFalse(Arrays.equals(a, c), init + ": another seed");
        }
    }

    @Test
    void xavierStaysWithinItsLimitAndFillsIt() {
        int in = 60;
        int out = 40;
        double limit = Math.sqrt(6.0 / (in + out));
        float[] w = new Dense(in, out, 9L).weight().value().toArray();
        double max = 0;
        double sum = 0;
        for (float v : w) {
            assertTrue(Math.abs(v) <= limit, v + " is outside +-" + limit);
            max = Math.max(max, Math.abs(v));
            sum += v;
        }
        assertTrue(max > 0.95 * limit, "2400 uniform draws come near the limit, max was " + max);
        assertEquals(0.0, sum / w.length, 0.02, "the mean of U(-l, l)");
    }

    @Test
    void heHasTheStandardDeviationOfItsFanIn() {
        int in = 100;
        int out = 200;
        float[] w = new Dense(in, out, true, DenseInit.HE, 9L).weight().value().toArray();
        double sum = 0;
        double squares = 0;
        for (float v : w) {
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / w.length;
        double std = Math.sqrt(squares / w.length - mean * mean);
        // 20000 draws: the sample std is within about 0.5% of the true one; 3% is far outside chance.
        assertEquals(Math.sqrt(2.0 / in), std, 0.03 * Math.sqrt(2.0 / in));
        assertEquals(0.0, mean, 0.005);
    }

    @Test
    void biasStartsAtZero() {
        for (float v : new Dense(5, 8, 3L).bias().orElseThrow().value().toArray()) {
            assertEquals(0f, v);
        }
    }

    // ---------------------------------------------------------------- shape errors

    @Test
    void aWrongInputShapeNamesTheLayerAndBothShapes() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> tiny().forward(Tensor.zeros(2, 4), CallContext.inference(BACKEND)));
        assertTrue(e.getMessage().contains("dense[3] -> [2]"), e.getMessage());
        assertTrue(e.getMessage().contains("[2, 4]"), e.getMessage());
        assertTrue(e.getMessage().contains("[N, 3]"), e.getMessage());
    }

    @Test
    void aWrongOutputGradientShapeNamesTheLayer() {
        Dense dense = tiny();
        CallContext context = new CallContext(BACKEND, true, true, 0L);
        dense.forward(TINY_INPUT, context);
        ShapeException e = assertThrows(ShapeException.class, () -> dense.backward(Tensor.zeros(2, 3), context));
        assertTrue(e.getMessage().contains("dense[3] -> [2]") && e.getMessage().contains("output gradient"),
                e.getMessage());
    }

    @Test
    void rankThreeInputFailsWithTheFlattenHint() {
        TestBuildContext context = TestBuildContext.of(Shape.of(1, 28, 28), 0L, "dense");
        ShapeException e = assertThrows(ShapeException.class,
                () -> new DenseProvider().create(Config.of("units", 10), context));
        assertTrue(e.getMessage().startsWith("layer 0 (dense): "), e.getMessage());
        assertTrue(e.getMessage().contains("[1, 28, 28]"), e.getMessage());
        assertTrue(e.getMessage().contains("flatten"), e.getMessage());
        assertTrue(e.getMessage().contains("[784]"), e.getMessage());
    }

    @Test
    void sizesBelowOneAreRejected() {
        assertThrows(ConfigException.class, () -> new Dense(0, 3, 1L));
        ConfigException e = assertThrows(ConfigException.class, () -> new Dense(3, 0, 1L));
        assertTrue(e.getMessage().contains("units"), e.getMessage());
    }

    // ---------------------------------------------------------------- provider and config

    @Test
    void configRoundTripsThroughTheProvider() {
        DenseProvider provider = new DenseProvider();
        List<Dense> layers = List.of(new Dense(6, 4, 1L), new Dense(6, 4, false, DenseInit.HE, 2L),
                new Dense(1, 9, true, DenseInit.HE, 3L));
        for (Dense layer : layers) {
            Layer rebuilt = provider.create(layer.config(), TestBuildContext.of(layer.inputShape(), 5L, "dense"));
            assertEquals(layer.type(), rebuilt.type());
            assertEquals(layer.config(), rebuilt.config());
            assertEquals(layer.inputShape(), rebuilt.inputShape());
            assertEquals(layer.outputShape(), rebuilt.outputShape());
            assertEquals(layer.parameters().stream().map(Parameter::toString).toList(),
                    rebuilt.parameters().stream().map(Parameter::toString).toList());
        }
    }

    @Test
    void providerUsesTheContextSeedAndDefaults() {
        TestBuildContext context = TestBuildContext.of(Shape.of(8), 77L, "dense");
        Dense built = (Dense) new DenseProvider().create(Config.of("units", 3), context);
        assertEquals(Config.of("units", 3, "bias", true, "init", "xavier"), built.config());
        assertArrayEquals(new Dense(8, 3, 77L).weight().value().toArray(), built.weight().value().toArray());
    }

    @Test
    void providerAcceptsConfigsParsedFromText() {
        Layer built = new DenseProvider().create(Config.parse("units=5,bias=false,init=he"),
                TestBuildContext.of(Shape.of(2), 1L, "dense"));
        assertEquals(Config.of("units", 5, "bias", false, "init", "he"), built.config());
    }

    @Test
    void providerErrorsNameTheLayerAndTheKey() {
        DenseProvider provider = new DenseProvider();
        TestBuildContext context = TestBuildContext.of(Shape.of(4), 0L, "dense");

        ConfigException missing = assertThrows(ConfigException.class, () -> provider.create(Config.empty(), context));
        assertTrue(missing.getMessage().contains("layer 0 (dense)") && missing.getMessage().contains("'units'"),
                missing.getMessage());

        ConfigException typo = assertThrows(ConfigException.class,
                () -> provider.create(Config.of("units", 3, "unit", 4), context));
        assertTrue(typo.getMessage().contains("[unit]") && typo.getMessage().contains("[bias, init, units]"),
                typo.getMessage());

        ConfigException zero = assertThrows(ConfigException.class,
                () -> provider.create(Config.of("units", 0), context));
        assertTrue(zero.getMessage().contains("at least 1"), zero.getMessage());

        ConfigException init = assertThrows(ConfigException.class,
                () -> provider.create(Config.of("units", 3, "init", "glorot"), context));
        assertTrue(init.getMessage().contains("xavier, he") && init.getMessage().contains("glorot"),
                init.getMessage());

        assertThrows(ConfigException.class, () -> provider.create(Config.of("units", 3, "bias", "yes"), context));
        assertNotEquals("", provider.description());
    }
}
