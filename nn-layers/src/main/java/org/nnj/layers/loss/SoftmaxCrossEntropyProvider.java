package org.nnj.layers.loss;

import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.spi.LossProvider;

/** Builds {@link SoftmaxCrossEntropy}, registered as {@code "softmax_cross_entropy"}; it takes no config keys. */
public final class SoftmaxCrossEntropyProvider implements LossProvider {

    @Override
    public String name() {
        return SoftmaxCrossEntropy.TYPE;
    }

    @Override
    public String description() {
        return "cross-entropy on logits, fused with the softmax (stable); one-hot or distribution targets; mean over the batch";
    }

    @Override
    public Loss create(Config config) {
        config.requireOnly();
        return new SoftmaxCrossEntropy();
    }
}
