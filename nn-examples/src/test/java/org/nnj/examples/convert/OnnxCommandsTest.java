package org.nnj.examples.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnj.examples.CliRun.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.examples.CliRun;
import org.nnj.examples.Main;
import org.nnj.onnx.OnnxImport;

/**
 * {@code ./nn convert} and {@code ./nn predict} on ONNX files, through {@link Main} as the launcher runs them,
 * with the models PyTorch exported for nn-onnx's tests.
 */
class OnnxCommandsTest {
    @TempDir
    Path dir;


    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(OnnxCommandsTest.class.getResource("/org/nnj/onnx/fixtures/" + name).toURI());
    }

    private static void assertOneLineError(CliRun r, int exitCode, String... fragments) {
        assertEquals(exitCode, r.exitCode(), r.out() + r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("nn: "), r.err());
        for (String f : fragments) {
            assertTrue(lines[0].contains(f), "'" + f + "' missing from: " + r.err());
        }
        assertFalse(r.err().contains("\tat "), r.err());
    }

    /** The files in {@link #dir}, with their bytes. */
    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().map(p -> {
                try {
                    return p.getFileName() + " " + Arrays.hashCode(Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void convertsOnnxToAnNnjModelFileWithTheSameOutputs() throws Exception {
        Path onnx = fixture("lenet.onnx");
        Path out = dir.resolve("lenet.safetensors");
        CliRun r = run("convert", onnx.toString(), out.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("-> " + out + " (an NNJ model file)"), r.out());
        Registries registries = Registries.fromServiceLoader();
        Sequential imported = OnnxImport.read(onnx, registries);
        Sequential saved = ModelFile.load(out, registries);
        Tensor x = Tensor.zeros(2, 1, 28, 28);
        x.fill(0.3f);
        ScalarBackend backend = new ScalarBackend(1);
        assertArrayEquals(imported.predict(x, backend).toArray(), saved.predict(x, backend).toArray());
        // LeNet ends in a softmax: its outputs are probabilities already, so no loss is saved with it.
        assertTrue(ModelFile.read(out, registries).loss().isEmpty());
    }

    @Test
    void aFailedConversionLeavesAGoodOutputUntouched() throws Exception {
        Path out = dir.resolve("model.safetensors");
        assertEquals(0, run("convert", fixture("mlp.onnx").toString(), out.toString()).exitCode());
        // The MLP gives logits: saved with the loss that turns them into probabilities for ./nn predict.
        assertEquals("softmax_cross_entropy", ModelFile.read(out, Registries.fromServiceLoader()).loss().orElseThrow()
                .type());
        byte[] whole = Files.readAllBytes(fixture("mlp.onnx"));
        Path broken = Files.write(dir.resolve("broken.onnx"), Arrays.copyOf(whole, whole.length / 3));
        List<String> before = listing();
        CliRun r = run("convert", broken.toString(), out.toString());
        assertOneLineError(r, 1, broken.toString(), "not a valid ONNX file");
        assertEquals(before, listing(), "a file was created or changed");
    }

    @Test
    void refusesNamesThatSayNoFormatOrTheSameOne() throws Exception {
        Path onnx = fixture("mlp.onnx");
        assertOneLineError(run("convert", onnx.toString(), dir.resolve("x.bin").toString()), 2, "OUT",
                ".safetensors");
        assertOneLineError(run("convert", onnx.toString(), dir.resolve("x.onnx").toString()), 2,
                "both ONNX");
        assertOneLineError(run("convert", dir.resolve("missing.onnx").toString(), dir.resolve("x.st").toString()), 2,
                "no such file");
        assertEquals(List.of(), listing());
    }

    @Test
    void anOnnxModelConvertedToNnjAndBackKeepsItsOutputs() throws Exception {
        Path st = dir.resolve("cnn.safetensors");
        assertEquals(0, run("convert", fixture("cnn.onnx").toString(), st.toString()).exitCode());
        Path onnx = dir.resolve("back.onnx");
        CliRun r = run("convert", st.toString(), onnx.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        Registries registries = Registries.fromServiceLoader();
        Tensor x = Tensor.zeros(1, 1, 28, 28);
        x.fill(0.5f);
        ScalarBackend backend = new ScalarBackend(1);
        assertArrayEquals(ModelFile.load(st, registries).predict(x, backend).toArray(),
                OnnxImport.read(onnx, registries).predict(x, backend).toArray(), 1e-6f);
    }

    @Test
    void predictRunsAnOnnxModelAndTurnsItsLogitsIntoProbabilities() throws Exception {
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        try (InputStream in = OnnxCommandsTest.class.getResourceAsStream(
                "/org/nnj/examples/data/t10k-images-idx3-ubyte.gz")) {
            Files.copy(in, images);
        }
        for (String model : new String[] {"mlp.onnx", "cnn.onnx", "lenet.onnx"}) { // logits, log-softmax, softmax
            CliRun r = run("predict", "--model", fixture(model).toString(), "--images", images.toString(), "--count",
                    "2", "--top", "10", "--threads", "1");
            assertEquals(0, r.exitCode(), r.out() + r.err());
            String[] lines = r.out().strip().split("\n");
            assertEquals(2, lines.length, r.out());
            assertTrue(lines[0].contains("Ankle boot") && lines[0].contains("T-shirt/top"), lines[0]);
            double sum = 0;
            for (String number : lines[0].split("\\s+")) {
                if (number.matches("\\d\\.\\d{4}")) {
                    sum += Double.parseDouble(number);
                }
            }
            assertEquals(1.0, sum, 2e-3, model + ": " + lines[0]);
        }
    }

    @Test
    void predictOnABadOnnxFileSaysWhyInOneLine() throws Exception {
        Path bad = Files.write(dir.resolve("bad.onnx"), new byte[] {8, 7, 0x42, 1});
        Path png = dir.resolve("x.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(28, 28,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        assertOneLineError(run("predict", "--model", bad.toString(), png.toString()), 1, bad.toString());
    }
}
