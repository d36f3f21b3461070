/**
 * What a plugin or backend author adds in test scope: the gradient checker, the layer, activation, loss
 * and optimizer contracts, the backend conformance kit and {@code ServiceDeclarations}. It needs nn-core
 * (model files, registries, the scalar reference backend), which comes with it.
 */
module org.nnj.testkit {
    requires transitive org.nnj.core;

    exports org.nnj.testkit;
}
