package org.nnj.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.DataFormatException;
import org.nnj.api.NnException;
import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.fixtures.TestShift;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;

/** Layer buffers (state that is saved but not trained) in model files, and files from before buffers. */
class BufferFileTest {
    @TempDir
    Path dir;

    private final Registries registries = IoFixtures.registries(new IoFixtures.LinearProvider(1),
            new IoFixtures.ShiftProvider());
    private final ScalarBackend backend = new ScalarBackend(1);

    /** [3] -> test_linear 4 -> test_shift, with the shift set to values a fresh layer does not have. */
    private Sequential model(long seed) {
        Sequential model = Sequential.builder(Shape.of(3)).registries(registries).seed(seed)
                .add("test_linear", Config.of("units", 4))
                .add("test_shift", Config.empty())
                .build();
        Tensor offset = model.namedBuffers().get("1.offset");
        for (int i = 0; i < offset.size(); i++) {
            offset.setFlat(i, 0.25f * (i + 1) + seed);
        }
        return model;
    }

    @Test
    void theModelNamesItsLayersBuffersAndHandsOutTheLayersOwnTensors() {
        Sequential model = model(1);
        assertEquals(List.of("1.offset"), List.copyOf(model.namedBuffers().keySet()));
        assertSame(((TestShift) model.layers().get(1)).offset(), model.namedBuffers().get("1.offset"));
        assertFalse(model.namedParameters().containsKey("1.offset"), "a buffer is not trained");
    }

    @Test
    void buffersAreSavedAndLoadedWithTheWeights() throws IOException {
        Sequential model = model(1);
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, Checkpoint.of(model), registries);

        assertArrayEquals(new float[] {1.25f, 1.5f, 1.75f, 2f}, Safetensors.read(file).tensors().get("1.offset").toArray());
        Sequential loaded = ModelFile.load(file, registries);
        assertArrayEquals(model.namedBuffers().get("1.offset").toArray(), loaded.namedBuffers().get("1.offset").toArray());
        Tensor x = IoFixtures.inputs(5, 2);
        assertArrayEquals(model.predict(x, backend).toArray(), loaded.predict(x, backend).toArray());

        Sequential other = model(7);
        ModelFile.loadWeights(file, other);
        assertArrayEquals(model.predict(x, backend).toArray(), other.predict(x, backend).toArray());
    }

    @Test
    void aCurrentFileWithoutABufferIsRejectedByName() throws IOException {
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, Checkpoint.of(model(1)), registries);
        rewrite(file, Integer.toString(ModelFile.FORMAT_VERSION), "1.offset");

        DataFormatException e = assertThrows(DataFormatException.class, () -> ModelFile.load(file, registries));
        assertTrue(e.getMessage().contains("layer 1 (test_shift) has the buffer '1.offset' of shape [4]"), e.getMessage());
    }

    @Test
    void aVersionOneFileLoadsWithTheBuffersLeftAtTheirInitialValues() throws IOException {
        Path file = dir.resolve("v1.safetensors");
        Sequential model = model(1);
        ModelFile.save(file, Checkpoint.of(model), registries);
        rewrite(file, "1", "1.offset");

        Sequential loaded = ModelFile.load(file, registries);
        assertArrayEquals(new float[4], loaded.namedBuffers().get("1.offset").toArray());
        assertArrayEquals(model.namedParameters().get("0.weight").value().toArray(),
                loaded.namedParameters().get("0.weight").value().toArray());
    }

    @Test
    void aTensorThatIsNeitherParameterNorBufferIsRejected() throws IOException {
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, Checkpoint.of(model(1)), registries);
        Safetensors.Contents contents = Safetensors.read(file);
        Map<String, Tensor> tensors = new LinkedHashMap<>(contents.tensors());
        tensors.put("1.running_mean", Tensor.zeros(4));
        Safetensors.write(file, tensors, contents.metadata());

        DataFormatException e = assertThrows(DataFormatException.class, () -> ModelFile.load(file, registries));
        assertTrue(e.getMessage().contains("'1.running_mean'") && e.getMessage().contains("1.offset"), e.getMessage());
    }

    @Test
    void aBufferNamedLikeAParameterIsRefusedWhenTheModelIsBuilt() {
        NnException e = assertThrows(NnException.class,
                () -> Sequential.builder(Shape.of(3)).add(new Clash()).build());
        assertTrue(e.getMessage().contains("layer 0 (clash): buffer 'scale' has the name of one of the layer's"
                + " parameters"), e.getMessage());
    }

    /** A layer with a parameter and a buffer both called "scale", which one file could not hold. */
    private static final class Clash extends AbstractLayer {
        private final Parameter scale = new Parameter("scale", Tensor.zeros(3));

        Clash() {
            super("clash", Shape.of(3), Shape.of(3));
        }

        @Override
        public Config config() {
            return Config.empty();
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(scale);
        }

        @Override
        public Map<String, Tensor> buffers() {
            return Map.of("scale", Tensor.zeros(3));
        }

        @Override
        protected Tensor doForward(Tensor input, LayerContext context) {
            return input;
        }

        @Override
        protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
            return gradOutput;
        }
    }

    /** Writes {@code file} again with another format version and without the tensor {@code drop}. */
    private static void rewrite(Path file, String version, String drop) throws IOException {
        Safetensors.Contents contents = Safetensors.read(file);
        Map<String, Tensor> tensors = new LinkedHashMap<>(contents.tensors());
        assertTrue(tensors.remove(drop) != null, drop + " was in the file: " + Arrays.toString(tensors.keySet().toArray()));
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        metadata.put(ModelFile.FORMAT_VERSION_KEY, version);
        Safetensors.write(file, tensors, metadata);
    }
}
