package org.nnj.layers.loss;

import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.spi.LossProvider;

/** Builds {@link BinaryCrossEntropy}, registered as {@code "bce"}; it takes no config keys. */
public final class BinaryCrossEntropyProvider implements LossProvider {

    @Override
    public String name() {
        return BinaryCrossEntropy.TYPE;
    }

    @Override
    public String description() {
        return "binary cross-entropy on probabilities (after a sigmoid), logs clamped at -100 as in PyTorch; mean over the batch";
    }

    @Override
    public Loss create(Config config) {
        config.requireOnly();
        return new BinaryCrossEntropy();
    }
}
