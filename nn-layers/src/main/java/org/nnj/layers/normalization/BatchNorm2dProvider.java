package org.nnj.layers.normalization;

import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.spi.LayerProvider;

/**
 * Builds {@link BatchNorm2d} layers, registered as {@code "batch_norm2d"}. Config keys, with PyTorch's
 * defaults: {@code eps} (1e-5), {@code momentum} (0.1), {@code affine} (true).
 */
public final class BatchNorm2dProvider implements LayerProvider {

    @Override
    public String name() {
        return BatchNorm2d.TYPE;
    }

    @Override
    public String description() {
        return "batch normalisation per channel of [C, H, W] images; keys eps (1e-5), momentum (0.1), affine (true)";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        Config c = config.describedAs(context.layerName()).requireOnly("eps", "momentum", "affine");
        return new BatchNorm2d(context.inputShape(), c.getDouble("eps", BatchNorm2d.DEFAULT_EPS),
                c.getDouble("momentum", BatchNorm2d.DEFAULT_MOMENTUM),
                c.getBoolean("affine", true), context.layerName());
    }
}
