package org.nnj.optimizers.adagrad;

import org.nnj.api.config.Config;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.spi.OptimizerProvider;

/**
 * Builds {@link Adagrad} from {@code lr}, {@code lr_decay}, {@code weight_decay},
 * {@code initial_accumulator_value} and {@code eps}, each optional.
 */
public final class AdagradProvider implements OptimizerProvider {

    @Override
    public String name() {
        return Adagrad.TYPE;
    }

    @Override
    public String description() {
        return "AdaGrad, as torch.optim.Adagrad (lr 1e-2, eps 1e-10 outside the square root)";
    }

    @Override
    public Optimizer create(Config config) {
        Config c = config.describedAs("optimizer '" + Adagrad.TYPE + "'")
                .requireOnly("lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps");
        return new Adagrad(c.getDouble("lr", Adagrad.DEFAULT_LR), c.getDouble("lr_decay", 0),
                c.getDouble("weight_decay", 0), c.getDouble("initial_accumulator_value", 0),
                c.getDouble("eps", Adagrad.DEFAULT_EPS));
    }
}
