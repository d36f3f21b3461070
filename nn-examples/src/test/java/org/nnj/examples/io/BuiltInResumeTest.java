package org.nnj.examples.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.Checkpointer;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.EpochMetrics;
import org.nnj.core.train.Trainer;
import org.nnj.core.train.TrainingListener;
import org.nnj.core.train.TrainingHistory;
import org.nnj.examples.train.FashionMnistSource;
import org.nnj.examples.train.ModelCatalog;

/**
 * The resume test with the real plugins: the MLP of {@code ./nn train} (Dense and ReLU from
 * nn-layers) trained with Adam (nn-optimizers) for 3 epochs without a break, against 1 epoch, a checkpoint,
 * a load into fresh objects and 2 more epochs: every parameter equal, bit for bit.
 */
class BuiltInResumeTest {
    private static InMemoryDataset train;
    private static InMemoryDataset validation;

    @TempDir
    Path dir;

    private final Registries registries = Registries.fromServiceLoader();
    private final ScalarBackend backend = new ScalarBackend(2);

    @BeforeAll
    static void loadData() throws IOException {
        InMemoryDataset.Split split = new FashionMnistSource(null).load("train", true).subset(0, 500).split(0.2, 3);
        train = split.train();
        validation = split.validation();
    }

    private Trainer.Builder trainer(Sequential model, int epochs) {
        return Trainer.builder().model(model).backend(backend)
                .loss(registries.loss("softmax_cross_entropy", Config.empty()))
                .optimizer(registries.optimizer("adam", Config.of("lr", 2e-3)))
                .batchSize(32).epochs(epochs).seed(17).validation(validation);
    }

    @Test
    void stoppedAfterOneEpochAndResumedEndsBitForBitLikeTheUninterruptedRun() throws IOException {
        Sequential uninterrupted = ModelCatalog.build("mlp", registries, 5);
        TrainingHistory full = trainer(uninterrupted, 3).build().fit(train);

        // The same run, killed after its first epoch was checkpointed.
        Path file = dir.resolve("checkpoint.safetensors");
        Sequential stopped = ModelCatalog.build("mlp", registries, 5);
        Trainer killed = trainer(stopped, 3).listener(new Checkpointer(file, registries))
                .listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochMetrics metrics) {
                        throw new IllegalStateException("killed after epoch " + metrics.epoch());
                    }
                }).build();
        assertThrows(IllegalStateException.class, () -> killed.fit(train));

        // Fresh objects: the model, the Adam state and the progress all come from the file.
        Checkpoint saved = ModelFile.read(file, registries);
        assertEquals("adam", saved.optimizer().orElseThrow().type());
        assertEquals(1, saved.progress().orElseThrow().epoch());
        assertEquals(3, saved.progress().orElseThrow().epochs());
        TrainingHistory resumed = saved.trainerBuilder().backend(backend).validation(validation).build()
                .resume(train, saved.progress().orElseThrow());

        Map<String, Parameter> expected = uninterrupted.namedParameters();
        Map<String, Parameter> actual = saved.model().namedParameters();
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertTrue(Arrays.equals(expected.get(name).value().toArray(), actual.get(name).value().toArray()),
                    name + " differs after resuming");
        }
        assertEquals(3, resumed.epochs().size());
        assertEquals(full.last().validationLoss(), resumed.last().validationLoss());
        assertTrue(full.last().trainingLoss() < full.epochs().get(0).trainingLoss(), "the run learned something");
    }
}
