package org.nnj.api.spi;

import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;

/** Builds losses of one type from a config. */
public interface LossProvider extends Provider {

    Loss create(Config config);
}
