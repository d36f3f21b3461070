package org.nnj.layers.activation;

import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ActivationProvider;

/** Builds {@link Softmax}, registered as {@code "softmax"}; it takes no config keys. */
public final class SoftmaxProvider implements ActivationProvider {

    @Override
    public String name() {
        return Softmax.TYPE;
    }

    @Override
    public String description() {
        return "softmax over the last dimension (prefer the fused softmax_cross_entropy loss for training)";
    }

    @Override
    public Activation create(Config config) {
        config.requireOnly();
        return new Softmax();
    }
}
