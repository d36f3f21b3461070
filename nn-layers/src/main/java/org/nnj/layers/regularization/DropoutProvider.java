package org.nnj.layers.regularization;

import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.spi.LayerProvider;

/** Builds {@link Dropout} layers, registered as {@code "dropout"}. Config key: {@code p} in {@code [0, 1)}, default 0.5. */
public final class DropoutProvider implements LayerProvider {

    @Override
    public String name() {
        return Dropout.TYPE;
    }

    @Override
    public String description() {
        return "inverted dropout, active in training only; key p (0.5), the probability of dropping";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        Config c = config.describedAs(context.layerName()).requireOnly("p");
        double p = c.getDouble("p", 0.5);
        if (!(p >= 0 && p < 1)) {
            throw new ConfigException(context.layerName() + ": 'p' must be in [0, 1), got " + p);
        }
        return new Dropout(context.inputShape(), p);
    }
}
