package org.nnj.layers.activation;

import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ActivationProvider;

/** Builds {@link LogSoftmax}, registered as {@code "log_softmax"}; it takes no config keys. */
public final class LogSoftmaxProvider implements ActivationProvider {

    @Override
    public String name() {
        return LogSoftmax.TYPE;
    }

    @Override
    public String description() {
        return "log-softmax over the last dimension, stable (pair it with the nll loss)";
    }

    @Override
    public Activation create(Config config) {
        config.requireOnly();
        return new LogSoftmax();
    }
}
