package org.nnj.optimizers.adam;

import org.nnj.api.config.Config;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.spi.OptimizerProvider;

/**
 * Builds {@link Adam} from {@code lr}, {@code beta1}, {@code beta2}, {@code eps}, {@code weight_decay}
 * and {@code amsgrad}, each optional.
 */
public final class AdamProvider implements OptimizerProvider {

    @Override
    public String name() {
        return Adam.TYPE;
    }

    @Override
    public String description() {
        return "Adam (AMSGrad with amsgrad=true), as torch.optim.Adam (lr 1e-3, beta1 0.9, beta2 0.999, eps 1e-8,"
                + " coupled weight decay 0)";
    }

    @Override
    public Optimizer create(Config config) {
        Config c = config.describedAs("optimizer '" + Adam.TYPE + "'")
                .requireOnly("lr", "beta1", "beta2", "eps", "weight_decay", "amsgrad");
        return new Adam(c.getDouble("lr", Adam.DEFAULT_LR), c.getDouble("beta1", Adam.DEFAULT_BETA1),
                c.getDouble("beta2", Adam.DEFAULT_BETA2), c.getDouble("eps", Adam.DEFAULT_EPS),
                c.getDouble("weight_decay", 0), c.getBoolean("amsgrad", false));
    }
}
