package org.nnj.optimizers.sgd;

import org.nnj.api.config.Config;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.spi.OptimizerProvider;

/**
 * Builds {@link Sgd} from {@code lr}, {@code momentum}, {@code dampening}, {@code nesterov} and
 * {@code weight_decay}, each optional.
 */
public final class SgdProvider implements OptimizerProvider {

    @Override
    public String name() {
        return Sgd.TYPE;
    }

    @Override
    public String description() {
        return "stochastic gradient descent with momentum, Nesterov and weight decay, as torch.optim.SGD"
                + " (lr " + Sgd.DEFAULT_LR + ", momentum 0)";
    }

    @Override
    public Optimizer create(Config config) {
        Config c = config.describedAs("optimizer '" + Sgd.TYPE + "'")
                .requireOnly("lr", "momentum", "dampening", "nesterov", "weight_decay");
        return new Sgd(c.getDouble("lr", Sgd.DEFAULT_LR), c.getDouble("momentum", 0), c.getDouble("dampening", 0),
                c.getBoolean("nesterov", false), c.getDouble("weight_decay", 0));
    }
}
