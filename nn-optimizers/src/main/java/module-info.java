/** The built-in optimizers and learning-rate schedules: plugins that depend on nn-api alone. */
module org.nnj.optimizers {
    requires transitive org.nnj.api;

    exports org.nnj.optimizers;
    exports org.nnj.optimizers.adadelta;
    exports org.nnj.optimizers.adagrad;
    exports org.nnj.optimizers.adam;
    exports org.nnj.optimizers.rmsprop;
    exports org.nnj.optimizers.schedule;
    exports org.nnj.optimizers.sgd;

    provides org.nnj.api.spi.OptimizerProvider with
            org.nnj.optimizers.sgd.SgdProvider,
            org.nnj.optimizers.adagrad.AdagradProvider,
            org.nnj.optimizers.rmsprop.RmsPropProvider,
            org.nnj.optimizers.adadelta.AdadeltaProvider,
            org.nnj.optimizers.adam.AdamProvider,
            org.nnj.optimizers.adam.AdamWProvider,
            org.nnj.optimizers.adam.AdamaxProvider,
            org.nnj.optimizers.adam.NAdamProvider;
}
