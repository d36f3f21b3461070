package org.nnj.layers.activation;

import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ActivationProvider;

/**
 * Builds {@link LeakyRelu}, registered as {@code "leaky_relu"}; config key {@code alpha}, the slope for
 * negative inputs (default {@value LeakyRelu#DEFAULT_ALPHA}).
 */
public final class LeakyReluProvider implements ActivationProvider {

    @Override
    public String name() {
        return LeakyRelu.TYPE;
    }

    @Override
    public String description() {
        return "leaky rectifier, x > 0 ? x : alpha * x; key alpha (" + LeakyRelu.DEFAULT_ALPHA + ")";
    }

    @Override
    public Activation create(Config config) {
        config.requireOnly("alpha");
        return new LeakyRelu(config.getDouble("alpha", LeakyRelu.DEFAULT_ALPHA));
    }
}
