package org.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nnj.api.tensor.Shape;
import org.nnj.core.data.Batch;
import org.nnj.core.fixtures.ArrayDataset;

class BatcherTest {

    /** Example i has feature i and label i % 3. */
    private static ArrayDataset numbered(int n) {
        float[] x = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            labels[i] = i % 3;
        }
        return ArrayDataset.classification(x, Shape.of(1), labels, 3);
    }

    private static float[] epoch(Batcher batcher) {
        float[] seen = new float[0];
        for (int b = 0; b < batcher.batchCount(); b++) {
            Batch batch = batcher.batch(b);
            float[] f = batch.features().toArray();
            for (int r = 0; r < batch.size(); r++) {
                assertEquals((int) f[r] % 3, batch.labels()[r], "labels travel with their examples");
                assertEquals(1f, batch.targets().get(r, (int) f[r] % 3));
            }
            float[] grown = Arrays.copyOf(seen, seen.length + f.length);
            System.arraycopy(f, 0, grown, seen.length, f.length);
            seen = grown;
        }
        return seen;
    }

    @Test
    void batchesCoverEveryExampleOnceWithASmallerLastBatch() {
        Batcher batcher = new Batcher(numbered(10), 4);
        assertEquals(3, batcher.batchCount());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, epoch(batcher));
        assertEquals(2, batcher.batch(2).size());
        assertEquals(2, batcher.batch(2).labels().length);
        // The buffers are reused from batch to batch.
        assertSame(batcher.batch(0).features().data(), batcher.batch(2).features().data());
    }

    @Test
    void aShuffledOrderDependsOnItsRandomSourceAloneAndIsAPermutation() {
        Batcher batcher = new Batcher(numbered(50), 8);
        batcher.shuffle(new SplittableRandom(1));
        float[] first = epoch(batcher);
        batcher.shuffle(new SplittableRandom(2));
        float[] second = epoch(batcher);
        batcher.shuffle(new SplittableRandom(1));
        assertArrayEquals(first, epoch(batcher), "the same seed gives the same order, whatever came before");
        assertFalse(Arrays.equals(first, second));
        float[] sorted = first.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
    }
}
