package org.nnj.layers.loss;

import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.spi.LossProvider;

/** Builds {@link BinaryCrossEntropyWithLogits}, registered as {@code "bce_with_logits"}; it takes no config keys. */
public final class BinaryCrossEntropyWithLogitsProvider implements LossProvider {

    @Override
    public String name() {
        return BinaryCrossEntropyWithLogits.TYPE;
    }

    @Override
    public String description() {
        return "binary cross-entropy on logits, fused with the sigmoid (stable); mean over the batch";
    }

    @Override
    public Loss create(Config config) {
        config.requireOnly();
        return new BinaryCrossEntropyWithLogits();
    }
}
