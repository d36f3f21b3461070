package org.nnj.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.DataFormatException;
import org.nnj.api.NnException;
import org.nnj.api.ProviderException;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;

/**
 * Every kind of bad model file fails with a message that says what is wrong and where, changes neither
 * the file nor a model it is loaded into, and is the exception a caller would catch for it.
 */
class BadModelFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Registries registries = IoFixtures.registries();
    private Path good;

    @BeforeEach
    void saveAGoodFile() throws IOException {
        good = dir.resolve("good.safetensors");
        ModelFile.save(good, Checkpoint.of(IoFixtures.model(registries, 5)), registries);
    }

    /** Reads {@code file} and expects {@code type} naming the file; checks the file is unchanged. */
    private static <E extends NnException> E fails(Class<E> type, Path file, Registries with) throws IOException {
        byte[] before = Files.readAllBytes(file);
        E e = assertThrows(type, () -> ModelFile.read(file, with));
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "reading changed the file");
        return e;
    }

    /** Loading {@code file}'s weights into a live model fails and leaves the model's weights as they were. */
    private void weightsAreRefused(Path file) {
        Sequential target = IoFixtures.model(registries, 9);
        Map<String, float[]> weights = IoFixtures.weights(target);
        NnException e = assertThrows(NnException.class, () -> ModelFile.loadWeights(file, target));
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        IoFixtures.weights(target).forEach((k, v) -> assertArrayEquals(weights.get(k), v, "changed " + k));
    }

    /** A copy of the good file with its header edited (and its length rewritten); the data is unchanged. */
    private Path edited(String name, Consumer<ObjectNode> edit) throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        int n = (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ObjectNode header = (ObjectNode) JSON.readTree(new String(bytes, 8, n, StandardCharsets.UTF_8));
        edit.accept(header);
        byte[] json = JSON.writeValueAsBytes(header);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + bytes.length - 8 - n).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json).put(bytes, 8 + n, bytes.length - 8 - n);
        return Files.write(dir.resolve(name), out.array());
    }

    private static void editMetadata(ObjectNode header, String key, Consumer<ObjectNode> edit) {
        ObjectNode meta = (ObjectNode) header.get("__metadata__");
        try {
            ObjectNode value = (ObjectNode) JSON.readTree(meta.get(key).asText());
            edit.accept(value);
            meta.put(key, JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anUnknownProviderListsTheKnownNamesAndTheJarThatWroteIt() throws IOException {
        Registries withoutLinear = IoFixtures.registries(new IoFixtures.ReluProvider());
        ProviderException e = fails(ProviderException.class, good, withoutLinear);
        String m = e.getMessage();
        assertTrue(m.contains("unknown layer 'test_linear'") && m.contains("known layer names: [test_relu]"), m);
        assertTrue(m.contains("The file was written with " + IoFixtures.LinearProvider.class.getName()), m);
    }

    @Test
    void aMissingBuiltInNamesTheNnjModuleThatProvidesIt() throws IOException {
        // A file that needs "dense", read where nn-layers is absent (nn-core's tests do not have it).
        Path renamed = edited("dense.safetensors", h -> editMetadata(h, ModelFile.ARCHITECTURE_KEY, a -> {
            for (var layer : a.get("layers")) {
                if (layer.get("type").asText().equals("test_linear")) {
                    ((ObjectNode) layer).put("type", "dense");
                }
            }
        }));
        ProviderException e = fails(ProviderException.class, renamed, registries);
        String m = e.getMessage();
        assertTrue(m.contains("unknown layer 'dense'") && m.contains("known layer names: [test_linear, test_relu]"), m);
        assertTrue(m.contains("'dense' is a built-in layer of NNJ's nn-layers module: add the nn-layers jar"), m);
    }

    @Test
    void aShapeThatDoesNotMatchTheArchitectureNamesTheTensorAndBothShapes() throws IOException {
        Path file = edited("shape.safetensors", h -> editMetadata(h, ModelFile.ARCHITECTURE_KEY, a ->
                ((ObjectNode) a.get("layers").get(0).get("config")).put("units", 6)));
        DataFormatException e = fails(DataFormatException.class, file, registries);
        String m = e.getMessage();
        assertTrue(m.contains("tensor '0.weight' (data at byte") && m.contains("shape [5, 3] does not match the shape"
                + " [6, 3] that layer 0 (test_linear)"), m);
        weightsAreRefused(file);
    }

    @Test
    void aTruncatedFileSaysSoWithTheOffset() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        Path file = Files.write(dir.resolve("truncated.safetensors"), Arrays.copyOf(bytes, bytes.length - 10));
        DataFormatException e = fails(DataFormatException.class, file, registries);
        assertTrue(e.getMessage().contains("the file is truncated") && e.getMessage().contains("byte "), e.getMessage());
        weightsAreRefused(file);
    }

    @Test
    void aHeaderThatLiesAboutOffsetsIsCaught() throws IOException {
        Path file = edited("lies.safetensors", h -> {
            ArrayNode offsets = (ArrayNode) h.get("0.bias").get("data_offsets");
            offsets.set(1, offsets.get(1).asLong() + 4);
        });
        DataFormatException e = fails(DataFormatException.class, file, registries);
        assertTrue(e.getMessage().contains("tensor '0.bias': shape [5] of F32 needs 20 bytes, but its data_offsets"
                + " [60, 84] span 24"), e.getMessage());
        weightsAreRefused(file);
    }

    @Test
    void aFileFromANewerFormatVersionAsksForANewerNnj() throws IOException {
        Path file = edited("newer.safetensors", h -> ((ObjectNode) h.get("__metadata__"))
                .put(ModelFile.FORMAT_VERSION_KEY, Integer.toString(ModelFile.FORMAT_VERSION + 1)));
        DataFormatException e = fails(DataFormatException.class, file, registries);
        assertTrue(e.getMessage().contains("format version " + (ModelFile.FORMAT_VERSION + 1)
                + ", but this NNJ reads versions 1 to " + ModelFile.FORMAT_VERSION), e.getMessage());
        weightsAreRefused(file);
    }

    @Test
    void aLayerSavedByANewerProviderVersionNamesBothVersions() throws IOException {
        Registries newer = IoFixtures.registries(new IoFixtures.LinearProvider(2), new IoFixtures.ReluProvider());
        Path file = dir.resolve("v2.safetensors");
        ModelFile.save(file, Checkpoint.of(IoFixtures.model(newer, 1)), newer);
        ProviderException e = fails(ProviderException.class, file, registries);
        assertTrue(e.getMessage().contains("layer 0 (test_linear) was saved by version 2 of the 'test_linear'"
                + " provider") && e.getMessage().contains("is version 1"), e.getMessage());
    }

    @Test
    void missingAndExtraTensorsAreNamed() throws IOException {
        Path missing = edited("missing.safetensors", h -> h.set("other", h.remove("2.bias")));
        DataFormatException e = fails(DataFormatException.class, missing, registries);
        assertTrue(e.getMessage().contains("layer 2 (test_linear) has the parameter '2.bias' of shape [2], but the"
                + " file holds no tensor of that name"), e.getMessage());
        weightsAreRefused(missing);

        Safetensors.Contents contents = Safetensors.read(good);
        Map<String, Tensor> tensors = new LinkedHashMap<>(contents.tensors());
        tensors.put("2.scale", Tensor.zeros(2));
        Path extra = dir.resolve("extra.safetensors");
        Safetensors.write(extra, tensors, contents.metadata());
        e = fails(DataFormatException.class, extra, registries);
        assertTrue(e.getMessage().contains("tensor '2.scale' (data at byte") && e.getMessage().contains(
                "not a parameter or buffer of the architecture, whose parameters and buffers are [0.weight, 0.bias,"
                + " 2.weight, 2.bias]"),
                e.getMessage());
        weightsAreRefused(extra);
    }

    @Test
    void aPlainSafetensorsFileIsNotAModelFile() throws IOException {
        Path plain = dir.resolve("plain.safetensors");
        Safetensors.write(plain, Map.of("w", Tensor.zeros(2)), Map.of("format", "pt"));
        DataFormatException e = fails(DataFormatException.class, plain, registries);
        assertTrue(e.getMessage().contains("not an NNJ model file") && e.getMessage().contains("[w]"), e.getMessage());
        weightsAreRefused(plain);
    }

    @Test
    void brokenArchitectureJsonSaysWhere() throws IOException {
        Path file = edited("json.safetensors", h -> ((ObjectNode) h.get("__metadata__"))
                .put(ModelFile.ARCHITECTURE_KEY, "{\"input_shape\": [3], \"layers\": [}"));
        DataFormatException e = fails(DataFormatException.class, file, registries);
        assertTrue(e.getMessage().contains("'nnj.architecture': not valid JSON at character"), e.getMessage());
        weightsAreRefused(file);
    }

    @Test
    void aBadConfigIsAConfigErrorNamingTheFileAndTheLayer() throws IOException {
        Path file = edited("config.safetensors", h -> editMetadata(h, ModelFile.ARCHITECTURE_KEY, a ->
                ((ObjectNode) a.get("layers").get(2).get("config")).put("unitz", 2)));
        NnException e = fails(NnException.class, file, registries);
        assertTrue(e.getMessage().contains("layer 2 (test_linear)") && e.getMessage().contains("unitz"), e.getMessage());
        weightsAreRefused(file);
    }
}
