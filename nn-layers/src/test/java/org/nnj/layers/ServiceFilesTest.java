package org.nnj.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
        assertEquals(Set.of("dense", "activation"), names(load(LayerProvider.class)));
    }

    @Test
    void activationProviders() {
        assertEquals(Set.of("sigmoid", "tanh", "relu", "leaky_relu", "softmax", "identity"),
                names(load(ActivationProvider.class)));
        assertEquals(TestBuildContext.ACTIVATIONS.keySet(), names(load(ActivationProvider.class)),
                "the test build context knows every activation");
    }

    @Test
    void lossProviders() {
        assertEquals(Set.of("mse", "bce_with_logits", "softmax_cross_entropy"), names(load(LossProvider.class)));
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
        TestBuildContext context = TestBuildContext.of(Shape.of(4), 0L, "test");
        for (LayerProvider p : load(LayerProvider.class)) {
            Config minimal = p.name().equals("dense") ? Config.of("units", 2) : Config.of("function", "relu");
            p.create(minimal, context); // the minimal config is fine
            ConfigException e = assertThrows(ConfigException.class, () -> p.create(minimal.with("bogus", 1), context),
                    p.name());
            assertTrue(e.getMessage().contains("bogus") && e.getMessage().contains("layer 0 (test)"), e.getMessage());
        }
    }
}
