package org.nnj.layers.dense;

import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.spi.LayerProvider;

/**
 * Builds {@link Dense} layers, registered as {@code "dense"}. Config keys: {@code units} (required, at
 * least 1), {@code bias} (default true), {@code init} ({@code "xavier"} or {@code "he"}, default
 * {@code "xavier"}). The input size comes from the build context's input shape, which must have rank 1;
 * the weights are drawn from the context's seed.
 */
public final class DenseProvider implements LayerProvider {

    @Override
    public String name() {
        return Dense.TYPE;
    }

    @Override
    public String description() {
        return "fully connected layer y = x W^T + b, weights [out, in]; keys units, bias (true), init (xavier|he)";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        Config c = config.describedAs(context.layerName()).requireOnly("units", "bias", "init");
        int units = c.getIntAtLeast("units", 1);
        boolean bias = c.getBoolean("bias", true);
        DenseInit init = DenseInit.fromConfigName(c.getString("init", DenseInit.XAVIER.configName()),
                context.layerName());
        int in = Dense.inputSize(context.inputShape(), context.layerName());
        return new Dense(in, units, bias, init, context.seed());
    }
}
