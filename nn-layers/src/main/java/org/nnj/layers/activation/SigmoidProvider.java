package org.nnj.layers.activation;

import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ActivationProvider;

/** Builds {@link Sigmoid}, registered as {@code "sigmoid"}; it takes no config keys. */
public final class SigmoidProvider implements ActivationProvider {

    @Override
    public String name() {
        return Sigmoid.TYPE;
    }

    @Override
    public String description() {
        return "logistic sigmoid 1 / (1 + e^-x)";
    }

    @Override
    public Activation create(Config config) {
        config.requireOnly();
        return new Sigmoid();
    }
}
