package org.nnj.optimizers.rmsprop;

import org.nnj.api.config.Config;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.spi.OptimizerProvider;

/**
 * Builds {@link RmsProp} from {@code lr}, {@code alpha}, {@code eps}, {@code weight_decay},
 * {@code momentum} and {@code centered}, each optional.
 */
public final class RmsPropProvider implements OptimizerProvider {

    @Override
    public String name() {
        return RmsProp.TYPE;
    }

    @Override
    public String description() {
        return "RMSprop, plain or centered, with momentum, as torch.optim.RMSprop (lr 1e-2, alpha 0.99,"
                + " eps 1e-8 outside the square root)";
    }

    @Override
    public Optimizer create(Config config) {
        Config c = config.describedAs("optimizer '" + RmsProp.TYPE + "'")
                .requireOnly("lr", "alpha", "eps", "weight_decay", "momentum", "centered");
        return new RmsProp(c.getDouble("lr", RmsProp.DEFAULT_LR), c.getDouble("alpha", RmsProp.DEFAULT_ALPHA),
                c.getDouble("eps", RmsProp.DEFAULT_EPS), c.getDouble("weight_decay", 0), c.getDouble("momentum", 0),
                c.getBoolean("centered", false));
    }
}
