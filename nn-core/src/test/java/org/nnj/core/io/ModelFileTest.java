package org.nnj.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.ConfigException;
import org.nnj.api.ProviderException;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.fixtures.TestLinear;
import org.nnj.core.fixtures.TestMse;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.EpochMetrics;
import org.nnj.core.train.TrainingProgress;

class ModelFileTest {
    @TempDir
    Path dir;

    private final Registries registries = IoFixtures.registries();
    private final ScalarBackend backend = new ScalarBackend(1);

    @Test
    void aSavedModelLoadsWithTheSameArchitectureWeightsAndOutputs() throws IOException {
        Sequential model = IoFixtures.model(registries, 7);
        Path file = dir.resolve("model.safetensors");
        ModelFile.save(file, Checkpoint.of(model), registries);

        Sequential loaded = ModelFile.load(file, registries);
        assertEquals(IoFixtures.types(model), IoFixtures.types(loaded));
        assertEquals(model.inputShape(), loaded.inputShape());
        for (int i = 0; i < model.layers().size(); i++) {
            assertEquals(model.layers().get(i).config(), loaded.layers().get(i).config());
        }
        Map<String, float[]> expected = IoFixtures.weights(model);
        Map<String, float[]> actual = IoFixtures.weights(loaded);
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k));
        Tensor x = IoFixtures.inputs(4, 1);
        assertArrayEquals(model.predict(x, backend).toArray(), loaded.predict(x, backend).toArray());
        // A model built with another seed really differs, so the equality above is the file's doing.
        assertFalse(java.util.Arrays.equals(expected.get("0.weight"),
                IoFixtures.weights(IoFixtures.model(registries, 8)).get("0.weight")));
    }

    @Test
    void theHeaderIsPlainSafetensorsWithTheArchitectureInItsMetadata() throws IOException {
        Sequential model = IoFixtures.model(registries, 7);
        Path file = dir.resolve("model.safetensors");
        ModelFile.save(file, Checkpoint.of(model), registries);

        byte[] bytes = Files.readAllBytes(file);
        int n = (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(new String(bytes, 8, n, StandardCharsets.UTF_8));
        assertEquals("F32", header.get("0.weight").get("dtype").asText());
        assertEquals("[5,3]", header.get("0.weight").get("shape").toString());
        assertEquals("[0,60]", header.get("0.weight").get("data_offsets").toString());
        assertEquals("[60,80]", header.get("0.bias").get("data_offsets").toString());
        JsonNode meta = header.get("__metadata__");
        assertEquals(Integer.toString(ModelFile.FORMAT_VERSION), meta.get("nnj.format_version").asText());
        JsonNode architecture = json.readTree(meta.get("nnj.architecture").asText());
        assertEquals("[3]", architecture.get("input_shape").toString());
        assertEquals("{\"type\":\"test_linear\",\"version\":1,\"config\":{\"units\":5}}",
                architecture.get("layers").get(0).toString());
        JsonNode plugins = json.readTree(meta.get("nnj.plugins").asText());
        assertEquals("test_linear", plugins.get(0).get("name").asText());
        assertEquals(IoFixtures.LinearProvider.class.getName(), plugins.get(0).get("provider").asText());
        // The weights, read the way numpy would: little-endian floats from the data offset.
        ByteBuffer data = ByteBuffer.wrap(bytes, 8 + n, 60).order(ByteOrder.LITTLE_ENDIAN);
        float[] w = model.namedParameters().get("0.weight").value().toArray();
        for (float expected : w) {
            assertEquals(expected, data.getFloat());
        }
    }

    @Test
    void aCheckpointKeepsLossOptimizerStateProgressClassNamesAndMetadata() throws IOException {
        Sequential model = IoFixtures.model(registries, 3);
        IoFixtures.Momentum momentum = new IoFixtures.Momentum(0.05, 0.8);
        // Two steps, so the velocity is not zero.
        for (int step = 0; step < 2; step++) {
            model.zeroGradients();
            var pass = model.newTrainingPass(backend);
            Tensor out = pass.forward(IoFixtures.inputs(4, step), step);
            Tensor grad = Tensor.zeros(out.shape());
            new TestMse().compute(backend, out, Tensor.zeros(out.shape()), grad);
            pass.backward(grad);
            momentum.step(backend, model.parameters());
        }
        EpochMetrics m = new EpochMetrics(1, 0.5, 0.75, Double.NaN, Double.NaN, 1000, 0.25);
        TrainingProgress progress = new TrainingProgress(1, 4, 99L, 8, true, false, List.of(m));
        Path file = dir.resolve("checkpoint.safetensors");
        ModelFile.save(file, Checkpoint.of(model).withLoss(new TestMse()).withOptimizer(momentum)
                .withProgress(progress).withClassNames(List.of("yes", "no"))
                .withMetadata(Map.of("author", "a test")), registries);

        Checkpoint read = ModelFile.read(file, registries);
        assertEquals("test_mse", read.loss().orElseThrow().type());
        IoFixtures.Momentum restored = (IoFixtures.Momentum) read.optimizer().orElseThrow();
        assertEquals(Config.of("lr", 0.05, "mu", 0.8), restored.config());
        var savedState = momentum.saveState();
        var restoredState = restored.saveState();
        assertEquals(savedState.tensors().keySet(), restoredState.tensors().keySet());
        savedState.tensors().forEach((k, t) -> assertArrayEquals(t.toArray(), restoredState.tensor(k).toArray(), k));
        assertEquals(savedState.scalars(), restoredState.scalars());
        assertEquals(2.0, restoredState.scalar("0.weight/step", 0));

        TrainingProgress p = read.progress().orElseThrow();
        assertEquals(1, p.epoch());
        assertEquals(4, p.epochs());
        assertEquals(99L, p.seed());
        assertEquals(8, p.batchSize());
        assertEquals(0.5, p.history().get(0).trainingLoss());
        assertTrue(Double.isNaN(p.history().get(0).validationLoss()));
        assertEquals(List.of("yes", "no"), read.classNames());
        assertEquals(Map.of("author", "a test"), read.metadata());
        assertTrue(Safetensors.read(file).tensors().containsKey("optimizer/0.weight/velocity"));
    }

    @Test
    void loadWeightsCopiesIntoAModelOfTheSameArchitecture() throws IOException {
        Sequential source = IoFixtures.model(registries, 1);
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, Checkpoint.of(source), registries);
        Sequential target = IoFixtures.model(registries, 2);
        ModelFile.loadWeights(file, target);
        Map<String, float[]> expected = IoFixtures.weights(source);
        IoFixtures.weights(target).forEach((k, v) -> assertArrayEquals(expected.get(k), v, k));
    }

    @Test
    void aModelWithAnUnregisteredLayerIsNotSavedAndTheOldFileStays() throws IOException {
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, Checkpoint.of(IoFixtures.model(registries, 1)), registries);
        byte[] before = Files.readAllBytes(file);
        // A layer object whose type no provider has: the file could never be loaded.
        Sequential unregistered = Sequential.builder(Shape.of(3)).add(new TestLinear(3, 2, 1)).build();
        Registries withoutLinear = IoFixtures.registries(new IoFixtures.ReluProvider());
        ProviderException e = assertThrows(ProviderException.class,
                () -> ModelFile.save(file, Checkpoint.of(unregistered), withoutLinear));
        assertTrue(e.getMessage().contains("cannot save layer 0 (test_linear)"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void userMetadataCannotUseNnjKeysAndClassNamesMustMatchTheOutputs() {
        Sequential model = IoFixtures.model(registries, 1);
        assertThrows(ConfigException.class, () -> Checkpoint.of(model).withMetadata(Map.of("nnj.x", "y")));
        Path file = dir.resolve("m.safetensors");
        ConfigException e = assertThrows(ConfigException.class, () -> ModelFile.save(file,
                Checkpoint.of(model).withClassNames(List.of("a", "b", "c")), registries));
        assertTrue(e.getMessage().contains("3 classes but the model has 2 outputs"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void theArchitectureJsonRoundTrips() {
        Sequential model = IoFixtures.model(registries, 1);
        Architecture a = Architecture.of(model, registries);
        Architecture b = Architecture.fromJson(a.toJson(), "test");
        assertEquals(a, b);
        assertInstanceOf(Integer.class, b.layers().get(0).config().asMap().get("units"));
        assertEquals(IoFixtures.types(model), IoFixtures.types(b.build(registries)));
    }
}
