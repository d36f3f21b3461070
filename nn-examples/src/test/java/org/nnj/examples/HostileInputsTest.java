package org.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnj.examples.CliRun.run;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.core.data.IdxWriter;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.examples.train.FashionMnistSource;

/**
 * What a hostile user tried in issue 11, through the program: hyper-parameters smuggled into a file, a
 * model without a loss whose outputs were printed as probabilities, a compressed IDX file that lies, and
 * a limit applied while reading.
 */
class HostileInputsTest {
    private final Registries registries = Registries.fromServiceLoader();

    @TempDir
    Path dir;


    private Sequential model() {
        return Sequential.builder(Shape.of(784)).registries(registries).seed(1)
                .add("dense", Config.of("units", 10)).build();
    }

    /** {@code file} with {@code from} replaced by {@code to}, once, in its JSON header (escaped as stored). */
    private static Path edited(Path file, String from, String to) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int n = (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, n, StandardCharsets.UTF_8);
        String escaped = from.replace("\"", "\\\"");
        assertEquals(2, header.split(Pattern.quote(escaped), -1).length, "once in " + header);
        byte[] json = header.replace(escaped, to.replace("\"", "\\\"")).getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + bytes.length - 8 - n).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json).put(bytes, 8 + n, bytes.length - 8 - n);
        return Files.write(file.resolveSibling("edited-" + file.getFileName()), out.array());
    }

    @Test
    void aFileCannotSmuggleInHyperParametersThatCreationRefuses() throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        ModelFile.save(file, Checkpoint.of(model()).withOptimizer(
                registries.optimizer("adamw", Config.of("lr", 0.002, "weight_decay", 0.05))), registries);
        ModelFile.read(file, registries); // the good one loads

        Path lr = edited(file, "\"lr\":0.002", "\"lr\":3.0E8");
        ConfigException e = assertThrows(ConfigException.class, () -> ModelFile.read(lr, registries));
        assertTrue(e.getMessage().startsWith(lr.toString()) && e.getMessage().contains("building the optimizer")
                && e.getMessage().contains("adamw: 'lr' must be positive and at most 100.0"), e.getMessage());

        Path decay = edited(file, "\"weight_decay\":0.05", "\"weight_decay\":1.0E308");
        ConfigException d = assertThrows(ConfigException.class, () -> ModelFile.read(decay, registries));
        assertTrue(d.getMessage().startsWith(decay.toString())
                && d.getMessage().contains("adamw: 'weight_decay' must be below 1 / lr = 500.0"), d.getMessage());
    }

    @Test
    void predictSaysRawOutputsForAModelSavedWithoutALoss() throws IOException {
        Path images = dir.resolve("images");
        IdxWriter.writeUnsignedBytes(images, new byte[2 * 784], new int[] {2, 28, 28}, false);
        Path bare = dir.resolve("bare.safetensors");
        ModelFile.save(bare, Checkpoint.of(model()), registries);
        CliRun r = run("predict", "--model", bare.toString(), "--images", images.toString(), "--threads", "1");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().startsWith(bare + " was saved without a loss: the numbers are the model's raw outputs,"
                + " not probabilities"), r.out());

        Path withLoss = dir.resolve("with-loss.safetensors");
        ModelFile.save(withLoss, Checkpoint.of(model()).withLoss(
                registries.loss("softmax_cross_entropy", Config.empty())), registries);
        CliRun p = run("predict", "--model", withLoss.toString(), "--images", images.toString(), "--threads", "1");
        assertEquals(0, p.exitCode(), p.out() + p.err());
        assertFalse(p.out().contains("raw outputs"), p.out());
    }

    @Test
    void predictRefusesACompressedIdxFileThatPromisesMillionsOfImages() throws IOException {
        Path model = dir.resolve("model.safetensors");
        ModelFile.save(model, Checkpoint.of(model()), registries);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.write(new byte[] {0, 0, 0x08, 3});
            out.writeInt(2_700_000);
            out.writeInt(28);
            out.writeInt(28);
            out.write(new byte[1 << 20]);
        }
        Path bomb = Files.write(dir.resolve("bomb.gz"), bytes.toByteArray());
        CliRun r = run("predict", "--model", model.toString(), "--images", bomb.toString(), "--count", "2");
        assertNotEquals(0, r.exitCode(), r.out());
        assertTrue(r.err().contains(bomb.toString()) && r.err().contains("times the file's compressed length"),
                r.err());
    }

    @Test
    void theShippedSubsetIsReadOnlyUpToTheLimit() throws IOException {
        assertEquals(300, new FashionMnistSource(null, 300).load("train", true).size());
        assertEquals(300, new FashionMnistSource(null, 300).load("t10k", false).size());
        assertEquals(2000, new FashionMnistSource(null, null).load("t10k", false).size());
    }
}
