package org.nnj.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import java.util.Map;
import java.util.Objects;
import org.nnj.api.ProviderException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ActivationProvider;
import org.nnj.api.spi.ComputeBackendProvider;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.spi.LossProvider;
import org.nnj.api.spi.OptimizerProvider;
import org.nnj.api.spi.Provider;
import org.nnj.core.backend.BackendSelector;
import org.nnj.core.registry.ProviderLocation;
import org.nnj.core.registry.ProviderRegistry;
import org.nnj.core.registry.Registries;
import org.nnj.core.registry.ServiceLoading;

/**
 * The Guice module of NNJ. It binds:
 * <ul>
 *   <li>for each kind of plugin, a {@code MapBinder<String, XProvider>} filled from {@link
 *       java.util.ServiceLoader}, keyed by provider name. A user module adds a plugin without
 *       {@code META-INF/services}:
 *       <pre>{@code MapBinder.newMapBinder(binder(), String.class, LayerProvider.class)
 *     .addBinding("mylayer").to(MyLayerProvider.class);}</pre>
 *       The key must equal the provider's {@link Provider#name()}; a key bound twice is an error that
 *       Guice reports when the injector is created;</li>
 *   <li>{@link Registries}, a singleton built from those maps;</li>
 *   <li>{@link ComputeBackend}, a singleton through an {@code OptionalBinder} whose default is
 *       {@link BackendSelector}'s choice (so {@code -Dnnj.backend} works here too). A user module
 *       replaces it with
 *       <pre>{@code OptionalBinder.newOptionalBinder(binder(), ComputeBackend.class)
 *     .setBinding().toInstance(new ScalarBackend(1));}</pre></li>
 * </ul>
 * The module does no I/O beyond reading the service files, and builds no backend until one is asked for.
 * Two equal modules (same class loader and backend config) may both be installed; Guice keeps one.
 */
public final class NnModule extends AbstractModule {
    private final ClassLoader classLoader;
    private final Config backendConfig;

    /** Finds plugins with the context class loader of the thread that creates the injector. */
    public NnModule() {
        this(null, Config.empty());
    }

    /** Finds plugins with {@code classLoader}; null means the thread's context class loader. */
    public NnModule(ClassLoader classLoader) {
        this(classLoader, Config.empty());
    }

    /**
     * @param classLoader   where to find plugins; null means the thread's context class loader
     * @param backendConfig the config of the default backend, for example {@code threads}
     */
    public NnModule(ClassLoader classLoader, Config backendConfig) {
        this.classLoader = classLoader;
        this.backendConfig = Objects.requireNonNull(backendConfig, "backendConfig");
    }

    @Override
    protected void configure() {
        ClassLoader loader = classLoader;
        if (loader == null) {
            loader = Thread.currentThread().getContextClassLoader();
        }
        if (loader == null) {
            loader = NnModule.class.getClassLoader();
        }
        bindDiscovered("layer", LayerProvider.class, loader);
        bindDiscovered("activation", ActivationProvider.class, loader);
        bindDiscovered("loss", LossProvider.class, loader);
        bindDiscovered("optimizer", OptimizerProvider.class, loader);
        bindDiscovered("backend", ComputeBackendProvider.class, loader);
        // A provider that selects on first use rather than a singleton binding: a backend that a user
        // module replaces is then never selected nor logged, even in Stage.PRODUCTION.
        OptionalBinder.newOptionalBinder(binder(), ComputeBackend.class)
                .setDefault().toProvider(new SelectedBackend(getProvider(Registries.class), backendConfig));
    }

    private <P extends Provider> void bindDiscovered(String kind, Class<P> spi, ClassLoader loader) {
        MapBinder.newMapBinder(binder(), String.class, spi); // an empty map when no provider is found
        // Checked here so that two jars claiming one name get our message, naming both classes and jars.
        ProviderRegistry<P> found = ProviderRegistry.of(kind, spi, ServiceLoading.load(spi, loader));
        for (P provider : found.all()) {
            // The source is what Guice names when a user module binds the same key again.
            MapBinder.newMapBinder(binder().withSource(ProviderLocation.describe(provider.getClass())), String.class, spi)
                    .addBinding(provider.name()).toInstance(provider);
        }
    }

    @Provides
    @Singleton
    Registries registries(Map<String, LayerProvider> layers,
                          Map<String, ActivationProvider> activations,
                          Map<String, LossProvider> losses,
                          Map<String, OptimizerProvider> optimizers,
                          Map<String, ComputeBackendProvider> backends) {
        return new Registries(
                registry("layer", LayerProvider.class, layers),
                registry("activation", ActivationProvider.class, activations),
                registry("loss", LossProvider.class, losses),
                registry("optimizer", OptimizerProvider.class, optimizers),
                registry("backend", ComputeBackendProvider.class, backends));
    }

    /** {@link BackendSelector}'s choice, made once per injector. */
    private static final class SelectedBackend implements com.google.inject.Provider<ComputeBackend> {
        private final com.google.inject.Provider<Registries> registries;
        private final Config config;
        private ComputeBackend backend;

        SelectedBackend(com.google.inject.Provider<Registries> registries, Config config) {
            this.registries = registries;
            this.config = config;
        }

        @Override
        public synchronized ComputeBackend get() {
            if (backend == null) {
                backend = BackendSelector.select(registries.get().backends(), config);
            }
            return backend;
        }
    }

    private static <P extends Provider> ProviderRegistry<P> registry(String kind, Class<P> spi, Map<String, P> bound) {
        for (Map.Entry<String, P> e : bound.entrySet()) {
            String name = e.getValue().name();
            if (!e.getKey().equals(name)) {
                throw new ProviderException(kind + " provider " + e.getValue().getClass().getName() + " is bound under '"
                        + e.getKey() + "' but its name() is '" + name + "'; bind it under its own name");
            }
        }
        return ProviderRegistry.of(kind, spi, bound.values());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NnModule && ((NnModule) o).classLoader == classLoader
                && ((NnModule) o).backendConfig.equals(backendConfig);
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(classLoader), backendConfig);
    }
}
