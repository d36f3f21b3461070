package org.nnj.layers.loss;

import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.spi.LossProvider;

/** Builds {@link MeanSquaredError}, registered as {@code "mse"}; it takes no config keys. */
public final class MeanSquaredErrorProvider implements LossProvider {

    @Override
    public String name() {
        return MeanSquaredError.TYPE;
    }

    @Override
    public String description() {
        return "squared error 0.5 (a - y)^2, summed per sample, mean over the batch";
    }

    @Override
    public Loss create(Config config) {
        config.requireOnly();
        return new MeanSquaredError();
    }
}
