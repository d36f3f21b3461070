package org.nnj.core.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.nnj.api.ConfigException;
import org.nnj.api.tensor.Tensor;

/**
 * Cuts a {@link Dataset} into mini-batches, in order or shuffled.
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.builder(train, 64).shuffle(seed).build();
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     for (Batch batch : loader.epoch(epoch)) {
 *         ... // batch.features() is [N, ...featureShape], N = 64 except maybe for the last batch
 *     }
 * }
 * }</pre>
 *
 * <h2>Order</h2>
 * Without shuffling every epoch visits the examples in their order in the data set. With
 * {@link Builder#shuffle(long)} each epoch has its own permutation (Fisher-Yates driven by a
 * {@link java.util.SplittableRandom}) seeded from the loader's seed and the epoch index alone, so epoch
 * {@code k} is the same whatever ran before it: a run resumed at epoch {@code k} sees the batches the
 * uninterrupted run saw. Each epoch visits every example exactly once.
 *
 * <h2>The last batch</h2>
 * When the batch size does not divide the data set, the last batch of an epoch is smaller (as PyTorch's
 * {@code drop_last=False}), unless {@link Builder#dropLast(boolean)} drops it.
 *
 * <h2>Buffers</h2>
 * The loader fills the same tensors and label array for every batch, so an epoch allocates nothing: the
 * contents of a {@link Batch} are valid until the next batch is taken from any iterator of this loader.
 * Copy what must outlive the step. For the same reason a loader is not thread-safe and should be iterated
 * by one loop at a time.
 */
public final class DataLoader {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final int batchesPerEpoch;
    private final int[] sequentialOrder;
    /** The batch of {@code batchSize} examples, or null when no batch is that large. */
    private final Batch fullBatch;
    /** The smaller last batch, or null when there is none. */
    private final Batch partialBatch;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.dropLast = b.dropLast;
        int n = dataset.size();
        int remainder = n % batchSize;
        this.batchesPerEpoch = n / batchSize + (remainder > 0 && !dropLast ? 1 : 0);
        this.sequentialOrder = shuffle ? null : Permutations.identity(n);

        int capacity = Math.min(batchSize, n);
        Tensor features = Tensor.zeros(dataset.featureShape().withBatch(capacity));
        Tensor targets = Tensor.zeros(dataset.targetShape().withBatch(capacity));
        this.fullBatch = n >= batchSize ? new Batch(features, targets, new int[batchSize]) : null;
        this.partialBatch = remainder > 0 && !dropLast
                ? new Batch(features.slice(0, remainder), targets.slice(0, remainder), new int[remainder])
                : null;
    }

    /** A builder for a loader over {@code dataset} with batches of {@code batchSize} examples. */
    public static Builder builder(Dataset dataset, int batchSize) {
        return new Builder(dataset, batchSize);
    }

    /** Settings of a {@link DataLoader}; by default no shuffling and the last partial batch kept. */
    public static final class Builder {
        private final Dataset dataset;
        private final int batchSize;
        private boolean shuffle;
        private long seed;
        private boolean dropLast;

        private Builder(Dataset dataset, int batchSize) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
            if (batchSize < 1) {
                throw new ConfigException("data loader: the batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
        }

        /** Shuffles every epoch with a permutation derived from {@code seed} and the epoch index. */
        public Builder shuffle(long seed) {
            this.shuffle = true;
            this.seed = seed;
            return this;
        }

        /** Whether to drop the last batch of an epoch when it is smaller than the batch size (default false). */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        public DataLoader build() {
            return new DataLoader(this);
        }
    }

    public Dataset dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The number of batches {@link #epoch} yields: {@code ceil(size / batchSize)}, or {@code floor} when dropping the last. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /**
     * The batches of epoch {@code epochIndex} (0 for the first). Each call of {@code iterator()} starts the
     * epoch again from its first batch, in the same order.
     */
    public Iterable<Batch> epoch(int epochIndex) {
        if (epochIndex < 0) {
            throw new ConfigException("data loader: the epoch index must not be negative, got " + epochIndex);
        }
        return () -> new BatchIterator(shuffle
                ? Permutations.shuffled(dataset.size(), Permutations.epochSeed(seed, epochIndex))
                : sequentialOrder);
    }

    private final class BatchIterator implements Iterator<Batch> {
        private final int[] order;
        private int next;

        BatchIterator(int[] order) {
            this.order = order;
        }

        @Override
        public boolean hasNext() {
            return next < batchesPerEpoch;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the epoch has " + batchesPerEpoch + " batches, all taken");
            }
            int start = next++ * batchSize;
            Batch batch = order.length - start >= batchSize ? fullBatch : partialBatch;
            fill(batch, start);
            return batch;
        }

        private void fill(Batch batch, int start) {
            float[] features = batch.features().data();
            float[] targets = batch.targets().data();
            int featureOffset = batch.features().offset();
            int targetOffset = batch.targets().offset();
            int featureSize = dataset.featureShape().size();
            int targetSize = dataset.targetShape().size();
            int[] labels = batch.labels();
            for (int k = 0; k < labels.length; k++) {
                int example = order[start + k];
                dataset.copyFeatures(example, features, featureOffset + k * featureSize);
                dataset.copyTarget(example, targets, targetOffset + k * targetSize);
                labels[k] = dataset.label(example);
            }
        }
    }

    /** For example {@code DataLoader[batch 64, 938 batches per epoch, shuffled]}. */
    @Override
    public String toString() {
        return "DataLoader[batch " + batchSize + ", " + batchesPerEpoch + " batches per epoch"
                + (shuffle ? ", shuffled" : "") + (dropLast ? ", last partial batch dropped" : "") + "]";
    }
}
