package org.nnj.examples.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nnj.fixtures.FuzzGuard;
import org.nnj.core.io.ModelFile;

/**
 * Fuzzes {@link ModelFile#read} behind a valid container: the fuzzer writes the value of one NNJ metadata
 * entry (the architecture, plugins, loss, optimizer, training progress, class names or format version)
 * of one of the real model files of {@link ModelFileFuzzTest}, and the test puts it into that file with a
 * correct header length and the file's own tensors. Raw-byte mutation mostly breaks the container, which
 * {@code Safetensors} rejects early; this target spends its time in the model file reader itself (plugin
 * and version checks, upgrades, rebuilding the model, matching tensors, optimizer state, progress).
 *
 * <p>The input: byte 0 picks the file (mlp, cnn, checkpoint), byte 1 the metadata key ({@link #KEYS}), the
 * rest is the value as UTF-8. Seeds: each file's own values ({@code ModelFileMetadataFuzzTestInputs/read/}).
 * Asserted: as in {@link ModelFileFuzzTest}, the bound counting the bytes of the file written.
 */
class ModelFileMetadataFuzzTest {
    static final List<String> KEYS = List.of(ModelFile.FORMAT_VERSION_KEY, ModelFile.ARCHITECTURE_KEY,
            ModelFile.PLUGINS_KEY, ModelFile.LOSS_KEY, ModelFile.OPTIMIZER_KEY, ModelFile.TRAINING_KEY,
            ModelFile.CLASS_NAMES_KEY);
    private static final List<String> BASES = List.of("mlp", "cnn", "checkpoint");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base[] FILES = BASES.stream().map(ModelFileMetadataFuzzTest::load).toArray(Base[]::new);
    private static final Path FILE = FuzzGuard.tempFile(".safetensors");

    /** A model file taken apart: its header (metadata first) and its tensors' bytes. */
    private record Base(ObjectNode header, byte[] data) {
    }

    @FuzzTest(maxDuration = "3s")
    void read(byte[] input) throws IOException {
        if (input.length < 2) {
            return;
        }
        Base base = FILES[(input[0] & 0xFF) % FILES.length];
        String key = KEYS.get((input[1] & 0xFF) % KEYS.size());
        ObjectNode header = base.header().deepCopy();
        ((ObjectNode) header.get("__metadata__")).put(key,
                new String(input, 2, input.length - 2, StandardCharsets.UTF_8));
        byte[] file = file(header, base.data());
        Files.write(FILE, file);
        ModelFileFuzzing.check(FILE, file.length);
    }

    private static byte[] file(ObjectNode header, byte[] data) throws IOException {
        byte[] json = MAPPER.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer file = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            file.put((byte) ' ');
        }
        return file.put(data).array();
    }

    private static Base load(String name) {
        String resource = "ModelFileFuzzTestInputs/read/" + name + ".safetensors";
        try (InputStream in = ModelFileMetadataFuzzTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            byte[] bytes = out.toByteArray();
            int n = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            ObjectNode parsed = (ObjectNode) MAPPER.readTree(Arrays.copyOfRange(bytes, 8, 8 + n));
            // Metadata first, as NNJ writes it.
            ObjectNode header = MAPPER.createObjectNode();
            header.set("__metadata__", parsed.get("__metadata__"));
            for (Map.Entry<String, JsonNode> e : parsed.properties()) {
                if (!e.getKey().equals("__metadata__")) {
                    header.set(e.getKey(), e.getValue());
                }
            }
            return new Base(header, Arrays.copyOfRange(bytes, 8 + n, bytes.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
