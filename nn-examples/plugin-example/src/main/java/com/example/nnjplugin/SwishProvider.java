package com.example.nnjplugin;

import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ActivationProvider;

/** Registers {@link Swish} as {@code "swish"}; config key {@code beta} (default 1, SiLU). */
public final class SwishProvider implements ActivationProvider {

    @Override
    public String name() {
        return Swish.TYPE;
    }

    @Override
    public String description() {
        return "x * sigmoid(beta * x); key beta (1.0)";
    }

    @Override
    public Activation create(Config config) {
        Config c = config.describedAs("activation '" + Swish.TYPE + "'").requireOnly("beta");
        return new Swish(c.getDouble("beta", Swish.DEFAULT_BETA));
    }
}
