package org.nnj.examples.guice;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.spi.LayerProvider;
import org.nnj.core.backend.ScalarBackend;

/**
 * An application's Guice module, installed beside {@link org.nnj.core.inject.NnModule}: it adds the
 * {@code "scale"} layer to the layer registry (a {@code MapBinder} entry, no {@code META-INF/services}
 * file) and replaces the automatically chosen backend with its own (the {@code OptionalBinder}).
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new NnModule(), new UserModule(backend));
 * Registries registries = injector.getInstance(Registries.class);   // knows "scale"
 * ComputeBackend backend = injector.getInstance(ComputeBackend.class); // the one given here
 * }</pre>
 */
public final class UserModule extends AbstractModule {
    private final ComputeBackend backend;

    /** Binds {@code backend} as the backend of every model the injector builds. */
    public UserModule(ComputeBackend backend) {
        this.backend = backend;
    }

    /** With a one-thread {@link ScalarBackend}. */
    public UserModule() {
        this(new ScalarBackend(1));
    }

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, LayerProvider.class)
                .addBinding(ScaleLayer.TYPE).to(ScaleLayerProvider.class);
        OptionalBinder.newOptionalBinder(binder(), ComputeBackend.class).setBinding().toInstance(backend);
    }
}
