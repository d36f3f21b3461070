package org.nnj.optimizers.adam;

import org.nnj.api.config.Config;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.spi.OptimizerProvider;

/** Builds {@link Adam} from {@code lr}, {@code beta1}, {@code beta2} and {@code eps}, each optional. */
public final class AdamProvider implements OptimizerProvider {

    @Override
    public String name() {
        return Adam.TYPE;
    }

    @Override
    public String description() {
        return "Adam, PyTorch's formula (lr 1e-3, beta1 0.9, beta2 0.999, eps 1e-8)";
    }

    @Override
    public Optimizer create(Config config) {
        Config c = config.describedAs("optimizer '" + Adam.TYPE + "'").requireOnly("lr", "beta1", "beta2", "eps");
        return new Adam(c.getDouble("lr", Adam.DEFAULT_LR), c.getDouble("beta1", Adam.DEFAULT_BETA1),
                c.getDouble("beta2", Adam.DEFAULT_BETA2), c.getDouble("eps", Adam.DEFAULT_EPS));
    }
}
