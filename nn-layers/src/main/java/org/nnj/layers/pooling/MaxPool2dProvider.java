package org.nnj.layers.pooling;

import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.spi.LayerProvider;

/**
 * Builds {@link MaxPool2d} layers, registered as {@code "max_pool2d"}. Config keys: {@code kernel}
 * (required), {@code stride} (default: the kernel, as in PyTorch), {@code padding} (default 0), each an
 * integer or {@code [height, width]}.
 */
public final class MaxPool2dProvider implements LayerProvider {

    @Override
    public String name() {
        return MaxPool2d.TYPE;
    }

    @Override
    public String description() {
        return "2-D max pooling per channel; keys kernel, stride (= kernel), padding (0)";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        String owner = context.layerName();
        Config c = config.describedAs(owner).requireOnly("kernel", "stride", "padding");
        int[][] w = Pool2dProviders.window(c, owner);
        return new MaxPool2d(context.inputShape(), w[0], w[1], w[2], owner);
    }
}
