package org.nnj.layers.activation;

import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ActivationProvider;

/** Builds {@link Tanh}, registered as {@code "tanh"}; it takes no config keys. */
public final class TanhProvider implements ActivationProvider {

    @Override
    public String name() {
        return Tanh.TYPE;
    }

    @Override
    public String description() {
        return "hyperbolic tangent";
    }

    @Override
    public Activation create(Config config) {
        config.requireOnly();
        return new Tanh();
    }
}
