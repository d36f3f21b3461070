package org.nnj.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.ProviderException;
import org.nnj.api.ShapeException;
import org.nnj.api.activation.Activation;
import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.spi.ActivationProvider;
import org.nnj.api.spi.ComputeBackendProvider;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.spi.LossProvider;
import org.nnj.api.spi.OptimizerProvider;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.fixtures.TestLinear;
import org.nnj.core.fixtures.TestRelu;
import org.nnj.core.registry.ProviderRegistry;
import org.nnj.core.registry.Registries;

class SequentialByNameTest {

    /** "test_linear": units from the config, rank-1 inputs only (a shape error that does not name the layer). */
    static final class LinearProvider implements LayerProvider {
        final List<BuildContext> contexts = new ArrayList<>();

        @Override
        public String name() {
            return "test_linear";
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            config.requireOnly("units");
            contexts.add(context);
            if (context.inputShape().rank() != 1) {
                throw new ShapeException("test_linear needs a flat input, got " + context.inputShape());
            }
            return new TestLinear(context.inputShape().dim(0), config.getInt("units"), context.seed());
        }
    }

    static final class ReluProvider implements LayerProvider {
        @Override
        public String name() {
            return "test_relu";
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            config.requireOnly();
            return new TestRelu(context.inputShape());
        }
    }

    /** "activation": applies the activation its config names, as nn-layers' activation layer does. */
    static final class ActivationLayerProvider implements LayerProvider {
        @Override
        public String name() {
            return "activation";
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            Map<String, Object> rest = new LinkedHashMap<>(config.asMap());
            rest.remove("function");
            Activation function = context.activation(config.getString("function"), Config.fromMap(rest));
            return new AbstractLayer("activation", context.inputShape(), context.inputShape()) {
                @Override
                public Config config() {
                    return Config.of("function", function.type()).withAll(function.config());
                }

                @Override
                protected Tensor doForward(Tensor input, LayerContext ctx) {
                    Tensor y = ctx.allocate(input.shape());
                    function.forward(ctx.backend(), input, y);
                    return y;
                }

                @Override
                protected Tensor doBackward(Tensor gradOutput, LayerContext ctx) {
                    throw new UnsupportedOperationException("not needed by these tests");
                }
            };
        }
    }

    /** "test_scale": {@code y = factor * x}. */
    static final class ScaleProvider implements ActivationProvider {
        @Override
        public String name() {
            return "test_scale";
        }

        @Override
        public Activation create(Config config) {
            config.requireOnly("factor");
            float factor = (float) config.getDouble("factor", 2.0);
            return new ElementwiseActivation() {
                @Override
                public String type() {
                    return "test_scale";
                }

                @Override
                public Config config() {
                    return Config.of("factor", (double) factor);
                }

                @Override
                public float apply(float x) {
                    return factor * x;
                }

                @Override
                public float derivative(float x, float y) {
                    return factor;
                }
            };
        }
    }

    /** Claims the name "test_liar" but builds a test_relu. */
    static final class LyingProvider implements LayerProvider {
        @Override
        public String name() {
            return "test_liar";
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            return new TestRelu(context.inputShape());
        }
    }

    static final class BuggyProvider implements LayerProvider {
        @Override
        public String name() {
            return "test_buggy";
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            throw new IllegalStateException("oops");
        }
    }

    private final LinearProvider linear = new LinearProvider();

    private Registries registries(boolean withActivationLayer) {
        List<LayerProvider> layers = new ArrayList<>(List.of(linear, new ReluProvider(), new LyingProvider(),
                new BuggyProvider()));
        if (withActivationLayer) {
            layers.add(new ActivationLayerProvider());
        }
        return new Registries(
                ProviderRegistry.of("layer", LayerProvider.class, layers),
                ProviderRegistry.of("activation", ActivationProvider.class, List.of(new ScaleProvider())),
                ProviderRegistry.of("loss", LossProvider.class, List.of()),
                ProviderRegistry.of("optimizer", OptimizerProvider.class, List.of()),
                ProviderRegistry.of("backend", ComputeBackendProvider.class, List.of()));
    }

    private SequentialBuilder builder(long seed) {
        return Sequential.builder(Shape.of(3)).seed(seed).registries(registries(true));
    }

    @Test
    void layersBuiltByNameGetTheirShapeNameAndADerivedSeed() {
        Sequential model = builder(42)
                .add("test_linear", Config.of("units", 4))
                .add("test_relu", Config.empty())
                .add("test_linear", Config.of("units", 2))
                .build();
        assertEquals(Shape.of(2), model.outputShape());
        assertEquals(List.of("test_linear", "test_relu", "test_linear"),
                model.layers().stream().map(Layer::type).toList());

        BuildContext first = linear.contexts.get(0);
        BuildContext third = linear.contexts.get(1);
        assertEquals("layer 0 (test_linear)", first.layerName());
        assertEquals("layer 2 (test_linear)", third.layerName());
        assertEquals(Shape.of(3), first.inputShape());
        assertEquals(Shape.of(4), third.inputShape());
        assertNotEquals(first.seed(), third.seed());
        assertNotEquals(42L, first.seed());

        // The same model seed gives the same weights; another gives others.
        Sequential again = builder(42).add("test_linear", Config.of("units", 4)).build();
        Sequential other = builder(43).add("test_linear", Config.of("units", 4)).build();
        float[] w = model.parameters().get(0).value().toArray();
        assertArrayEquals(w, again.parameters().get(0).value().toArray());
        assertFalse(Arrays.equals(w, other.parameters().get(0).value().toArray()));
    }

    @Test
    void aLayersSeedDependsOnlyOnTheModelSeedAndItsIndex() {
        builder(7).add("test_linear", Config.of("units", 4)).add("test_linear", Config.of("units", 5)).build();
        builder(7).add("test_relu", Config.empty()).add("test_linear", Config.of("units", 5)).build();
        assertEquals(linear.contexts.get(1).seed(), linear.contexts.get(2).seed());
    }

    @Test
    void anActivationNameAddsAnActivationLayer() {
        Sequential model = builder(1).add("test_scale", Config.of("factor", 3.0)).build();
        Layer layer = model.layers().get(0);
        assertEquals("activation", layer.type());
        assertEquals(Config.of("function", "test_scale", "factor", 3.0), layer.config());
        Tensor y = model.predict(Tensor.of(new float[] {1, -2, 0.5f}, 1, 3), new ScalarBackend());
        assertArrayEquals(new float[] {3, -6, 1.5f}, y.toArray());
    }

    @Test
    void anActivationWithoutAnActivationLayerIsExplained() {
        ProviderException e = assertThrows(ProviderException.class, () -> Sequential.builder(Shape.of(3))
                .registries(registries(false)).add("test_scale", Config.empty()));
        assertTrue(e.getMessage().startsWith("layer 0 (test_scale): 'test_scale' is an activation, but no"
                + " 'activation' layer is registered"), e.getMessage());
    }

    @Test
    void anUnknownNameListsTheKnownLayersAndActivations() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> builder(1).add("test_linear", Config.of("units", 2)).add("tset_linear", Config.empty()));
        String m = e.getMessage();
        assertTrue(m.startsWith("layer 1 (tset_linear): unknown layer 'tset_linear'; known layer names: [activation,"
                + " test_buggy, test_liar, test_linear, test_relu]"), m);
        assertTrue(m.endsWith("known activation names: [test_scale]"), m);
    }

    @Test
    void aProvidersShapeErrorGetsTheLayersIndex() {
        SequentialBuilder b = Sequential.builder(Shape.of(2, 2)).registries(registries(true));
        ShapeException e = assertThrows(ShapeException.class, () -> b.add("test_linear", Config.of("units", 2)));
        assertEquals("layer 0 (test_linear): test_linear needs a flat input, got [2, 2]", e.getMessage());
        assertInstanceOf(ShapeException.class, e.getCause());
    }

    @Test
    void configErrorsNameTheLayerOnce() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> builder(1).add("test_relu", Config.empty()).add("test_linear", Config.of("unit", 2)));
        assertEquals("layer 1 (test_linear): unknown key [unit]; known keys are [units]", e.getMessage());
        e = assertThrows(ConfigException.class, () -> builder(1).add("test_scale", Config.of("factr", 2)));
        assertEquals("layer 0 (test_scale): config: unknown key [factr]; known keys are [factor]", e.getMessage());
    }

    @Test
    void aProviderThatBuildsAnotherTypeOrFailsIsReported() {
        ProviderException e = assertThrows(ProviderException.class, () -> builder(1).add("test_liar", Config.empty()));
        assertTrue(e.getMessage().startsWith("layer 0 (test_liar): the 'test_liar' provider built a "
                + TestRelu.class.getName() + " whose type() is 'test_relu'"), e.getMessage());
        e = assertThrows(ProviderException.class, () -> builder(1).add("test_buggy", Config.empty()));
        assertEquals("layer 0 (test_buggy): its provider failed with java.lang.IllegalStateException: oops",
                e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void withoutRegistriesTheServiceLoaderIsAsked() {
        SequentialBuilder b = Sequential.builder(Shape.of(3));
        ProviderException e = assertThrows(ProviderException.class,
                () -> b.add("surely_no_such_layer", Config.empty()));
        assertTrue(e.getMessage().startsWith("layer 0 (surely_no_such_layer): unknown layer 'surely_no_such_layer'"),
                e.getMessage());
        assertSame(b, b.seed(3));
    }
}
