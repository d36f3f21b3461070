package org.nnj.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ActivationProvider;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.spi.LossProvider;
import org.nnj.api.spi.Provider;
import org.nnj.api.tensor.Shape;
import org.nnj.layers.testing.TestBuildContext;

/** The META-INF/services files list every provider of this module, each under its documented name. */
class ServiceFilesTest {

    private static <P extends Provider> List<P> load(Class<P> type) {
        return ServiceLoader.load(type).stream().map(ServiceLoader.Provider::get).toList();
    }

    private static Set<String> names(List<? extends Provider> providers) {
        return providers.stream().map(Provider::name).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void layerProviders() {
        assertEquals(Set.of("dense", "activation", "conv2d", "max_pool2d", "avg_pool2d", "flatten", "dropout",
                "batch_norm2d", "pad2d"), names(load(LayerProvider.class)));
    }

    @Test
    void activationProviders() {
        assertEquals(Set.of("sigmoid", "tanh", "relu", "leaky_relu", "softmax", "identity", "elu", "selu", "gelu",
                        "softplus", "log_softmax"),
                names(load(ActivationProvider.class)));
        assertEquals(TestBuildContext.ACTIVATIONS.keySet(), names(load(ActivationProvider.class)),
                "the test build context knows every activation");
    }

    @Test
    void lossProviders() {
        assertEquals(Set.of("mse", "bce_with_logits", "softmax_cross_entropy", "nll", "bce"), names(load(LossProvider.class)));
    }

    @Test
    void everyProviderHasAValidNameAndADescription() {
        for (Class<? extends Provider> type : List.of(LayerProvider.class, ActivationProvider.class, LossProvider.class)) {
            for (Provider p : load(type)) {
                assertTrue(p.name().matches("[a-z0-9_-]+"), p.name());
                assertFalse(p.description().isBlank(), p.name() + " has no description");
            }
        }
    }

    @Test
    void everyProviderRejectsAnUnknownKey() {
        Config bogus = Config.of("bogus", 1);
        for (ActivationProvider p : load(ActivationProvider.class)) {
            assertThrows(ConfigException.class, () -> p.create(bogus), p.name());
        }
        for (LossProvider p : load(LossProvider.class)) {
            assertThrows(ConfigException.class, () -> p.create(bogus), p.name());
        }
        Map<String, Config> minimal = Map.of("dense", Config.of("units", 2), "activation", Config.of("function", "relu"),
                "conv2d", Config.of("filters", 2, "kernel", 3), "max_pool2d", Config.of("kernel", 2),
                "avg_pool2d", Config.of("kernel", 2), "pad2d", Config.of("padding", 1));
        for (LayerProvider p : load(LayerProvider.class)) {
            Shape input = p.name().equals("dense") ? Shape.of(4) : Shape.of(2, 6, 6);
            TestBuildContext context = TestBuildContext.of(input, 0L, "test");
            Config config = minimal.getOrDefault(p.name(), Config.empty());
            p.create(config, context); // the minimal config is fine
            ConfigException e = assertThrows(ConfigException.class, () -> p.create(config.with("bogus", 1), context),
                    p.name());
            assertTrue(e.getMessage().contains("bogus") && e.getMessage().contains("layer 0 (test)"), e.getMessage());
        }
    }
}
