package org.nnj.examples.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.core.registry.Registries;
import org.nnj.examples.NnCommand;
import picocli.CommandLine;

/** The three lecture demos, run through picocli in this process, write readable pictures and their tables. */
class LectureCommandsTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = NnCommand.commandLine(new NnCommand(java.util.Map.of()));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        assertEquals(0, code, () -> String.join(" ", args) + " failed: " + err + out);
        return out.toString();
    }

    /** A PNG of at least the given size, with some pixels far from white (axes, curves: not blank). */
    static BufferedImage assertPng(Path file, int minWidth, int minHeight) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " was not written");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " is not an image");
        assertTrue(image.getWidth() >= minWidth && image.getHeight() >= minHeight,
                file + " is " + image.getWidth() + " x " + image.getHeight());
        Set<Integer> colours = new HashSet<>();
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                int sum = (rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff);
                dark += sum < 3 * 128 ? 1 : 0;
            }
        }
        assertTrue(colours.size() > 20 && dark > 500, file + ": " + colours.size() + " colours, " + dark
                + " dark pixels: blank?");
        return image;
    }

    /**
     * The lecture's point, from the real run with the default settings: the network matches least squares
     * within 10% on the linear task and beats it by far on the curve.
     */
    @Test
    void regressionWithTheDefaultsMatchesLeastSquaresOnALineAndBeatsItOnACurve(@TempDir Path dir)
            throws IOException {
        String out = run("regression", "--out", dir.toString());
        List<String> rows = Files.readAllLines(dir.resolve("regression.csv"));
        assertEquals("task,data,model test MSE,least-squares test MSE,ratio", rows.get(0));
        assertEquals(3, rows.size());
        double linear = ratio(rows.get(1), "linear");
        double nonlinear = ratio(rows.get(2), "nonlinear");
        assertTrue(linear > 0.9 && linear <= 1.1, "linear task: model / least squares = " + linear);
        assertTrue(nonlinear < 0.5, "nonlinear task: model / least squares = " + nonlinear);
        assertTrue(out.contains("least-squares test MSE") && out.contains("wrote "), out);
        assertPng(dir.resolve("regression.png"), 1600, 1000);
    }

    private static double ratio(String row, String task) {
        String[] cells = row.split(","); // the data cell holds a quoted comma: the numbers are the last three
        int n = cells.length;
        assertEquals(task, cells[0], row);
        double model = Double.parseDouble(cells[n - 3]);
        double line = Double.parseDouble(cells[n - 2]);
        assertEquals(model / line, Double.parseDouble(cells[n - 1]), 1e-3, row);
        return model / line;
    }

    @Test
    void regressionWithSmallSettings(@TempDir Path dir) throws IOException {
        String out = run("regression", "--train", "40", "--test", "30", "--epochs", "3", "--hidden", "8",
                "--activation", "relu", "--threads", "1", "--seed", "3", "--out", dir.resolve("new").toString());
        assertTrue(out.contains("linear") && out.contains("nonlinear") && out.contains("ratio"), out);
        assertPng(dir.resolve("new").resolve("regression.png"), 1600, 1000);
    }

    @Test
    void binaryPrintsBothModelsAndDrawsTwoPanels(@TempDir Path dir) throws IOException {
        String out = run("binary", "--shape", "circles", "--train", "80", "--test", "40", "--epochs", "5",
                "--threads", "1", "--out", dir.toString());
        assertTrue(out.contains("MLP 2-16-16-1 tanh") && out.contains("single neuron (logistic regression)")
                && out.contains("train accuracy") && out.contains("test accuracy"), out);
        assertTrue(out.contains("loss bce"), out);
        BufferedImage image = assertPng(dir.resolve("binary.png"), 1900, 700);
        assertTrue(image.getWidth() > 2 * image.getHeight(), "two panels side by side");
    }

    /** The defaults separate the moons, which no line does: the MLP beats the single neuron on test points. */
    @Test
    void binaryWithTheDefaultsTheMlpBeatsTheSingleNeuron(@TempDir Path dir) {
        String out = run("binary", "--out", dir.toString());
        double mlp = testAccuracy(out, "MLP ");
        double neuron = testAccuracy(out, "single neuron");
        assertTrue(mlp >= 0.95 && neuron < 0.9 && mlp > neuron + 0.05, "MLP " + mlp + ", single neuron " + neuron);
    }

    private static double testAccuracy(String out, String model) {
        for (String line : out.split("\\R")) {
            if (line.startsWith(model)) {
                String[] cells = line.trim().split("\\s+");
                return Double.parseDouble(cells[cells.length - 1]);
            }
        }
        throw new AssertionError("no row for " + model + " in\n" + out);
    }

    @Test
    void activationsDrawsEveryRegisteredOne(@TempDir Path dir) throws IOException {
        String out = run("activations", "--points", "51", "--threads", "1", "--out", dir.toString());
        for (String name : Registries.fromServiceLoader().activations().names()) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(name)), name + " missing from\n" + out);
        }
        assertTrue(out.contains("leaky_relu alpha=0.01"), out);
        assertTrue(out.contains("softmax (first component of [x, 0])"), out);
        assertTrue(out.lines().anyMatch("relu"::equals), "relu mixes nothing and has no settings:\n" + out);
        assertPng(dir.resolve("activations.png"), 1500, 700);
    }
}
