package org.nnj.layers.activation;

import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ActivationProvider;

/** Builds {@link Identity}, registered as {@code "identity"}; it takes no config keys. */
public final class IdentityProvider implements ActivationProvider {

    @Override
    public String name() {
        return Identity.TYPE;
    }

    @Override
    public String description() {
        return "identity f(x) = x (a linear output)";
    }

    @Override
    public Activation create(Config config) {
        config.requireOnly();
        return new Identity();
    }
}
