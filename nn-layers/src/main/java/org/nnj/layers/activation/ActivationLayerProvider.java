package org.nnj.layers.activation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.spi.LayerProvider;

/**
 * Builds {@link ActivationLayer}s, registered as {@code "activation"}. The key {@code function} names the
 * activation; every other key is handed to that activation's provider through
 * {@link BuildContext#activation}, which checks them ({@code {function=leaky_relu, alpha=0.2}}).
 */
public final class ActivationLayerProvider implements LayerProvider {

    @Override
    public String name() {
        return ActivationLayer.TYPE;
    }

    @Override
    public String description() {
        return "applies an activation; key function (an activation name) plus that activation's keys";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        Config named = config.describedAs(context.layerName());
        String function = named.getString(ActivationLayer.FUNCTION);
        // The remaining keys belong to the activation, whose provider calls requireOnly on them.
        Map<String, Object> rest = new LinkedHashMap<>(named.asMap());
        rest.remove(ActivationLayer.FUNCTION);
        Activation activation = context.activation(function,
                Config.fromMap(rest).describedAs(context.layerName() + " activation '" + function + "'"));
        return new ActivationLayer(context.inputShape(), activation);
    }
}
