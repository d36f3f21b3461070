package com.example.nnjplugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.ProviderException;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.loss.Loss;
import org.nnj.api.spi.ActivationProvider;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.Checkpointer;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.ProviderRegistry;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.EpochMetrics;
import org.nnj.core.train.Trainer;
import org.nnj.core.train.TrainingHistory;
import org.nnj.core.train.TrainingListener;

/**
 * The plugin as a user meets it: found by name through its META-INF/services files, trained in a model
 * next to the built-in layers, saved and loaded, and resumed bit for bit with its own optimizer.
 */
class FoundByNameTest {
    @TempDir
    Path dir;

    private final Registries registries = Registries.fromServiceLoader();
    private final ScalarBackend backend = new ScalarBackend(1);

    @Test
    void theServiceFilesRegisterAllThree() {
        assertInstanceOf(SwishProvider.class, registries.activations().get("swish"));
        assertInstanceOf(ScaleShiftProvider.class, registries.layers().get("scale_shift"));
        assertInstanceOf(LionProvider.class, registries.optimizers().get("lion"));
        assertEquals(Config.of("beta", 1.5), registries.activation("swish", Config.of("beta", 1.5)).config());
    }

    /** Points in the plane, class 1 inside the circle of radius 0.6: not linearly separable. */
    private static InMemoryDataset circle(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) random.nextDouble(-1, 1);
            x[2 * i + 1] = (float) random.nextDouble(-1, 1);
            labels[i] = x[2 * i] * x[2 * i] + x[2 * i + 1] * x[2 * i + 1] < 0.36 ? 1 : 0;
        }
        return InMemoryDataset.classification(x, Shape.of(2), labels, 2);
    }

    /** [2] -> dense 16 -> swish -> scale_shift -> dense 2: plugins and built-ins side by side, by name. */
    private Sequential model() {
        return Sequential.builder(Shape.of(2)).registries(registries).seed(3)
                .add("dense", Config.of("units", 16))
                .add("swish", Config.of("beta", 1.0))
                .add("scale_shift", Config.empty())
                .add("dense", Config.of("units", 2))
                .build();
    }

    private Trainer.Builder trainer(Sequential model, int epochs) {
        Loss loss = registries.loss("softmax_cross_entropy", Config.empty());
        return Trainer.builder().model(model).loss(loss).optimizer(registries.optimizer("lion", Config.of("lr", 0.01)))
                .backend(backend).batchSize(16).epochs(epochs).seed(8);
    }

    @Test
    void aModelWithThePluginsLearnsSavesAndLoads() throws IOException {
        Sequential model = model();
        InMemoryDataset train = circle(400, 1);
        TrainingHistory history = trainer(model, 40).build().fit(train);
        Trainer evaluator = trainer(model, 1).build();
        double accuracy = evaluator.evaluate(circle(200, 2)).accuracy();
        assertTrue(accuracy > 0.9, "held-out accuracy " + accuracy + ", history " + history.last());

        Path file = dir.resolve("circle.safetensors");
        ModelFile.save(file, Checkpoint.of(model).withLoss(registries.loss("softmax_cross_entropy", Config.empty())),
                registries);
        Sequential loaded = ModelFile.load(file, registries);
        assertEquals(model.layers().get(1).config(), loaded.layers().get(1).config());
        Tensor x = Tensor.of(new float[] {0, 0, 0.9f, -0.9f, 0.3f, 0.2f}, 3, 2);
        assertArrayEquals(model.predict(x, backend).toArray(), loaded.predict(x, backend).toArray());
    }

    @Test
    void aRunWithLionResumesBitForBit() throws IOException {
        InMemoryDataset train = circle(200, 4);
        Sequential uninterrupted = model();
        trainer(uninterrupted, 3).build().fit(train);

        Path file = dir.resolve("run.safetensors");
        Trainer killed = trainer(model(), 3).listener(new Checkpointer(file, registries))
                .listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochMetrics metrics) {
                        if (metrics.epoch() == 1) {
                            throw new IllegalStateException("stopped");
                        }
                    }
                }).build();
        try {
            killed.fit(train);
        } catch (IllegalStateException expected) {
            // the run stops after epoch 1's checkpoint
        }
        Checkpoint saved = ModelFile.read(file, registries);
        assertInstanceOf(Lion.class, saved.optimizer().orElseThrow());
        saved.trainerBuilder().backend(backend).build().resume(train, saved.progress().orElseThrow());
        for (var e : uninterrupted.namedParameters().entrySet()) {
            Parameter p = saved.model().namedParameters().get(e.getKey());
            assertTrue(Arrays.equals(e.getValue().value().toArray(), p.value().toArray()), e.getKey());
        }
    }

    @Test
    void withoutThePluginTheFileNamesTheMissingProviderAndTheKnownOnes() throws IOException {
        Path file = dir.resolve("needs-swish.safetensors");
        ModelFile.save(file, Checkpoint.of(model()), registries);
        List<ActivationProvider> builtIns = new ArrayList<>(registries.activations().all());
        builtIns.removeIf(p -> p instanceof SwishProvider);
        Registries withoutSwish = new Registries(registries.layers(),
                ProviderRegistry.of("activation", ActivationProvider.class, builtIns),
                registries.losses(), registries.optimizers(), registries.backends());
        ProviderException e = assertThrows(ProviderException.class, () -> ModelFile.read(file, withoutSwish));
        assertTrue(e.getMessage().contains("unknown activation 'swish'; known activation names: ["), e.getMessage());
        assertTrue(e.getMessage().contains(" relu,") && !e.getMessage().contains("swish,"), e.getMessage());
        assertTrue(e.getMessage().contains("The file was written with com.example.nnjplugin.SwishProvider"),
                e.getMessage());
    }
}
