package org.nnj.layers.activation;

import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ActivationProvider;

/** Builds {@link Elu}, registered as {@code "elu"}; config key {@code alpha} (default {@value Elu#DEFAULT_ALPHA}). */
public final class EluProvider implements ActivationProvider {

    @Override
    public String name() {
        return Elu.TYPE;
    }

    @Override
    public String description() {
        return "exponential linear unit, x > 0 ? x : alpha * (exp(x) - 1); key alpha (" + Elu.DEFAULT_ALPHA + ")";
    }

    @Override
    public Activation create(Config config) {
        config.requireOnly("alpha");
        return new Elu(config.getDouble("alpha", Elu.DEFAULT_ALPHA));
    }
}
