package org.nnj.examples.lecture;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.SequentialBuilder;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.Trainer;
import org.nnj.examples.BackendOptions;
import org.nnj.examples.Checks;
import org.nnj.examples.PluginOptions;
import org.nnj.examples.plot.Charts;
import org.nnj.examples.plot.ContourPlot;
import org.nnj.examples.plot.GridFunction;
import org.nnj.examples.plot.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The lecture's binary classifier: an MLP ending in one sigmoid unit, trained on binary cross-entropy,
 * beside the single neuron (logistic regression) on the same two classes, with both decision boundaries
 * drawn over the points.
 */
@Command(name = "binary",
        mixinStandardHelpOptions = true,
        description = {
            "Draw an MLP's and a single neuron's decision boundary on two classes.",
            "",
            "Draws two classes of points in the plane from the seed (two interleaved",
            "moons, or a ring around a disc), as separate training and test points;",
            "trains an MLP ending in one sigmoid unit, and the single neuron (logistic",
            "regression: one dense unit and a sigmoid), both on binary cross-entropy.",
            "Prints each model's training and test accuracy, and writes binary.png: per",
            "model, the probability of class 1 as shading, the decision boundary",
            "(P = 0.5) and the training points coloured by class."
        })
public final class BinaryCommand implements Callable<Integer> {
    /**
     * The loss: binary cross-entropy on probabilities, after the sigmoid layer the models end with, as the
     * lecture draws them ({@code bce_with_logits} would fuse the two, with the same gradient).
     */
    static final String LOSS = "bce";

    /** The pixels per side of the grid the probabilities are computed on for the picture. */
    private static final int GRID = 161;

    @Option(names = "--shape", paramLabel = "NAME",
            description = "The two classes: moons or circles (default: ${DEFAULT-VALUE}).")
    String shape = "moons";

    @Mixin
    SmallTaskOptions options = new SmallTaskOptions(300, 300, 16, 16);

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the files (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("reports", "binary");

    @Mixin
    BackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    /** A trained model and its scores. */
    private record Fitted(String name, Sequential model, double trainAccuracy, double testAccuracy) {
    }

    @Override
    public Integer call() throws IOException {
        Checks checks = Checks.of(spec);
        if (!TwoClasses.known(shape)) {
            throw checks.fail("--shape", "must be one of " + TwoClasses.SHAPES + ", got '" + shape + "'");
        }
        checks.outputDirectory("--out", out);
        backendOptions.check();
        Registries registries = PluginOptions.registries(spec);
        options.check(checks, registries);
        ComputeBackend backend = backendOptions.create(registries);
        Loss loss = registries.loss(LOSS, Config.empty());
        PrintWriter console = spec.commandLine().getOut();
        console.printf("binary: %s with noise %s, %d training and %d test points, seed %d; loss %s, Adam lr %s,"
                        + " %d epochs of batches of %d; backend %s%n%n", shape, options.noise, options.train, options.test,
                options.seed, LOSS, options.learningRate, options.epochs, options.batchSize, backend.description());
        console.flush();

        // SplittableRandom: java.util.Random gives nearly the same first numbers for neighbouring seeds.
        SplittableRandom random = new SplittableRandom(options.seed);
        TwoClasses trainSet = TwoClasses.sample(shape, options.train, options.noise, random);
        TwoClasses testSet = TwoClasses.sample(shape, options.test, options.noise, random);
        List<Fitted> fitted = List.of(
                fit("MLP 2-" + options.layers() + "-1 " + options.activation, output(options.mlp(registries, 2)),
                        registries, loss, trainSet, testSet, backend),
                fit("single neuron (logistic regression)",
                        output(Sequential.builder(Shape.of(2)).registries(registries).seed(options.seed)), registries,
                        loss, trainSet, testSet, backend));

        Table table = new Table("model", "parameters", "train accuracy", "test accuracy");
        for (Fitted f : fitted) {
            table.add(f.name(), f.model().parameterCount(), String.format(Locale.ROOT, "%.3f", f.trainAccuracy()),
                    String.format(Locale.ROOT, "%.3f", f.testAccuracy()));
        }
        table.print(console);
        Files.createDirectories(out);
        writePng(fitted, trainSet, testSet, loss, backend);
        console.printf("%nwrote %s%n", out.resolve("binary.png"));
        return 0;
    }

    /** The one output unit and its sigmoid: the probability of class 1. */
    private static Sequential output(SequentialBuilder b) {
        return b.add("dense", Config.of("units", 1)).add("sigmoid", Config.empty()).build();
    }

    private Fitted fit(String name, Sequential model, Registries registries, Loss loss, TwoClasses trainSet, TwoClasses testSet,
                       ComputeBackend backend) {
        Trainer.builder().model(model).loss(loss)
                .optimizer(registries.optimizer("adam", Config.of("lr", options.learningRate)))
                .backend(backend).batchSize(options.batchSize).epochs(options.epochs).seed(options.seed).build()
                .fit(InMemoryDataset.regression(trainSet.x(), Shape.of(2), trainSet.labels(), Shape.of(1)));
        return new Fitted(name, model, accuracy(model, loss, trainSet, backend), accuracy(model, loss, testSet, backend));
    }

    /** P(class 1) for each point {@code [x0, y0, x1, y1, ...]}. */
    private static float[] probabilities(Sequential model, Loss loss, float[] points, ComputeBackend backend) {
        Tensor p = model.predict(Tensor.of(points, points.length / 2, 2), backend);
        loss.probabilities(backend, p, p);
        float[] out = new float[points.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.getFlat(i);
        }
        return out;
    }

    private static double accuracy(Sequential model, Loss loss, TwoClasses set, ComputeBackend backend) {
        float[] p = probabilities(model, loss, set.x(), backend);
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            correct += (p[i] > 0.5f) == (set.labels()[i] > 0.5f) ? 1 : 0;
        }
        return (double) correct / p.length;
    }

    private void writePng(List<Fitted> fitted, TwoClasses trainSet, TwoClasses testSet, Loss loss,
                          ComputeBackend backend) throws IOException {
        // The view: every point, with a margin of a tenth of the larger side.
        double[] box = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (TwoClasses set : List.of(trainSet, testSet)) {
            for (int i = 0; i < set.size(); i++) {
                box[0] = Math.min(box[0], set.x()[2 * i]);
                box[1] = Math.max(box[1], set.x()[2 * i]);
                box[2] = Math.min(box[2], set.x()[2 * i + 1]);
                box[3] = Math.max(box[3], set.x()[2 * i + 1]);
            }
        }
        double margin = 0.1 * Math.max(box[1] - box[0], box[3] - box[2]);
        double xMin = box[0] - margin;
        double xMax = box[1] + margin;
        double yMin = box[2] - margin;
        double yMax = box[3] + margin;
        float[] grid = new float[2 * GRID * GRID];
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                grid[2 * (j * GRID + i)] = (float) GridFunction.at(xMin, xMax, i, GRID);
                grid[2 * (j * GRID + i) + 1] = (float) GridFunction.at(yMin, yMax, j, GRID);
            }
        }
        double[][] points = split(trainSet);
        List<BufferedImage> panels = new ArrayList<>();
        for (Fitted f : fitted) {
            float[] p = probabilities(f.model(), loss, grid, backend);
            double[][] values = new double[GRID][GRID];
            for (int j = 0; j < GRID; j++) {
                for (int i = 0; i < GRID; i++) {
                    values[j][i] = p[j * GRID + i];
                }
            }
            ContourPlot plot = new ContourPlot(String.format(Locale.ROOT, "%s: accuracy %.3f train, %.3f test",
                    f.name(), f.trainAccuracy(), f.testAccuracy()), new GridFunction(xMin, xMax, yMin, yMax, values),
                    xMin, xMax, yMin, yMax, new double[] {0.5})
                    .size(1000, 760)
                    .axisTitles("x\u2081", "x\u2082")
                    .shading(BinaryCommand::shade)
                    .contourStyle(Color.BLACK, 2.5f, "decision boundary, P = 0.5")
                    .add(new ContourPlot.Points("class 0 (training)", Charts.color(0), points[0], points[1]))
                    .add(new ContourPlot.Points("class 1 (training)", Charts.color(1), points[2], points[3]));
            panels.add(plot.render());
        }
        Charts.saveGrid(String.format(Locale.ROOT, "Binary classification, %s with noise %s, %d training points"
                + " (seed %d): shading = P(class 1), blue below 0.5, orange above", shape, options.noise, options.train,
                options.seed), panels, 2,
                out.resolve("binary.png"));
    }

    /** The x and y of each class: {@code {x of 0, y of 0, x of 1, y of 1}}. */
    private static double[][] split(TwoClasses set) {
        int ones = 0;
        for (float label : set.labels()) {
            ones += label > 0.5f ? 1 : 0;
        }
        double[][] out = {new double[set.size() - ones], new double[set.size() - ones], new double[ones],
            new double[ones]};
        int[] next = new int[2];
        for (int i = 0; i < set.size(); i++) {
            int c = set.labels()[i] > 0.5f ? 1 : 0;
            out[2 * c][next[c]] = set.x()[2 * i];
            out[2 * c + 1][next[c]++] = set.x()[2 * i + 1];
        }
        return out;
    }

    /** White at P = 0.5, towards a pale blue (class 0) or a pale orange (class 1) as P is sure. */
    static Color shade(double p) {
        Color towards = p < 0.5 ? Charts.color(0) : Charts.color(1);
        double t = 0.45 * Math.min(1, Math.abs(p - 0.5) * 2);
        return new Color(mix(towards.getRed(), t), mix(towards.getGreen(), t), mix(towards.getBlue(), t));
    }

    private static int mix(int channel, double t) {
        return (int) Math.round(255 * (1 - t) + channel * t);
    }
}
