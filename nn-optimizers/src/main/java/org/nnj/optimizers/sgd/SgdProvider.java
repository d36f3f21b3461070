package org.nnj.optimizers.sgd;

import org.nnj.api.config.Config;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.spi.OptimizerProvider;

/** Builds {@link Sgd} from {@code lr}; any other key (such as {@code momentum}, not implemented yet) is an error. */
public final class SgdProvider implements OptimizerProvider {

    @Override
    public String name() {
        return Sgd.TYPE;
    }

    @Override
    public String description() {
        return "stochastic gradient descent, w -= lr * g (lr default " + Sgd.DEFAULT_LR + ")";
    }

    @Override
    public Optimizer create(Config config) {
        Config c = config.describedAs("optimizer '" + Sgd.TYPE + "'").requireOnly("lr");
        return new Sgd(c.getDouble("lr", Sgd.DEFAULT_LR));
    }
}
