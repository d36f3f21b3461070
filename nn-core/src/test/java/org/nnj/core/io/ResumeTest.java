package org.nnj.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.ConfigException;
import org.nnj.api.tensor.Shape;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.fixtures.ArrayDataset;
import org.nnj.core.fixtures.TestMse;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.Trainer;
import org.nnj.core.train.TrainingHistory;
import org.nnj.core.train.TrainingProgress;

/**
 * A run stopped after epoch k and resumed from its checkpoint, in fresh objects, ends with the same
 * weights, bit for bit, as the run that was never stopped (with the test plugins; nn-examples repeats this
 * with Dense and Adam).
 */
class ResumeTest {
    @TempDir
    Path dir;

    private final Registries registries = IoFixtures.registries();
    private final ScalarBackend backend = new ScalarBackend(1);

    /** 3 inputs, 2 outputs: a fixed linear map of the inputs, squared through the ReLU net's reach. */
    private static ArrayDataset data(int n) {
        SplittableRandom random = new SplittableRandom(4);
        float[] x = new float[3 * n];
        float[] y = new float[2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[3 * i + j] = (float) random.nextDouble(-1, 1);
            }
            y[2 * i] = x[3 * i] - 2 * x[3 * i + 1];
            y[2 * i + 1] = Math.abs(x[3 * i + 2]);
        }
        return new ArrayDataset(x, Shape.of(3), y, Shape.of(2));
    }

    private Trainer.Builder trainer(Sequential model, int epochs) {
        return Trainer.builder().model(model).loss(new TestMse()).optimizer(new IoFixtures.Momentum(0.05, 0.9))
                .backend(backend).batchSize(7).epochs(epochs).seed(11);
    }

    @Test
    void aRunResumedFromItsCheckpointEndsBitForBitLikeTheUninterruptedOne() throws IOException {
        ArrayDataset train = data(60);
        Sequential uninterrupted = IoFixtures.model(registries, 1);
        TrainingHistory full = trainer(uninterrupted, 3).build().fit(train);

        Path file = dir.resolve("run.safetensors");
        Sequential first = IoFixtures.model(registries, 1);
        trainer(first, 3).listener(new Checkpointer(file, registries)).epochs(1).build().fit(train);

        Checkpoint saved = ModelFile.read(file, registries);
        TrainingProgress progress = saved.progress().orElseThrow();
        assertEquals(1, progress.epoch());
        TrainingHistory resumed = saved.trainerBuilder().backend(backend).epochs(3)
                .listener(new Checkpointer(file, registries)).build().resume(train, progress);

        Map<String, float[]> expected = IoFixtures.weights(uninterrupted);
        Map<String, float[]> actual = IoFixtures.weights(saved.model());
        for (String name : expected.keySet()) {
            assertTrue(Arrays.equals(expected.get(name), actual.get(name)), name + " differs after resuming");
        }
        assertEquals(3, resumed.epochs().size());
        for (int e = 0; e < 3; e++) {
            assertEquals(full.epochs().get(e).trainingLoss(), resumed.epochs().get(e).trainingLoss(), "epoch " + (e + 1));
        }
        // The resumed run went on checkpointing: the file now holds epoch 3 and its weights.
        Checkpoint last = ModelFile.read(file, registries);
        assertEquals(3, last.progress().orElseThrow().epoch());
        assertTrue(last.progress().orElseThrow().finished());
        IoFixtures.weights(last.model()).forEach((k, v) -> assertTrue(Arrays.equals(expected.get(k), v), k));
    }

    @Test
    void withoutTheOptimizerStateTheResumedRunDiffers() throws IOException {
        // The control for the test above: the state in the file is what makes it exact.
        ArrayDataset train = data(60);
        Sequential uninterrupted = IoFixtures.model(registries, 1);
        trainer(uninterrupted, 2).build().fit(train);

        Path file = dir.resolve("run.safetensors");
        trainer(IoFixtures.model(registries, 1), 2).epochs(1).listener(new Checkpointer(file, registries))
                .build().fit(train);
        Checkpoint saved = ModelFile.read(file, registries);
        Trainer fresh = trainer(saved.model(), 2).build(); // a new optimizer, zero velocity
        fresh.resume(train, saved.progress().orElseThrow());
        assertFalse(Arrays.equals(IoFixtures.weights(uninterrupted).get("0.weight"),
                IoFixtures.weights(saved.model()).get("0.weight")));
    }

    @Test
    void resumingWithOtherSettingsIsRefused() throws IOException {
        ArrayDataset train = data(20);
        Path file = dir.resolve("run.safetensors");
        trainer(IoFixtures.model(registries, 1), 1).listener(new Checkpointer(file, registries)).build().fit(train);
        Checkpoint saved = ModelFile.read(file, registries);
        TrainingProgress progress = saved.progress().orElseThrow();

        ConfigException seed = assertThrows(ConfigException.class,
                () -> saved.trainerBuilder().backend(backend).seed(12).epochs(2).build().resume(train, progress));
        assertTrue(seed.getMessage().contains("seed 11") && seed.getMessage().contains("seed 12"), seed.getMessage());
        assertThrows(ConfigException.class,
                () -> saved.trainerBuilder().backend(backend).batchSize(8).epochs(2).build().resume(train, progress));
        // A finished run has nothing left to do.
        TrainingHistory done = saved.trainerBuilder().backend(backend).build().resume(train, progress);
        assertEquals(1, done.epochs().size());
        assertThrows(ConfigException.class, () -> Checkpoint.of(saved.model()).trainerBuilder());
    }
}
