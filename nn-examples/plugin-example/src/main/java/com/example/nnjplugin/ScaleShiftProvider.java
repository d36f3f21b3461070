package com.example.nnjplugin;

import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.spi.LayerProvider;

/**
 * Registers {@link ScaleShift} as {@code "scale_shift"}. Config key {@code init_scale} (default 1); the
 * shape comes from the build context, as every layer's does.
 */
public final class ScaleShiftProvider implements LayerProvider {

    @Override
    public String name() {
        return ScaleShift.TYPE;
    }

    @Override
    public String description() {
        return "y = scale * x + shift per feature; key init_scale (1.0)";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        Config c = config.describedAs(context.layerName()).requireOnly("init_scale");
        double initScale = c.getDouble("init_scale", 1.0);
        if (!Double.isFinite(initScale)) {
            throw new ConfigException(context.layerName() + ": 'init_scale' must be finite, got " + initScale);
        }
        return new ScaleShift(context.inputShape(), initScale);
    }
}
