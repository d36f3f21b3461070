package org.nnj.optimizers.adam;

import org.nnj.api.config.Config;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.spi.OptimizerProvider;

/**
 * Builds {@link NAdam} from {@code lr}, {@code beta1}, {@code beta2}, {@code eps}, {@code weight_decay}
 * and {@code momentum_decay}, each optional.
 */
public final class NAdamProvider implements OptimizerProvider {

    @Override
    public String name() {
        return NAdam.TYPE;
    }

    @Override
    public String description() {
        return "NAdam, Adam with Nesterov momentum, as torch.optim.NAdam (lr 2e-3, momentum_decay 4e-3)";
    }

    @Override
    public Optimizer create(Config config) {
        Config c = config.describedAs("optimizer '" + NAdam.TYPE + "'")
                .requireOnly("lr", "beta1", "beta2", "eps", "weight_decay", "momentum_decay");
        return new NAdam(c.getDouble("lr", NAdam.DEFAULT_LR), c.getDouble("beta1", AbstractAdam.DEFAULT_BETA1),
                c.getDouble("beta2", AbstractAdam.DEFAULT_BETA2), c.getDouble("eps", AbstractAdam.DEFAULT_EPS),
                c.getDouble("weight_decay", 0), c.getDouble("momentum_decay", NAdam.DEFAULT_MOMENTUM_DECAY));
    }
}
