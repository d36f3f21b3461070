/** The built-in optimizers: plugins that depend on nn-api alone. */
module org.nnj.optimizers {
    requires transitive org.nnj.api;

    exports org.nnj.optimizers;
    exports org.nnj.optimizers.adam;
    exports org.nnj.optimizers.sgd;

    provides org.nnj.api.spi.OptimizerProvider with
            org.nnj.optimizers.sgd.SgdProvider,
            org.nnj.optimizers.adam.AdamProvider;
}
