package org.nnj.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.model.Seeds;

/**
 * One partition of the training data, packed once into two arrays (features row after row, labels) and
 * cached by Spark for all the epochs: the partition's rows are read from the source once, and every step
 * after that copies only its share into the batch buffer.
 *
 * <p>Which rows a step uses is a pure function of the partition, the epoch and the step (see
 * {@link #share}), so a task that Spark retries computes exactly what the failed attempt would have.
 */
final class PartitionBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Rows per chunk of the features: a partition grows chunk by chunk, never copied into a bigger array. */
    static final int CHUNK_ROWS = 1024;

    final int partition;
    final int rows;
    final int width;
    final float[][] chunks;
    final int[] labels;

    private PartitionBlock(int partition, int rows, int width, float[][] chunks, int[] labels) {
        this.partition = partition;
        this.rows = rows;
        this.width = width;
        this.chunks = chunks;
        this.labels = labels;
    }

    /**
     * Reads a partition's rows (features as an array column at 0, the label at 1), already checked by
     * {@link InputCheck}, into a block: each value is copied once, from the row into its chunk.
     */
    static PartitionBlock pack(int partition, Iterator<Row> rows, int width) {
        List<float[]> chunks = new ArrayList<>();
        int[] labels = new int[CHUNK_ROWS];
        int n = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            if (n % CHUNK_ROWS == 0) {
                chunks.add(new float[CHUNK_ROWS * width]);
            }
            if (n == labels.length) {
                labels = Arrays.copyOf(labels, 2 * n);
            }
            float[] chunk = chunks.get(chunks.size() - 1);
            int at = (n % CHUNK_ROWS) * width;
            List<Object> values = row.getList(0);
            for (int i = 0; i < width; i++) {
                chunk[at + i] = ((Number) values.get(i)).floatValue();
            }
            labels[n] = ((Number) row.get(1)).intValue();
            n++;
        }
        return new PartitionBlock(partition, n, width, chunks.toArray(new float[0][]), Arrays.copyOf(labels, n));
    }

    /**
     * The first row (inclusive) and the end (exclusive) of step {@code step}'s share, out of
     * {@code steps} steps per epoch: the partition is cut into {@code steps} nearly equal, consecutive
     * slices of its (shuffled) order, so the shares of all partitions make one global batch.
     */
    static int shareStart(int rows, int step, int steps) {
        return (int) ((long) step * rows / steps);
    }

    /** The order of the rows in {@code epoch}: shuffled from the seed, the epoch and the partition, or as stored. */
    int[] order(boolean shuffle, long seed, int epoch) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom random = new SplittableRandom(Seeds.derive(Seeds.derive(seed, epoch), partition));
            for (int i = rows - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /**
     * Copies rows {@code order[from..to)} into {@code features} (at least {@code to - from} rows of
     * {@code inputShape}) and their labels as one-hot rows into {@code targets}, and returns the two views
     * of that many rows.
     */
    Tensor[] share(int[] order, int from, int to, Shape inputShape, float[] featureBuffer, float[] targetBuffer,
                   int classes) {
        int n = to - from;
        Arrays.fill(targetBuffer, 0, n * classes, 0f);
        for (int r = 0; r < n; r++) {
            int row = order[from + r];
            System.arraycopy(chunks[row / CHUNK_ROWS], (row % CHUNK_ROWS) * width, featureBuffer, r * width, width);
            targetBuffer[r * classes + labels[row]] = 1f;
        }
        return new Tensor[] {
            Tensor.wrap(featureBuffer, inputShape.withBatch(n)),
            Tensor.wrap(targetBuffer, Shape.of(n, classes))
        };
    }
}
