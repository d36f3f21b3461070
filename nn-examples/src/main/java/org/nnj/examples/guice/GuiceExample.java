package org.nnj.examples.guice;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.util.ArrayList;
import java.util.List;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.tensor.Shape;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.inject.NnModule;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.ProviderRegistry;
import org.nnj.core.registry.Registries;

/**
 * One model, wired two ways: with Guice ({@link NnModule} and the application's {@link UserModule}) and
 * with plain Java (the registries and the backend built by hand). Both give the same model, weight for
 * weight: Guice is a way to compose NNJ, not a requirement.
 */
public final class GuiceExample {
    private GuiceExample() {
    }

    /** The plugins and the backend a model is built and run with. */
    public record Wiring(Registries registries, ComputeBackend backend) {
    }

    /** With Guice: NNJ's module finds the plugins on the class path, the user's module adds and replaces. */
    public static Wiring withGuice(ComputeBackend backend) {
        Injector injector = Guice.createInjector(new NnModule(), new UserModule(backend));
        return new Wiring(injector.getInstance(Registries.class), injector.getInstance(ComputeBackend.class));
    }

    /** Without Guice: the same plugins, the layer registry extended by hand, the backend created directly. */
    public static Wiring withPlainJava(ComputeBackend backend) {
        Registries found = Registries.fromServiceLoader();
        List<LayerProvider> layers = new ArrayList<>(found.layers().all());
        layers.add(new ScaleLayerProvider());
        Registries registries = new Registries(ProviderRegistry.of("layer", LayerProvider.class, layers),
                found.activations(), found.losses(), found.optimizers(), found.backends());
        return new Wiring(registries, backend);
    }

    /** [4] -> dense 16 -> scale 0.5 -> relu -> dense 3, initialised from {@code seed}. */
    public static Sequential model(Registries registries, long seed) {
        return Sequential.builder(Shape.of(4))
                .registries(registries)
                .seed(seed)
                .add("dense", Config.of("units", 16))
                .add(ScaleLayer.TYPE, Config.of("factor", 0.5))
                .add("relu", Config.empty())
                .add("dense", Config.of("units", 3))
                .build();
    }

    /** Builds the model both ways and prints that they agree. */
    public static void main(String[] args) {
        ScalarBackend backend = new ScalarBackend(1);
        Wiring guice = withGuice(backend);
        Wiring plain = withPlainJava(backend);
        Sequential a = model(guice.registries(), 7);
        Sequential b = model(plain.registries(), 7);
        System.out.println(a.summary());
        System.out.println("with Guice: " + guice.registries().layers().names() + " on " + guice.backend().description());
        System.out.println("plain Java: " + plain.registries().layers().names() + " on " + plain.backend().description());
    }
}
