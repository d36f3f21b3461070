package org.nnj.testkit;

import java.util.ArrayList;
import java.util.List;
import org.nnj.api.spi.ActivationProvider;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.spi.LossProvider;
import org.nnj.api.spi.OptimizerProvider;
import org.nnj.api.spi.Provider;
import org.nnj.core.registry.ProviderRegistry;
import org.nnj.core.registry.Registries;

/** Registries with the provider under test in them, replacing any other provider of that name. */
final class ContractRegistries {
    private ContractRegistries() {
    }

    static Registries withLayer(Registries base, LayerProvider provider) {
        return new Registries(replace(base.layers(), provider), base.activations(), base.losses(),
                base.optimizers(), base.backends());
    }

    /** With the activation, and with the kit's own {@code "activation"} layer when nn-layers is absent. */
    static Registries withActivation(Registries base, ActivationProvider provider) {
        ProviderRegistry<LayerProvider> layers = base.layers().find(ContractActivationLayer.TYPE).isPresent()
                ? base.layers() : replace(base.layers(), new ContractActivationLayer.Provider());
        return new Registries(layers, replace(base.activations(), provider), base.losses(), base.optimizers(),
                base.backends());
    }

    static Registries withOptimizer(Registries base, OptimizerProvider provider) {
        return new Registries(replace(base.layers(), new ContractLayer.Provider()), base.activations(),
                base.losses(), replace(base.optimizers(), provider), base.backends());
    }

    /** With the loss, and the kit's layer for the model the loss is saved with. */
    static Registries withLoss(Registries base, LossProvider provider) {
        return new Registries(replace(base.layers(), new ContractLayer.Provider()), base.activations(),
                replace(base.losses(), provider), base.optimizers(), base.backends());
    }

    private static <P extends Provider> ProviderRegistry<P> replace(ProviderRegistry<P> registry, P added) {
        List<P> all = new ArrayList<>();
        for (P p : registry.all()) {
            if (!added.name().equals(p.name())) {
                all.add(p);
            }
        }
        all.add(added);
        return ProviderRegistry.of(registry.kind(), registry.spi(), all);
    }
}
