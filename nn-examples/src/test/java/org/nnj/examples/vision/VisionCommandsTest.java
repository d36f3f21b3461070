package org.nnj.examples.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.examples.NnCommand;
import picocli.CommandLine;

/** The vision commands end to end, on tiny budgets: they train, measure, and write readable PNG files. */
class VisionCommandsTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NnCommand.commandLine(new NnCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        assertEquals(0, code, "exit code; output:\n" + out + "\nerrors:\n" + err);
        return out.toString();
    }

    private static BufferedImage png(Path file, int minWidth, int minHeight) throws Exception {
        assertTrue(Files.isRegularFile(file), file + " was written");
        BufferedImage image = ImageIO.read(file.toFile());
        assertTrue(image != null && image.getWidth() >= minWidth && image.getHeight() >= minHeight,
                file + " is a PNG of at least " + minWidth + "x" + minHeight);
        return image;
    }

    @Test
    void shiftDemoPrintsTheTableAndWritesTheChartTheCsvAndMaybeTheExample(@TempDir Path dir) throws Exception {
        String out = run("shift-demo", "--train-limit", "200", "--test-limit", "60", "--epochs", "1",
                "--max-shift", "2", "--threads", "1", "--backend", "scalar", "--out", dir.toString());
        assertTrue(out.contains("shift       mlp     lenet"), out);
        assertTrue(out.contains("    2 px"), out);
        png(dir.resolve("shift-accuracy.png"), 600, 400);
        List<String> csv = Files.readAllLines(dir.resolve("shift-accuracy.csv"));
        assertEquals("shift,direction,mlp,lenet", csv.get(0));
        assertEquals(1 + 3 * 4, csv.size());
        // With so little training an example may or may not exist; when the command says it wrote one, it did.
        if (out.contains("shift-example.png")) {
            png(dir.resolve("shift-example.png"), 100, 40);
        } else {
            assertTrue(out.contains("no test image here"), out);
        }
    }

    @Test
    void shiftDemoRunsTheLargerCnnToo(@TempDir Path dir) throws Exception {
        String out = run("shift-demo", "--cnn", "cnn", "--train-limit", "32", "--batch", "16", "--test-limit", "16", "--epochs", "1",
                "--max-shift", "1", "--threads", "2", "--backend", "scalar", "--out", dir.toString());
        assertTrue(out.contains("shift       mlp       cnn"), out);
        png(dir.resolve("shift-accuracy.png"), 600, 400);
    }

    @Test
    void featureMapsWritesTheFiltersAndTheMapsOfEveryConvolution(@TempDir Path dir) throws Exception {
        String out = run("feature-maps", "--train-limit", "64", "--epochs", "1", "--image", "3", "--threads", "2",
                "--backend", "scalar", "--out", dir.toString());
        assertTrue(out.contains("test image #3"), out);
        png(dir.resolve("input.png"), 28 * 8, 28 * 8);
        // 32 filters of 5x5, 8 per row: 4 rows.
        png(dir.resolve("filters.png"), 8 * 40, 4 * 40);
        png(dir.resolve("activations-layer0.png"), 8 * 28, 4 * 28); // 32 maps of 28x28
        png(dir.resolve("activations-layer3.png"), 8 * 14, 8 * 14); // 64 maps of 14x14
        try (var files = Files.list(dir)) {
            assertEquals(4, files.filter(p -> p.toString().endsWith(".png")).count());
        }
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cli = NnCommand.commandLine(new NnCommand()).setErr(new PrintWriter(err, true));
        assertEquals(2, cli.execute("shift-demo", "--max-shift", "0", "--out", dir.toString()));
        assertTrue(err.toString().contains("--max-shift"), err.toString());
        assertEquals(2, cli.execute("feature-maps", "--model", "mlp", "--out", dir.toString()));
    }
}
