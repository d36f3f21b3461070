package org.nnj.core.data;

import org.nnj.api.tensor.Tensor;

/**
 * A mini-batch: features {@code [N, ...featureShape]}, targets {@code [N, ...targetShape]}, and the class
 * labels when the data set has them (else -1s). The tensors may be reused by the loader for the next
 * batch: copy what must outlive the step.
 */
public record Batch(Tensor features, Tensor targets, int[] labels) {

    /** The number of examples in this batch. */
    public int size() {
        return features.dim(0);
    }
}
