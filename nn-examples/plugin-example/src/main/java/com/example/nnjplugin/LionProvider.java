package com.example.nnjplugin;

import org.nnj.api.config.Config;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.spi.OptimizerProvider;

/** Registers {@link Lion} as {@code "lion"}; keys {@code lr}, {@code beta1}, {@code beta2}, {@code weight_decay}. */
public final class LionProvider implements OptimizerProvider {

    @Override
    public String name() {
        return Lion.TYPE;
    }

    @Override
    public String description() {
        return "Lion, sign momentum (lr 1e-4, beta1 0.9, beta2 0.99, weight_decay 0)";
    }

    @Override
    public Optimizer create(Config config) {
        Config c = config.describedAs("optimizer '" + Lion.TYPE + "'").requireOnly("lr", "beta1", "beta2", "weight_decay");
        return new Lion(c.getDouble("lr", Lion.DEFAULT_LR), c.getDouble("beta1", Lion.DEFAULT_BETA1),
                c.getDouble("beta2", Lion.DEFAULT_BETA2), c.getDouble("weight_decay", 0.0));
    }
}
