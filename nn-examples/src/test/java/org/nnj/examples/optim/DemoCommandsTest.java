package org.nnj.examples.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
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

/** The three demos run with tiny budgets and write what they promise. */
class DemoCommandsTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = NnCommand.commandLine(new NnCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        assertEquals(0, code, () -> String.join(" ", args) + " failed: " + err + out);
        return out.toString();
    }

    private static void assertPng(Path file, int minWidth) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " was not written");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " is not an image");
        assertTrue(image.getWidth() >= minWidth && image.getHeight() >= 400, file + " is too small");
    }

    @Test
    void optimizersTrainsEachChosenOptimizerAndWritesCurvesAndResults(@TempDir Path dir) throws IOException {
        String out = run("optimizers", "--only", "sgd,adam", "--epochs", "1", "--train-size", "256",
                "--threads", "1", "--schedule", "cosine", "--clip-norm", "5", "--out", dir.toString());
        List<String> curves = Files.readAllLines(dir.resolve("loss-curves.csv"));
        assertEquals("step,epoch,sgd,adam", curves.get(0));
        assertEquals(1 + 4, curves.size(), "256 images in batches of 64: four steps");
        for (String line : curves.subList(1, curves.size())) {
            String[] cells = line.split(",");
            assertTrue(Double.parseDouble(cells[2]) > 0 && Double.parseDouble(cells[3]) > 0, line);
        }
        List<String> results = Files.readAllLines(dir.resolve("results.csv"));
        assertEquals(3, results.size());
        assertTrue(results.get(1).startsWith("sgd,sgd lr=0.1,"), results.get(1));
        assertTrue(results.get(2).startsWith("adam,"), results.get(2));
        assertPng(dir.resolve("loss-curves.png"), 1000);
        assertTrue(out.contains("test accuracy"), out);
    }

    @Test
    void optimizerPathsDrawsBothFunctions(@TempDir Path dir) throws IOException {
        String out = run("optimizer-paths", "--steps", "50", "--only", "momentum,adam", "--out", dir.toString());
        for (String name : List.of("rosenbrock.png", "beale.png", "rosenbrock-values.png", "beale-values.png")) {
            assertPng(dir.resolve(name), 1000);
        }
        List<String> points = Files.readAllLines(dir.resolve("paths.csv"));
        assertEquals("function,optimizer,step,x,y,f", points.get(0));
        assertEquals(1 + 2 * 2 * 51, points.size(), "two functions, two optimizers, start and 50 steps");
        assertTrue(points.get(1).startsWith("Rosenbrock,momentum,0,-1.0,2.75,"), points.get(1));
        assertTrue(out.contains("distance to minimum"), out);
        assertEquals(5, Files.readAllLines(dir.resolve("summary.csv")).size());
    }

    /**
     * The lecture's point, from a real (small) run: under sigmoid the first layer's gradient is orders of
     * magnitude below the last layer's, under ReLU it is not.
     */
    @Test
    void vanishingGradientsShowsTheFirstSigmoidLayerStarved(@TempDir Path dir) throws IOException {
        run("vanishing-gradients", "--epochs", "1", "--train-size", "128", "--probe", "64", "--threads", "1",
                "--out", dir.toString());
        List<String> rows = Files.readAllLines(dir.resolve("gradient-norms.csv"));
        assertEquals("layer,weight,sigmoid init,sigmoid trained,relu init,relu trained,leaky_relu init,"
                + "leaky_relu trained", rows.get(0));
        assertEquals(1 + 11, rows.size(), "10 hidden layers and the output layer");
        String[] first = rows.get(1).split(",(?![^\\[]*\\])");
        String[] last = rows.get(11).split(",(?![^\\[]*\\])");
        assertEquals("[64, 784]", first[1].replace("\"", ""));
        double sigmoidRatio = Double.parseDouble(first[2]) / Double.parseDouble(last[2]);
        double reluRatio = Double.parseDouble(first[4]) / Double.parseDouble(last[4]);
        assertTrue(sigmoidRatio < 1e-3, "sigmoid first/last " + sigmoidRatio);
        assertTrue(reluRatio > 0.1, "relu first/last " + reluRatio);
        assertPng(dir.resolve("gradient-norms.png"), 1200);
        assertPng(dir.resolve("training-loss.png"), 1000);
        assertEquals(1 + 2, Files.readAllLines(dir.resolve("training-loss.csv")).size(), "two steps of 64");
    }

    @Test
    void unknownLabelsAndSchedulesAreUsageErrors() {
        StringWriter err = new StringWriter();
        CommandLine cli = NnCommand.commandLine(new NnCommand());
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("optimizers", "--schedule", "sometimes"));
        assertTrue(err.toString().contains("unknown schedule 'sometimes'"), err.toString());
    }
}
