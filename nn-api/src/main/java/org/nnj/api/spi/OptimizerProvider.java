package org.nnj.api.spi;

import org.nnj.api.config.Config;
import org.nnj.api.optim.Optimizer;

/** Builds optimizers of one type from their hyper-parameters (for example {@code lr}, {@code beta1}). */
public interface OptimizerProvider extends Provider {

    Optimizer create(Config config);
}
