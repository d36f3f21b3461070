package org.nnj.layers.activation;

import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ActivationProvider;

/** Builds {@link Relu}, registered as {@code "relu"}; it takes no config keys. */
public final class ReluProvider implements ActivationProvider {

    @Override
    public String name() {
        return Relu.TYPE;
    }

    @Override
    public String description() {
        return "rectified linear unit max(x, 0)";
    }

    @Override
    public Activation create(Config config) {
        config.requireOnly();
        return new Relu();
    }
}
