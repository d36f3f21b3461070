package org.nnj.layers.activation;

import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ActivationProvider;

/** Builds {@link Selu}, registered as {@code "selu"}; it takes no config keys. */
public final class SeluProvider implements ActivationProvider {

    @Override
    public String name() {
        return Selu.TYPE;
    }

    @Override
    public String description() {
        return "scaled exponential linear unit, PyTorch's constants alpha 1.6733, scale 1.0507";
    }

    @Override
    public Activation create(Config config) {
        config.requireOnly();
        return new Selu();
    }
}
