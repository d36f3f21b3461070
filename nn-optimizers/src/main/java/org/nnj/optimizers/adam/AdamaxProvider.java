package org.nnj.optimizers.adam;

import org.nnj.api.config.Config;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.spi.OptimizerProvider;

/** Builds {@link Adamax} from {@code lr}, {@code beta1}, {@code beta2}, {@code eps} and {@code weight_decay}, each optional. */
public final class AdamaxProvider implements OptimizerProvider {

    @Override
    public String name() {
        return Adamax.TYPE;
    }

    @Override
    public String description() {
        return "Adamax, Adam with the infinity norm, as torch.optim.Adamax (lr 2e-3, eps 1e-8 added to |g|)";
    }

    @Override
    public Optimizer create(Config config) {
        Config c = config.describedAs("optimizer '" + Adamax.TYPE + "'")
                .requireOnly("lr", "beta1", "beta2", "eps", "weight_decay");
        return new Adamax(c.getDouble("lr", Adamax.DEFAULT_LR), c.getDouble("beta1", AbstractAdam.DEFAULT_BETA1),
                c.getDouble("beta2", AbstractAdam.DEFAULT_BETA2), c.getDouble("eps", AbstractAdam.DEFAULT_EPS),
                c.getDouble("weight_decay", 0));
    }
}
