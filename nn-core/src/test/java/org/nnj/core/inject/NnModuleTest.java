package org.nnj.core.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.spi.LayerProvider;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.registry.Registries;

class NnModuleTest {

    /** A plugin that no service file lists: only a Guice binding makes it known. */
    public static final class BoundOnlyLayerProvider implements LayerProvider {
        @Override
        public String name() {
            return "bound_only";
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            throw new UnsupportedOperationException("not built in this test");
        }
    }

    private static final class AddsLayer extends AbstractModule {
        private final String key;

        AddsLayer(String key) {
            this.key = key;
        }

        @Override
        protected void configure() {
            MapBinder.newMapBinder(binder(), String.class, LayerProvider.class)
                    .addBinding(key).to(BoundOnlyLayerProvider.class);
        }
    }

    @Test
    void registriesHoldTheServiceLoaderPluginsAndAreASingleton() {
        Injector injector = Guice.createInjector(new NnModule());

        Registries r = injector.getInstance(Registries.class);

        assertTrue(r.layers().find("test_identity").isPresent(), r.toString());
        assertTrue(r.activations().find("test_scale").isPresent(), r.toString());
        assertTrue(r.losses().find("test_sum").isPresent(), r.toString());
        assertTrue(r.optimizers().find("test_sgd").isPresent(), r.toString());
        assertTrue(r.backends().find("scalar").isPresent(), r.toString());
        assertSame(r, injector.getInstance(Registries.class));
    }

    @Test
    void defaultBackendIsTheSelectorsChoiceConfiguredByTheModuleAndASingleton() {
        Injector injector = Guice.createInjector(new NnModule(null, Config.of("threads", 1)));

        ComputeBackend backend = injector.getInstance(ComputeBackend.class);

        assertEquals("scalar", backend.name());
        assertEquals(1, backend.threads());
        assertSame(backend, injector.getInstance(ComputeBackend.class));
    }

    @Test
    void aUserModuleAddsALayerProviderWithoutMetaInfServices() {
        Injector injector = Guice.createInjector(new NnModule(), new AddsLayer("bound_only"));

        Registries r = injector.getInstance(Registries.class);

        assertEquals(BoundOnlyLayerProvider.class, r.layers().get("bound_only").getClass());
        assertTrue(r.layers().find("test_identity").isPresent());
    }

    @Test
    void aUserModuleReplacesTheBackend() {
        ScalarBackend mine = new ScalarBackend(3);
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("org.nnj").addHandler(handler);
        try {
            // PRODUCTION builds singletons eagerly: the replaced default must still not be selected.
            Injector injector = Guice.createInjector(Stage.PRODUCTION, new NnModule(), new AbstractModule() {
                @Override
                protected void configure() {
                    OptionalBinder.newOptionalBinder(binder(), ComputeBackend.class).setBinding().toInstance(mine);
                }
            });

            assertSame(mine, injector.getInstance(ComputeBackend.class));
            assertTrue(records.stream().noneMatch(r -> r.getMessage().startsWith("NNJ backend")), records.toString());
        } finally {
            Logger.getLogger("org.nnj").removeHandler(handler);
        }
    }

    @Test
    void aKeyBoundTwiceIsReportedWhenTheInjectorIsCreated() {
        CreationException e = assertThrows(CreationException.class,
                () -> Guice.createInjector(new NnModule(), new AddsLayer("test_identity")));

        String msg = e.getMessage();
        assertTrue(msg.contains("Duplicate key \"test_identity\""), msg);
        // Both places are named: the plugin found by ServiceLoader (with its jar) and the user module.
        assertTrue(msg.contains("TestIdentityLayerProvider (from "), msg);
        assertTrue(msg.contains("AddsLayer.configure"), msg);
    }

    @Test
    void aKeyThatIsNotTheProvidersNameIsRejectedNamingBoth() {
        Injector injector = Guice.createInjector(new NnModule(), new AddsLayer("other_name"));

        ProvisionException e = assertThrows(ProvisionException.class, () -> injector.getInstance(Registries.class));

        String msg = e.getMessage();
        assertTrue(msg.contains("bound under 'other_name' but its name() is 'bound_only'"), msg);
        assertTrue(msg.contains(BoundOnlyLayerProvider.class.getName()), msg);
    }

    @Test
    void equalModulesMayBeInstalledTwice() {
        Injector injector = Guice.createInjector(new NnModule(), new NnModule());
        assertTrue(injector.getInstance(Registries.class).layers().find("test_identity").isPresent());
    }

    @Test
    void brokenPluginsOnTheClassLoaderAreSkipped() throws Exception {
        URL broken = getClass().getClassLoader().getResource("broken-plugins/");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {broken}, getClass().getClassLoader())) {
            Injector injector = Guice.createInjector(new NnModule(loader));
            assertEquals("[test_identity]", injector.getInstance(Registries.class).layers().names().toString());
        }
    }
}
