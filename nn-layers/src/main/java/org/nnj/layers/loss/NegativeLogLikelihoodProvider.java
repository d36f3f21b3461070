package org.nnj.layers.loss;

import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.spi.LossProvider;

/** Builds {@link NegativeLogLikelihood}, registered as {@code "nll"}; it takes no config keys. */
public final class NegativeLogLikelihoodProvider implements LossProvider {

    @Override
    public String name() {
        return NegativeLogLikelihood.TYPE;
    }

    @Override
    public String description() {
        return "negative log-likelihood of log-probabilities (after log_softmax); mean over the batch";
    }

    @Override
    public Loss create(Config config) {
        config.requireOnly();
        return new NegativeLogLikelihood();
    }
}
