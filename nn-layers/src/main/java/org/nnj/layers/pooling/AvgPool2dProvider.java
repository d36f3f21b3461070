package org.nnj.layers.pooling;

import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.spi.LayerProvider;

/**
 * Builds {@link AvgPool2d} layers, registered as {@code "avg_pool2d"}. Config keys: {@code kernel}
 * (required), {@code stride} (default: the kernel), {@code padding} (default 0), each an integer or
 * {@code [height, width]}; {@code count_include_pad} (default true, as in PyTorch).
 */
public final class AvgPool2dProvider implements LayerProvider {

    @Override
    public String name() {
        return AvgPool2d.TYPE;
    }

    @Override
    public String description() {
        return "2-D average pooling per channel; keys kernel, stride (= kernel), padding (0), count_include_pad (true)";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        String owner = context.layerName();
        Config c = config.describedAs(owner).requireOnly("kernel", "stride", "padding", "count_include_pad");
        int[][] w = Pool2dProviders.window(c, owner);
        return new AvgPool2d(context.inputShape(), w[0], w[1], w[2], c.getBoolean("count_include_pad", true), owner);
    }
}
