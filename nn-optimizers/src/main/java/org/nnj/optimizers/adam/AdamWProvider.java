package org.nnj.optimizers.adam;

import org.nnj.api.config.Config;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.spi.OptimizerProvider;

/**
 * Builds {@link AdamW} from {@code lr}, {@code beta1}, {@code beta2}, {@code eps}, {@code weight_decay}
 * and {@code amsgrad}, each optional.
 */
public final class AdamWProvider implements OptimizerProvider {

    @Override
    public String name() {
        return AdamW.TYPE;
    }

    @Override
    public String description() {
        return "AdamW, Adam with decoupled weight decay, as torch.optim.AdamW (lr 1e-3, weight_decay 1e-2)";
    }

    @Override
    public Optimizer create(Config config) {
        Config c = config.describedAs("optimizer '" + AdamW.TYPE + "'")
                .requireOnly("lr", "beta1", "beta2", "eps", "weight_decay", "amsgrad");
        return new AdamW(c.getDouble("lr", AdamW.DEFAULT_LR), c.getDouble("beta1", AdamW.DEFAULT_BETA1),
                c.getDouble("beta2", AdamW.DEFAULT_BETA2), c.getDouble("eps", AdamW.DEFAULT_EPS),
                c.getDouble("weight_decay", AdamW.DEFAULT_WEIGHT_DECAY), c.getBoolean("amsgrad", false));
    }
}
