package org.nnj.core.train;

import java.util.SplittableRandom;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.data.Batch;
import org.nnj.core.data.Dataset;

/**
 * Cuts a {@link Dataset} into mini-batches in an order that can be shuffled each epoch. The batch tensors
 * are allocated once and refilled for every batch (the last, smaller one is a view of their first rows),
 * so a {@link Batch} is only valid until the next call.
 *
 * <p>Kept to what the trainer needs; the general-purpose loader is {@code org.nnj.core.data.DataLoader}.
 */
final class Batcher {
    private final Dataset data;
    private final int batchSize;
    private final int[] order;
    private final Tensor features;
    private final Tensor targets;
    private final int[] fullLabels;
    private final int[] tailLabels;

    Batcher(Dataset data, int batchSize) {
        this.data = data;
        this.batchSize = batchSize;
        int n = data.size();
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int rows = Math.min(batchSize, n);
        this.features = Tensor.zeros(data.featureShape().withBatch(rows));
        this.targets = Tensor.zeros(data.targetShape().withBatch(rows));
        this.fullLabels = new int[rows];
        this.tailLabels = new int[n % batchSize == 0 ? rows : n % batchSize];
    }

    /** The number of batches in one pass over the data. */
    int batchCount() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /**
     * Puts the examples in a random order (Fisher-Yates) that depends on {@code random} alone, not on the
     * orders before it, so an epoch's order can be reproduced on its own (a resumed run).
     */
    void shuffle(SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Batch {@code index} (from 0) of the current order, valid until the next call. */
    Batch batch(int index) {
        int from = index * batchSize;
        int rows = Math.min(batchSize, order.length - from);
        int featureSize = data.featureShape().size();
        int targetSize = data.targetShape().size();
        int[] labels = rows == fullLabels.length ? fullLabels : tailLabels;
        float[] f = features.data();
        float[] t = targets.data();
        for (int r = 0; r < rows; r++) {
            int example = order[from + r];
            data.copyFeatures(example, f, r * featureSize);
            data.copyTarget(example, t, r * targetSize);
            labels[r] = data.label(example);
        }
        if (rows == features.dim(0)) {
            return new Batch(features, targets, labels);
        }
        return new Batch(features.slice(0, rows), targets.slice(0, rows), labels);
    }
}
