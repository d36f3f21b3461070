package org.nnj.examples.guice;

import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.spi.LayerProvider;

/** Builds {@link ScaleLayer}s as {@code "scale"}; config key {@code factor} (default 1). */
public final class ScaleLayerProvider implements LayerProvider {

    @Override
    public String name() {
        return ScaleLayer.TYPE;
    }

    @Override
    public String description() {
        return "y = factor * x; key factor (1.0)";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        Config c = config.describedAs(context.layerName()).requireOnly("factor");
        return new ScaleLayer(context.inputShape(), (float) c.getDouble("factor", 1.0));
    }
}
