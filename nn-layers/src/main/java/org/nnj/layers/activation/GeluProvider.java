package org.nnj.layers.activation;

import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ActivationProvider;

/**
 * Builds {@link Gelu}, registered as {@code "gelu"}; config key {@code approximate}, {@code "none"} (default) or
 * {@code "tanh"}.
 */
public final class GeluProvider implements ActivationProvider {

    @Override
    public String name() {
        return Gelu.TYPE;
    }

    @Override
    public String description() {
        return "Gaussian error linear unit, x * Phi(x); key approximate (none, or tanh)";
    }

    @Override
    public Activation create(Config config) {
        config.requireOnly("approximate");
        return new Gelu(config.getString("approximate", Gelu.NONE));
    }
}
