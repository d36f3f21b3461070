package org.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.tensor.Shape;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.data.DataFingerprint;
import org.nnj.core.fixtures.ArrayDataset;
import org.nnj.core.fixtures.TestMse;
import org.nnj.core.fixtures.TestSgd;

/** The data fingerprint a run's progress keeps, and the resume that refuses other data. */
class DataFingerprintTest {
    private final ScalarBackend backend = new ScalarBackend(1);

    @Test
    void equalDataGiveOneFingerprintAndAnyChangeAnother() {
        String a = DataFingerprint.of(Problems.line(10, 3, 1f));
        assertEquals(a, DataFingerprint.of(Problems.line(10, 3, 1f)));
        assertTrue(a.matches("n10-[0-9a-f]{16}"), a);
        assertNotEquals(a, DataFingerprint.of(Problems.line(10, 4, 1f)), "other features");
        assertNotEquals(a, DataFingerprint.of(Problems.line(10, 3, -1f)), "other targets");
        assertNotEquals(a, DataFingerprint.of(Problems.line(9, 3, 1f)), "fewer examples");

        float[] x = {1, 2, 3, 4};
        float[] y = {1, 2};
        float[] swapped = {3, 4, 1, 2};
        float[] ySwapped = {2, 1};
        assertNotEquals(DataFingerprint.of(new ArrayDataset(x, Shape.of(2), y, Shape.of(1))),
                DataFingerprint.of(new ArrayDataset(swapped, Shape.of(2), ySwapped, Shape.of(1))), "other order");
        assertNotEquals(DataFingerprint.of(new ArrayDataset(x, Shape.of(2), y, Shape.of(1))),
                DataFingerprint.of(new ArrayDataset(x, Shape.of(1), new float[] {1, 2, 3, 4}, Shape.of(1))),
                "other shapes");
    }

    @Test
    void everySnapshotCarriesTheFingerprintOfTheTrainingData() {
        List<TrainingProgress> saved = new ArrayList<>();
        trainer(2).listener(new TrainingListener() {
            @Override
            public void onCheckpoint(TrainingSnapshot snapshot) {
                saved.add(snapshot.progress());
            }
        }).build().fit(Problems.line(10, 3, 1f));
        assertEquals(2, saved.size());
        for (TrainingProgress p : saved) {
            assertEquals(DataFingerprint.of(Problems.line(10, 3, 1f)), p.dataFingerprint());
        }
    }

    @Test
    void resumingOnOtherDataIsRefusedAndAProgressWithoutAFingerprintStillResumes() {
        List<TrainingProgress> saved = new ArrayList<>();
        trainer(1).listener(new TrainingListener() {
            @Override
            public void onCheckpoint(TrainingSnapshot snapshot) {
                saved.add(snapshot.progress());
            }
        }).build().fit(Problems.line(10, 3, 1f));
        TrainingProgress progress = saved.get(0);

        ConfigException e = assertThrows(ConfigException.class,
                () -> trainer(2).build().resume(Problems.line(10, 4, 1f), progress));
        assertTrue(e.getMessage().contains(progress.dataFingerprint())
                && e.getMessage().contains(DataFingerprint.of(Problems.line(10, 4, 1f))), e.getMessage());

        TrainingProgress old = progress.withDataFingerprint(null);
        assertNull(old.dataFingerprint());
        assertEquals(new TrainingProgress(old.epoch(), old.epochs(), old.seed(), old.batchSize(), old.shuffle(),
                old.stoppedEarly(), old.history()), old);
        assertEquals(2, trainer(2).build().resume(Problems.line(10, 4, 1f), old).epochs().size());
        assertEquals(2, trainer(2).build().resume(Problems.line(10, 3, 1f), progress).epochs().size());
    }

    private Trainer.Builder trainer(int epochs) {
        return Trainer.builder().model(Problems.regression(1)).loss(new TestMse()).optimizer(new TestSgd(0.1))
                .backend(backend).batchSize(4).epochs(epochs).seed(1);
    }
}
