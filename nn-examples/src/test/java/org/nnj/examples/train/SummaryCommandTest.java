package org.nnj.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnj.examples.CliRun.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.layer.Layer;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.examples.CliRun;

/** {@code ./nn summary}, run in-process as a user would run it. */
class SummaryCommandTest {


    /** The "Layer" cells of the summary's layer rows (after the input row), read at the header's columns. */
    private static List<String> layerColumn(String out) {
        String[] lines = out.split("\n");
        int header = 0;
        while (!lines[header].startsWith("#  ")) {
            header++;
        }
        int layerAt = lines[header].indexOf("Layer");
        int shapeAt = lines[header].indexOf("Output shape");
        int paramsEnd = lines[header].length();
        List<String> cells = new ArrayList<>();
        for (int i = header + 3; !lines[i].startsWith("---"); i++) {
            String line = lines[i];
            // Aligned: the shape starts under its header, and the right-aligned count ends under its own.
            assertEquals('[', line.charAt(shapeAt), "misaligned row: " + line);
            assertEquals(' ', line.charAt(shapeAt - 1), "misaligned row: " + line);
            assertEquals(paramsEnd, line.length(), "misaligned row: " + line);
            cells.add(line.substring(layerAt, shapeAt).trim());
        }
        return cells;
    }

    @Test
    void everyCatalogModelShowsWhatEachOfItsLayersIs() {
        for (String name : ModelCatalog.names()) {
            CliRun r = run("summary", "--model", name);
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().startsWith("model " + name + ": "), r.out());
            Sequential model = ModelCatalog.build(name, Registries.fromServiceLoader(), 1L);
            assertEquals(model.layers().stream().map(Layer::describe).toList(), layerColumn(r.out()), name);
            assertTrue(r.out().endsWith("Total parameters: " + model.parameterCount() + "\n"), r.out());
        }
    }

    @Test
    void theCnnNamesEveryActivationAndEachConvolutionsKernelStrideAndPadding() {
        CliRun r = run("summary", "--model", "cnn");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("conv2d 5x5/1 same, 32 filters", "relu", "max_pool2d 2x2/2",
                "conv2d 5x5/1 same, 64 filters", "relu", "max_pool2d 2x2/2", "flatten", "dense 1024", "relu",
                "dropout 0.4", "dense 10"), layerColumn(r.out()));
        CliRun lenet = run("summary", "--model", "lenet", "--activation", "leaky_relu");
        assertEquals(0, lenet.exitCode(), lenet.err());
        List<String> layers = layerColumn(lenet.out());
        assertEquals("conv2d 5x5/1 valid, 6 filters", layers.get(0));
        assertEquals("leaky_relu(alpha=0.01)", layers.get(1));
        assertTrue(lenet.out().contains("(hidden activation leaky_relu instead)"), lenet.out());
    }

    @Test
    void anUnknownNameIsAOneLineUsageErrorListingTheCatalog() {
        CliRun r = run("summary", "--model", "resnet");
        assertEquals(2, r.exitCode());
        assertEquals("nn: summary --model: 'resnet' is neither a model file nor a catalog model; known models are"
                + " cnn, cnn-bn, lenet, mlp, mlp-wide (see ./nn summary --help)\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void aMissingFileIsSaidToBeMissingInOneLine(@TempDir Path dir) {
        CliRun r = run("summary", "--model", dir.resolve("absent.st").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("nn: summary --model: ") && r.err().contains("no such file"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void aSavedModelAndACheckpointShowWhatTheyStore(@TempDir Path dir) {
        Path saved = dir.resolve("m.st");
        Path checkpoint = dir.resolve("c.st");
        CliRun train = run("train", "--epochs", "1", "--limit", "100", "--validation", "0", "--threads", "1",
                "--save", saved.toString(), "--checkpoint", checkpoint.toString());
        assertEquals(0, train.exitCode(), train.err());

        CliRun r = run("summary", "--model", saved.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("model file " + saved + "\n"), r.out());
        assertEquals(List.of("dense 256", "relu", "dense 128", "relu", "dense 10"), layerColumn(r.out()));
        assertTrue(r.out().contains("\nloss: softmax_cross_entropy\n"), r.out());
        assertTrue(r.out().contains("\nclasses: 10 (T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt,"
                + " Sneaker, Bag, Ankle boot)\n"), r.out());
        assertTrue(r.out().contains("\nmetadata: nn.data=, nn.limit=100, nn.lr=0.001, nn.model=mlp, nn.schedule=none, nn.validation=0.0\n"), r.out());
        assertTrue(r.out().endsWith("\nnot a training checkpoint: no optimizer state or progress\n"), r.out());
        assertFalse(r.out().contains("optimizer:"), r.out());

        CliRun c = run("summary", "--model", checkpoint.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("\noptimizer: adam (lr=0.001, "), c.out());
        assertTrue(c.out().contains("\nprogress: epoch 1 of 1 (finished), batch 64, seed 42, last training loss "),
                c.out());

        CliRun withActivation = run("summary", "--model", saved.toString(), "--activation", "tanh");
        assertEquals(2, withActivation.exitCode());
        assertEquals("nn: summary --activation: applies to a catalog model; " + saved + " is a saved model (see"
                + " ./nn summary --help)\n", withActivation.err());
    }
}
