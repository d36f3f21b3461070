package org.nnj.layers.reshape;

import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.spi.LayerProvider;

/** Builds {@link Flatten} layers, registered as {@code "flatten"}; no config keys. */
public final class FlattenProvider implements LayerProvider {

    @Override
    public String name() {
        return Flatten.TYPE;
    }

    @Override
    public String description() {
        return "flattens each sample to one dimension, [C, H, W] -> [C*H*W]; no keys";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        config.describedAs(context.layerName()).requireOnly();
        return new Flatten(context.inputShape());
    }
}
