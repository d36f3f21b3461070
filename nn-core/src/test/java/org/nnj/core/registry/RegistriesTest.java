package org.nnj.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnj.api.ProviderException;
import org.nnj.api.activation.Activation;
import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.config.Config;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.spi.ActivationProvider;
import org.nnj.api.spi.ComputeBackendProvider;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.spi.LossProvider;
import org.nnj.api.spi.OptimizerProvider;

class RegistriesTest {

    @Test
    void serviceLoaderFindsTheTestPluginsOfEveryKind() {
        Registries r = Registries.fromServiceLoader();

        assertTrue(r.layers().find("test_identity").isPresent(), r.toString());
        assertTrue(r.activations().find("test_scale").isPresent(), r.toString());
        assertTrue(r.losses().find("test_sum").isPresent(), r.toString());
        assertTrue(r.optimizers().find("test_sgd").isPresent(), r.toString());
        assertEquals("layer", r.layers().kind());
        assertEquals("backend", r.backends().kind());
    }

    @Test
    void explicitClassLoaderIsUsed() {
        Registries r = Registries.fromServiceLoader(getClass().getClassLoader());
        assertTrue(r.layers().names().contains("test_identity"));
    }

    @Test
    void convenienceBuildersGoThroughTheRegistries() {
        Registries r = Registries.fromServiceLoader();

        Activation a = r.activation("test_scale", Config.of("factor", 3.0));
        assertEquals(6f, ((ElementwiseActivation) a).apply(2f));
        assertEquals("test_sum", r.loss("test_sum", Config.empty()).type());
        Optimizer o = r.optimizer("test_sgd", Config.of("lr", 0.5));
        assertEquals(0.5, o.learningRate());
    }

    @Test
    void convenienceBuildersReportUnknownNamesWithTheKnownOnes() {
        Registries r = Registries.fromServiceLoader();

        ProviderException e = assertThrows(ProviderException.class, () -> r.activation("swish", Config.empty()));
        assertTrue(e.getMessage().contains("unknown activation 'swish'"), e.getMessage());
        assertTrue(e.getMessage().contains("[test_scale]"), e.getMessage());
        e = assertThrows(ProviderException.class, () -> r.loss("mse", Config.empty()));
        assertTrue(e.getMessage().contains("[test_sum]"), e.getMessage());
        e = assertThrows(ProviderException.class, () -> r.optimizer("adam", Config.empty()));
        assertTrue(e.getMessage().contains("[test_sgd]"), e.getMessage());
    }

    @Test
    void aProviderWhoseProductHasAnotherTypeNameIsRejected() {
        ActivationProvider liar = new ActivationProvider() {
            @Override
            public String name() {
                return "liar";
            }

            @Override
            public Activation create(Config config) {
                return new TestScaleActivationProvider().create(config);
            }
        };
        Registries r = new Registries(
                ProviderRegistry.of("layer", LayerProvider.class, List.of()),
                ProviderRegistry.of("activation", ActivationProvider.class, List.of(liar)),
                ProviderRegistry.of("loss", LossProvider.class, List.of()),
                ProviderRegistry.of("optimizer", OptimizerProvider.class, List.of()),
                ProviderRegistry.of("backend", ComputeBackendProvider.class, List.of()));

        ProviderException e = assertThrows(ProviderException.class, () -> r.activation("liar", Config.empty()));

        assertTrue(e.getMessage().contains("'liar'"), e.getMessage());
        assertTrue(e.getMessage().contains("'test_scale'"), e.getMessage());
    }
}
