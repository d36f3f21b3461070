package org.nnj.examples.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnj.examples.Main;

/**
 * The ONNX files that issue 13 says {@code ./nn} must refuse, each with one line that names the file and what is
 * wrong, exit code 1, no stack trace and no output file: made by {@code tools/make_bad_onnx_files.py} (torch and
 * onnx's own writer), given to {@code ./nn convert} and {@code ./nn predict} as a user would.
 */
class BadOnnxFilesTest {

    @TempDir
    Path dir;

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("truncated.onnx", List.of("not a valid ONNX file")),
                Arguments.of("unsupported-op.onnx", List.of("node 'wave' (Cos)", "operator Cos is not supported")),
                Arguments.of("conv-group2.onnx", List.of("node 'grouped' (Conv)", "group=2")),
                Arguments.of("short-initializer.onnx", List.of("tensor 'w'", "holds 40 bytes", "needs 96")),
                Arguments.of("outside-dir.onnx", List.of("tensor 'w'", "'../outside.bin'", "model's directory")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void isRefusedInOneLineByConvertAndPredict(String name, List<String> fragments) throws IOException {
        Path models = Files.createDirectory(dir.resolve("models"));
        Path file = models.resolve(name);
        copy("/org/nnj/onnx/fixtures/bad/" + name, file);
        // The file the external data points to exists: the refusal must be about where it is, not that it is missing.
        Files.write(dir.resolve("outside.bin"), new byte[96]);
        Path out = models.resolve("converted.safetensors");

        for (String[] args : new String[][] {{"convert", file.toString(), out.toString()},
                {"predict", "--model", file.toString(), "--images", images().toString(), "--count", "1"}}) {
            StringWriter stdout = new StringWriter();
            StringWriter stderr = new StringWriter();
            int code = Main.run(new PrintWriter(stdout, true), new PrintWriter(stderr, true), args);
            String err = stderr.toString().strip();
            assertEquals(1, code, args[0] + ": " + stdout + err);
            assertEquals(1, err.split("\\R").length, args[0] + " printed more than one line: " + err);
            assertTrue(err.startsWith("nn: ") && err.contains(file.toString()), err);
            for (String fragment : fragments) {
                assertTrue(err.contains(fragment), args[0] + ": expected '" + fragment + "' in: " + err);
            }
            assertFalse(Files.exists(out), "convert wrote " + out);
        }
    }

    private Path images() throws IOException {
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        if (!Files.exists(images)) {
            copy("/org/nnj/examples/data/t10k-images-idx3-ubyte.gz", images);
        }
        return images;
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = BadOnnxFilesTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no test resource " + resource + "; run tools/make_bad_onnx_files.py");
            }
            Files.copy(in, to);
        }
    }
}
