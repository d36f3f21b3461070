package org.nnj.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.tensor.Shape;

class DataLoaderTest {
    private final InMemoryDataset data = InMemoryDatasetTest.numbered(23);

    /** The example numbers of one epoch, batch by batch, read from the batches' features. */
    private static List<int[]> epoch(DataLoader loader, int epoch) {
        List<int[]> batches = new ArrayList<>();
        for (Batch batch : loader.epoch(epoch)) {
            int[] ids = new int[batch.size()];
            for (int k = 0; k < ids.length; k++) {
                ids[k] = (int) batch.features().get(k, 0);
                assertEquals(-ids[k], batch.features().get(k, 1));
            }
            batches.add(ids);
        }
        return batches;
    }

    private static int[] flat(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }

    @Test
    void everyExampleExactlyOncePerEpoch() {
        DataLoader loader = DataLoader.builder(data, 5).shuffle(11).build();
        for (int e = 0; e < 4; e++) {
            int[] ids = flat(epoch(loader, e));
            int[] sorted = ids.clone();
            Arrays.sort(sorted);
            assertArrayEquals(Permutations.identity(23), sorted, "epoch " + e);
        }
    }

    @Test
    void withoutShuffleTheOrderIsTheDatasetOrder() {
        DataLoader loader = DataLoader.builder(data, 5).build();
        assertArrayEquals(Permutations.identity(23), flat(epoch(loader, 0)));
        assertArrayEquals(Permutations.identity(23), flat(epoch(loader, 7)));
    }

    @Test
    void sameSeedSameOrderAndEpochIndependentOfHistory() {
        DataLoader a = DataLoader.builder(data, 4).shuffle(99).build();
        DataLoader b = DataLoader.builder(data, 4).shuffle(99).build();
        epoch(a, 0);
        epoch(a, 1);
        int[] afterHistory = flat(epoch(a, 2));
        int[] fresh = flat(epoch(b, 2));
        assertArrayEquals(fresh, afterHistory);
        // The same Iterable gives the same epoch again.
        Iterable<Batch> epoch = b.epoch(3);
        int[] first = new int[23];
        int[] second = new int[23];
        int i = 0;
        for (Batch batch : epoch) {
            for (int k = 0; k < batch.size(); k++) {
                first[i++] = (int) batch.features().get(k, 0);
            }
        }
        i = 0;
        for (Batch batch : epoch) {
            for (int k = 0; k < batch.size(); k++) {
                second[i++] = (int) batch.features().get(k, 0);
            }
        }
        assertArrayEquals(first, second);
    }

    @Test
    void differentEpochsAndSeedsGiveDifferentOrders() {
        DataLoader loader = DataLoader.builder(data, 4).shuffle(5).build();
        DataLoader adjacentSeed = DataLoader.builder(data, 4).shuffle(6).build();
        int[] e0 = flat(epoch(loader, 0));
        int[] e1 = flat(epoch(loader, 1));
        assertFalse(Arrays.equals(e0, e1));
        assertFalse(Arrays.equals(e0, Permutations.identity(23)));
        assertFalse(Arrays.equals(e0, flat(epoch(adjacentSeed, 0))));
        // seed + epoch must not alias: epoch 1 of seed 5 is not epoch 0 of seed 6.
        assertFalse(Arrays.equals(e1, flat(epoch(adjacentSeed, 0))));
    }

    @Test
    void lastPartialBatchIsKeptOrDropped() {
        DataLoader keep = DataLoader.builder(data, 5).shuffle(1).build();
        assertEquals(5, keep.batchesPerEpoch());
        List<int[]> batches = epoch(keep, 0);
        assertEquals(5, batches.size());
        assertEquals(3, batches.get(4).length);
        int sizeSeen = 0;
        for (Batch batch : keep.epoch(0)) {
            sizeSeen = batch.size();
            assertEquals(batch.size(), batch.labels().length);
            assertEquals(Shape.of(batch.size(), 3), batch.targets().shape());
        }
        assertEquals(3, sizeSeen);

        DataLoader drop = DataLoader.builder(data, 5).shuffle(1).dropLast(true).build();
        assertEquals(4, drop.batchesPerEpoch());
        List<int[]> dropped = epoch(drop, 0);
        assertEquals(4, dropped.size());
        // Dropping changes nothing about the batches that remain.
        for (int b = 0; b < 4; b++) {
            assertArrayEquals(batches.get(b), dropped.get(b));
        }
    }

    @Test
    void batchSizeLargerThanTheData() {
        assertEquals(1, DataLoader.builder(data, 100).build().batchesPerEpoch());
        assertEquals(23, epoch(DataLoader.builder(data, 100).build(), 0).get(0).length);
        assertEquals(0, DataLoader.builder(data, 100).dropLast(true).build().batchesPerEpoch());
        assertFalse(DataLoader.builder(data, 100).dropLast(true).build().epoch(0).iterator().hasNext());
        assertEquals(0, DataLoader.builder(data.subset(0, 0), 4).build().batchesPerEpoch());
    }

    @Test
    void targetsAreOneHotAndLabelsMatch() {
        DataLoader loader = DataLoader.builder(data, 6).shuffle(3).build();
        for (Batch batch : loader.epoch(0)) {
            for (int k = 0; k < batch.size(); k++) {
                int id = (int) batch.features().get(k, 0);
                assertEquals(id % 3, batch.labels()[k]);
                for (int c = 0; c < 3; c++) {
                    assertEquals(c == id % 3 ? 1f : 0f, batch.targets().get(k, c), "example " + id + " class " + c);
                }
            }
        }
    }

    @Test
    void regressionBatchesHaveMinusOneLabels() {
        InMemoryDataset regression = InMemoryDataset.regression(new float[] {1, 2, 3}, Shape.of(1),
                new float[] {10, 20, 30}, Shape.of(1));
        Batch batch = DataLoader.builder(regression, 3).build().epoch(0).iterator().next();
        assertArrayEquals(new int[] {-1, -1, -1}, batch.labels());
        assertArrayEquals(new float[] {10, 20, 30}, batch.targets().toArray());
    }

    @Test
    void buffersAreReusedBetweenBatches() {
        Iterator<Batch> it = DataLoader.builder(data, 5).build().epoch(0).iterator();
        Batch first = it.next();
        float[] array = first.features().data();
        Batch second = it.next();
        assertSame(array, second.features().data());
        assertEquals(5f, second.features().get(0, 0));
        while (it.hasNext()) {
            assertSame(array, it.next().features().data());
        }
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void badSettingsAreRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> DataLoader.builder(data, 0));
        assertTrue(e.getMessage().contains("batch size must be at least 1, got 0"), e.getMessage());
        assertThrows(ConfigException.class, () -> DataLoader.builder(data, 2).build().epoch(-1));
    }
}
