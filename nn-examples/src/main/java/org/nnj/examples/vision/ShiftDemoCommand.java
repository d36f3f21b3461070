package org.nnj.examples.vision;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.core.data.FashionMnist;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.examples.PluginOptions;
import org.nnj.examples.BackendOptions;
import org.nnj.examples.Checks;
import org.nnj.examples.render.AccuracyChart;
import org.nnj.examples.render.ImageGrid;
import org.nnj.examples.render.Png;
import org.nnj.examples.render.Tile;
import org.nnj.examples.train.FashionMnistSource;
import org.nnj.examples.train.ModelCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains an MLP and a CNN on Fashion-MNIST and measures both on the test images shifted by 0 to
 * {@code --max-shift} pixels left, right, up and down: the MLP, which sees each pixel as its own input,
 * loses accuracy faster than the CNN, whose shared filters and pooling tolerate small translations.
 */
@Command(name = "shift-demo",
        mixinStandardHelpOptions = true,
        description = {
            // The first line is the command's sentence in ./nn --help: one whole sentence.
            "Train an MLP and a CNN, then measure both on shifted test images.",
            "",
            "Both learn Fashion-MNIST, then classify the test images shifted by 0 to 4 pixels in each",
            "direction. Prints the table and writes under --out: shift-accuracy.png (accuracy against",
            "shift), shift-accuracy.csv, and shift-example.png (an image whose MLP prediction changes",
            "with the shift while the CNN's does not).",
            "The defaults are quick, on the subset shipped with NNJ; --data DIR --epochs N runs the full thing."
        })
public final class ShiftDemoCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR",
            description = "A directory with the four Fashion-MNIST IDX files; default: the shipped subset.")
    Path data;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs of each model (default: ${DEFAULT-VALUE}).")
    int epochs = 3;

    @Option(names = "--limit", paramLabel = "N",
            description = "Train on the first N training images only, 0 for all (default: ${DEFAULT-VALUE}).")
    int trainLimit;

    /** The old name of {@code --limit}. */
    @Option(names = "--train-limit", hidden = true)
    void oldLimit(int n) {
        trainLimit = n;
    }

    @Option(names = "--test-limit", paramLabel = "N",
            description = "Measure on the first N test images, 0 for all (default: ${DEFAULT-VALUE}).")
    int testLimit = 1000;

    @Option(names = "--max-shift", paramLabel = "PIXELS", description = "The largest shift (default: ${DEFAULT-VALUE}).")
    int maxShift = 4;

    @Option(names = "--mlp", paramLabel = "MODEL", description = "The fully connected model (default: ${DEFAULT-VALUE}).")
    String mlp = "mlp";

    @Option(names = "--cnn", paramLabel = "MODEL",
            description = "The convolutional model: lenet, quick on any backend, or cnn, the larger one of"
                    + " 'train --model cnn' (default: ${DEFAULT-VALUE}).")
    String cnn = "lenet";

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 64;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = 1e-3;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the files (default: ${DEFAULT-VALUE}).")
    Path outDir = Path.of("reports", "shift-demo");

    @Mixin
    BackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Checks.of(spec).between("--max-shift", maxShift, 1, 27).positive("--epochs", epochs)
                .atLeast("--limit", trainLimit, 0).atLeast("--test-limit", testLimit, 0).positive("--batch", batchSize)
                .positive("--lr", learningRate).inputDirectory("--data", data).outputDirectory("--out", outDir);
        backendOptions.check();
        ModelCatalog.get(mlp);
        ModelCatalog.get(cnn);
        PrintWriter out = spec.commandLine().getOut();
        Registries registries = PluginOptions.registries(spec);
        ComputeBackend backend = backendOptions.create(registries);
        FashionMnistSource source = new FashionMnistSource(data);
        InMemoryDataset train = CatalogModels.limit(source.load("train", false), trainLimit);
        InMemoryDataset test = CatalogModels.limit(source.load("t10k", false), testLimit);
        out.printf("data: %s (%,d training, %,d test images); backend: %s%n%n", source.describe(), train.size(),
                test.size(), backend.description());
        out.flush();

        CatalogModels.Settings settings = new CatalogModels.Settings(epochs, batchSize, learningRate, seed);
        List<String> names = List.of(mlp, cnn);
        List<Sequential> models = new ArrayList<>();
        for (String name : names) {
            models.add(CatalogModels.train(name, registries, backend, train, settings, out));
        }

        int height = test.featureShape().dim(1);
        int width = test.featureShape().dim(2);
        float[] images = CatalogModels.features(test);
        int[] labels = CatalogModels.labels(test);
        ShiftResults results = new ShiftResults(names, labels, maxShift);
        for (int m = 0; m < models.size(); m++) {
            int[] unshifted = CatalogModels.predict(models.get(m), backend, images, test.size());
            for (Shift d : Shift.values()) {
                results.put(m, d, 0, unshifted);
                for (int s = 1; s <= maxShift; s++) {
                    float[] shifted = d.applyAll(images, test.size(), height, width, s);
                    results.put(m, d, s, CatalogModels.predict(models.get(m), backend, shifted, test.size()));
                }
            }
        }
        results.printTable(out);

        Path chart = outDir.resolve("shift-accuracy.png");
        Path csv = outDir.resolve("shift-accuracy.csv");
        writeChart(results, names, chart);
        results.writeCsv(csv);
        out.println("wrote " + chart);
        out.println("wrote " + csv);

        ShiftResults.Example example = results.findExample(0, 1);
        if (example == null) {
            out.printf("no test image here is classified right by the %s at every shift while the %s changes its"
                    + " mind; train longer or measure more images%n", cnn, mlp);
        } else {
            Path picture = outDir.resolve("shift-example.png");
            Png.write(exampleImage(results, example, images, labels, height, width, names), picture);
            out.printf("test image #%d (%s) shifted %s: the %s's prediction changes at %d px, the %s's stays%n",
                    example.image(), FashionMnist.CLASS_NAMES.get(labels[example.image()]), example.direction().label(),
                    mlp, example.firstChange(), cnn);
            out.println("wrote " + picture);
        }
        out.flush();
        return 0;
    }

    private void writeChart(ShiftResults results, List<String> names, Path file) throws IOException {
        AccuracyChart chart = new AccuracyChart("Fashion-MNIST test accuracy of shifted images (mean of 4 directions)",
                "shift (pixels)");
        double[] x = new double[maxShift + 1];
        for (int s = 0; s <= maxShift; s++) {
            x[s] = s;
        }
        for (int m = 0; m < names.size(); m++) {
            double[] y = new double[maxShift + 1];
            for (int s = 0; s <= maxShift; s++) {
                y[s] = results.meanAccuracy(m, s);
            }
            chart.add(names.get(m) + " (" + (m == 0 ? "fully connected" : "convolutional") + ")", x, y);
        }
        Png.write(chart.render(800, 500), file);
    }

    private java.awt.image.BufferedImage exampleImage(ShiftResults results, ShiftResults.Example example,
                                                      float[] images, int[] labels, int height, int width,
                                                      List<String> names) {
        int plane = height * width;
        List<Tile> tiles = new ArrayList<>();
        float[] shifted = new float[plane];
        for (int s = 0; s <= maxShift; s++) {
            example.direction().apply(images, example.image() * plane, height, width, s, shifted, 0);
            String caption = s + " px " + example.direction().label()
                    + "\n" + names.get(0) + ": " + className(results.prediction(0, example.direction(), s, example.image()))
                    + "\n" + names.get(1) + ": " + className(results.prediction(1, example.direction(), s, example.image()));
            tiles.add(new Tile(shifted, height, width, caption));
        }
        String title = "Test image #" + example.image() + ", a " + FashionMnist.CLASS_NAMES.get(labels[example.image()])
                + ", shifted " + example.direction().label() + "\nwhat the " + names.get(0) + " and the " + names.get(1)
                + " predict";
        return ImageGrid.builder(title).columns(maxShift + 1).scale(5).render(tiles);
    }

    private static String className(int label) {
        return FashionMnist.CLASS_NAMES.get(label);
    }
}
