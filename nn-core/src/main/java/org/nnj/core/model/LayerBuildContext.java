package org.nnj.core.model;

import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.tensor.Shape;
import org.nnj.core.registry.Registries;

/** What a layer provider gets from {@link SequentialBuilder}: its place in the model and the other plugins. */
record LayerBuildContext(Shape inputShape, long seed, String layerName, Registries registries)
        implements BuildContext {

    @Override
    public Activation activation(String name, Config config) {
        return registries.activation(name, config);
    }
}
