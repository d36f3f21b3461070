/**
 * NNJ's core: the registries that find plugins ({@code uses} every provider SPI, so plugin modules on the
 * module path are bound by their {@code provides}), the scalar reference backend, models, the trainer,
 * data sets, model files and the Guice module.
 */
// Guice 7 is an automatic module; NnModule extends its AbstractModule, so users of NnModule need it too.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module org.nnj.core {
    requires transitive org.nnj.api;
    requires transitive com.google.guice;
    // Guice's Provider extends jakarta.inject.Provider. Guice, an automatic module, declares no requires,
    // so without this line nothing would resolve the jakarta.inject module on the module path.
    requires jakarta.inject;
    requires com.fasterxml.jackson.databind;

    exports org.nnj.core.backend;
    exports org.nnj.core.classic;
    exports org.nnj.core.data;
    exports org.nnj.core.inject;
    exports org.nnj.core.io;
    exports org.nnj.core.model;
    exports org.nnj.core.predict;
    exports org.nnj.core.registry;
    exports org.nnj.core.train;

    // Guice calls NnModule's @Provides method and the selected-backend provider reflectively.
    opens org.nnj.core.inject to com.google.guice;

    uses org.nnj.api.spi.LayerProvider;
    uses org.nnj.api.spi.ActivationProvider;
    uses org.nnj.api.spi.LossProvider;
    uses org.nnj.api.spi.OptimizerProvider;
    uses org.nnj.api.spi.ComputeBackendProvider;

    provides org.nnj.api.spi.ComputeBackendProvider with org.nnj.core.backend.ScalarBackendProvider;
}
