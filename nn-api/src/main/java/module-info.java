/**
 * The contracts of NNJ: tensors, layers, activations, losses, optimizers, the compute backend, the
 * provider SPIs that plugins implement, and the exceptions. No dependencies.
 */
module org.nnj.api {
    exports org.nnj.api;
    exports org.nnj.api.activation;
    exports org.nnj.api.backend;
    exports org.nnj.api.config;
    exports org.nnj.api.layer;
    exports org.nnj.api.loss;
    exports org.nnj.api.math;
    exports org.nnj.api.optim;
    exports org.nnj.api.spi;
    exports org.nnj.api.tensor;
}
