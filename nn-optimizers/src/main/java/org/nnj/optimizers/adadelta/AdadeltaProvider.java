package org.nnj.optimizers.adadelta;

import org.nnj.api.config.Config;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.spi.OptimizerProvider;

/** Builds {@link Adadelta} from {@code lr}, {@code rho}, {@code eps} and {@code weight_decay}, each optional. */
public final class AdadeltaProvider implements OptimizerProvider {

    @Override
    public String name() {
        return Adadelta.TYPE;
    }

    @Override
    public String description() {
        return "AdaDelta, as torch.optim.Adadelta (lr 1.0, rho 0.9, eps 1e-6 inside the square roots)";
    }

    @Override
    public Optimizer create(Config config) {
        Config c = config.describedAs("optimizer '" + Adadelta.TYPE + "'")
                .requireOnly("lr", "rho", "eps", "weight_decay");
        return new Adadelta(c.getDouble("lr", Adadelta.DEFAULT_LR), c.getDouble("rho", Adadelta.DEFAULT_RHO),
                c.getDouble("eps", Adadelta.DEFAULT_EPS), c.getDouble("weight_decay", 0));
    }
}
