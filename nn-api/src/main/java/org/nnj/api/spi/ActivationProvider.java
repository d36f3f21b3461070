package org.nnj.api.spi;

import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;

/** Builds activations of one type from a config (for example leaky ReLU's {@code alpha}). */
public interface ActivationProvider extends Provider {

    Activation create(Config config);
}
