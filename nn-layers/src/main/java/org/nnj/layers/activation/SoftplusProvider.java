package org.nnj.layers.activation;

import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ActivationProvider;

/**
 * Builds {@link Softplus}, registered as {@code "softplus"}; config keys {@code beta} (default
 * {@value Softplus#DEFAULT_BETA}) and {@code threshold} (default {@value Softplus#DEFAULT_THRESHOLD}).
 */
public final class SoftplusProvider implements ActivationProvider {

    @Override
    public String name() {
        return Softplus.TYPE;
    }

    @Override
    public String description() {
        return "smooth ReLU, log(1 + exp(beta * x)) / beta; keys beta (" + Softplus.DEFAULT_BETA + "), threshold ("
                + Softplus.DEFAULT_THRESHOLD + ")";
    }

    @Override
    public Activation create(Config config) {
        config.requireOnly("beta", "threshold");
        return new Softplus(config.getDouble("beta", Softplus.DEFAULT_BETA),
                config.getDouble("threshold", Softplus.DEFAULT_THRESHOLD));
    }
}
