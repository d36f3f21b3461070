package org.nnj.layers.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnj.api.ConfigException;
import org.nnj.api.ProviderException;
import org.nnj.api.activation.Activation;
import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.model.CallContext;
import org.nnj.testkit.GradientChecker;
import org.nnj.layers.testing.TestBuildContext;

class ActivationLayerTest {
    private static final ComputeBackend BACKEND = new ScalarBackend();

    static Stream<Activation> all() {
        return ActivationsTest.all();
    }

    /** A plugin's activation, unknown to this module: the layer must take it like a built-in. */
    static class Softsign extends ElementwiseActivation {
        @Override
        public String type() {
            return "softsign";
        }

        @Override
        public float apply(float x) {
            return x / (1 + Math.abs(x));
        }

        @Override
        public float derivative(float x, float y) {
            float d = 1 + Math.abs(x);
            return 1 / (d * d);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void gradientsMatchFiniteDifferencesThroughTheLayer(Activation a) {
        GradientChecker.checkLayer(new ActivationLayer(Shape.of(6), a), BACKEND, 3, 23L);
        GradientChecker.checkLayer(new ActivationLayer(Shape.of(2, 3, 4), a), BACKEND, 2, 24L);
    }

    @Test
    void wrapsAPluginActivation() {
        ActivationLayer layer = new ActivationLayer(Shape.of(5), new Softsign());
        GradientChecker.checkLayer(layer, BACKEND, 4, 1L);
        Tensor y = layer.forward(Tensor.of(new float[] {-3, -1, 0, 1, 3}, 1, 5), CallContext.inference(BACKEND));
        assertArrayEquals(new float[] {-0.75f, -0.5f, 0f, 0.5f, 0.75f}, y.toArray());
        assertEquals(Config.of("function", "softsign"), layer.config());
    }

    @Test
    void outputHasTheInputShapeAndThereAreNoParameters() {
        ActivationLayer layer = new ActivationLayer(Shape.of(3, 4), new Relu());
        assertEquals(Shape.of(3, 4), layer.outputShape());
        assertTrue(layer.parameters().isEmpty());
        assertEquals("activation(relu)[3, 4] -> [3, 4]", layer.toString());
    }

    @Test
    void forwardAndBackwardByHand() {
        ActivationLayer layer = new ActivationLayer(Shape.of(3), new LeakyRelu(0.1));
        CallContext context = new CallContext(BACKEND, true, true, 0L);
        Tensor y = layer.forward(Tensor.of(new float[] {-2, 1, 4}, 1, 3), context);
        assertArrayEquals(new float[] {-0.2f, 1, 4}, y.toArray(), 1e-7f);
        Tensor dx = layer.backward(Tensor.of(new float[] {10, 20, 30}, 1, 3), context);
        assertArrayEquals(new float[] {1, 20, 30}, dx.toArray(), 1e-6f);
    }

    @Test
    void noInputGradientWhenNobodyNeedsIt() {
        ActivationLayer layer = new ActivationLayer(Shape.of(3), new Tanh());
        CallContext context = new CallContext(BACKEND, true, false, 0L);
        layer.forward(Tensor.zeros(2, 3), context);
        assertNull(layer.backward(Tensor.zeros(2, 3), context));
    }

    // ---------------------------------------------------------------- provider

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void configRoundTripsThroughTheProvider(Activation a) {
        ActivationLayer layer = new ActivationLayer(Shape.of(8), a);
        Layer rebuilt = new ActivationLayerProvider().create(layer.config(),
                TestBuildContext.of(layer.inputShape(), 0L, "activation"));
        assertEquals(layer.type(), rebuilt.type());
        assertEquals(layer.config(), rebuilt.config());
        assertEquals(layer.inputShape(), rebuilt.inputShape());
        assertEquals(layer.outputShape(), rebuilt.outputShape());
        assertEquals(a.type(), ((ActivationLayer) rebuilt).activation().type());
    }

    @Test
    void activationKeysGoToTheActivation() {
        Layer layer = new ActivationLayerProvider().create(Config.of("function", "leaky_relu", "alpha", 0.2),
                TestBuildContext.of(Shape.of(2), 0L, "activation"));
        Activation a = ((ActivationLayer) layer).activation();
        assertEquals(0.2, ((LeakyRelu) a).alpha());
        assertEquals(Config.of("function", "leaky_relu", "alpha", 0.2), layer.config());
    }

    @Test
    void providerErrorsNameTheLayerAndWhatIsWrong() {
        ActivationLayerProvider provider = new ActivationLayerProvider();
        TestBuildContext context = TestBuildContext.of(Shape.of(2), 0L, "activation");

        ConfigException missing = assertThrows(ConfigException.class, () -> provider.create(Config.empty(), context));
        assertTrue(missing.getMessage().contains("layer 0 (activation)") && missing.getMessage().contains("'function'"),
                missing.getMessage());

        ProviderException unknown = assertThrows(ProviderException.class,
                () -> provider.create(Config.of("function", "swish"), context));
        assertTrue(unknown.getMessage().contains("swish") && unknown.getMessage().contains("leaky_relu"),
                unknown.getMessage());

        ConfigException foreignKey = assertThrows(ConfigException.class,
                () -> provider.create(Config.of("function", "relu", "alpha", 0.1), context));
        assertTrue(foreignKey.getMessage().contains("layer 0 (activation)")
                && foreignKey.getMessage().contains("[alpha]"), foreignKey.getMessage());
        assertTrue(!provider.description().isBlank());
    }

    @Test
    void anActivationWhoseConfigUsesTheFunctionKeyIsRejected() {
        Activation odd = new Softsign() {
            @Override
            public Config config() {
                return Config.of("function", "x");
            }
        };
        assertThrows(ConfigException.class, () -> new ActivationLayer(Shape.of(2), odd));
    }

    @Test
    void theSameActivationInstanceIsShared() {
        Relu relu = new Relu();
        assertSame(relu, new ActivationLayer(Shape.of(2), relu).activation());
    }
}
