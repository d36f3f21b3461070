package org.nnj.examples.optim;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.CategoryChart;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Shape;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.SequentialBuilder;
import org.nnj.core.registry.Registries;
import org.nnj.examples.PluginOptions;
import org.nnj.core.train.EvaluationResult;
import org.nnj.core.train.ProgressBar;
import org.nnj.core.train.Trainer;
import org.nnj.core.train.TrainingHistory;
import org.nnj.examples.BackendOptions;
import org.nnj.examples.Checks;
import org.nnj.examples.Text;
import org.nnj.examples.plot.Charts;
import org.nnj.examples.plot.LineChart;
import org.nnj.examples.plot.Table;
import org.nnj.examples.train.FashionMnistSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Why deep sigmoid networks were hard to train: the gradient of each layer's weights, at initialisation
 * and after training, in a deep MLP with sigmoid activations against the same network with ReLU and with
 * leaky ReLU.
 */
@Command(name = "vanishing-gradients",
        mixinStandardHelpOptions = true,
        description = {
            "Compare per-layer gradient norms of deep sigmoid and ReLU networks.",
            "",
            "Builds an MLP of 10 hidden layers with sigmoid (Xavier init), with ReLU",
            "and with leaky ReLU (He init); measures the gradient norm of every layer's",
            "weights on one batch at initialisation, trains each the same way, and",
            "measures again. Writes gradient-norms.csv and gradient-norms.png (bars per",
            "layer, log scale), training-loss.csv and training-loss.png, and prints",
            "the table."
        })
public final class VanishingGradientsCommand implements Callable<Integer> {
    /** The activations compared, each with the initialisation that suits it. */
    private static final List<String[]> ACTIVATIONS = List.of(
            new String[] {"sigmoid", "xavier"}, new String[] {"relu", "he"}, new String[] {"leaky_relu", "he"});
    /** The smoothing of the loss curves: a time constant of 20 steps. */
    private static final double SMOOTHING = 0.95;

    @Option(names = "--depth", paramLabel = "N", description = "Hidden layers (default: ${DEFAULT-VALUE}).")
    int depth = 10;

    @Option(names = "--width", paramLabel = "N", description = "Units per hidden layer (default: ${DEFAULT-VALUE}).")
    int width = 64;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs of training (default: ${DEFAULT-VALUE}).")
    int epochs = 2;

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 64;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "Optimizer (default: ${DEFAULT-VALUE}).")
    String optimizer = "sgd";

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = 0.05;

    @Option(names = "--probe", paramLabel = "N",
            description = "Images in the batch the gradients are measured on (default: ${DEFAULT-VALUE}).")
    int probe = 256;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the initial weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--data", paramLabel = "DIR",
            description = "A directory with the four Fashion-MNIST IDX files; default: the subset shipped with NNJ.")
    Path data;

    @Option(names = "--limit", paramLabel = "N",
            description = "Use only the first N training images (default: all of them).")
    Integer limit;

    /** The old name of {@code --limit}. */
    @Option(names = "--train-size", hidden = true)
    void trainSize(int n) {
        limit = n;
    }

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the files (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("reports", "vanishing-gradients");

    @Mixin
    BackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    /** What one activation's run measured. */
    private record Run(String activation, List<Double> before, List<Double> after, List<Double> losses,
                       double testAccuracy) {
    }

    @Override
    public Integer call() throws IOException {
        Checks.of(spec).positive("--depth", depth).positive("--width", width).positive("--epochs", epochs)
                .positive("--batch", batchSize).positive("--lr", learningRate).positive("--probe", probe)
                .positive("--limit", limit).inputDirectory("--data", data).outputDirectory("--out", out);
        backendOptions.check();
        PrintWriter console = spec.commandLine().getOut();
        Registries registries = PluginOptions.registries(spec);
        registries.optimizer(optimizer, Config.of("lr", learningRate)); // an unknown name, before any work
        ComputeBackend backend = backendOptions.create(registries);
        Loss loss = registries.loss("softmax_cross_entropy", Config.empty());
        FashionMnistSource source = new FashionMnistSource(data);
        InMemoryDataset train = source.load("train", true);
        if (limit != null && limit < train.size()) {
            train = train.subset(0, limit);
        }
        InMemoryDataset test = source.load("t10k", true);
        Files.createDirectories(out);
        GradientNorms norms = new GradientNorms(train, probe);
        int steps = epochs * ((train.size() + batchSize - 1) / batchSize);
        console.printf("vanishing gradients: %d hidden layers of %d units, %s (lr %s), %s (%d steps of %d"
                        + " images) on %,d images; gradients measured on the first %d; backend %s%n%n", depth, width,
                optimizer, learningRate, Text.count(epochs, "epoch"), steps, batchSize, train.size(), norms.batchSize(),
                backend.description());
        console.flush();

        List<Run> runs = new ArrayList<>();
        List<String> shapes = null;
        for (String[] activation : ACTIVATIONS) {
            console.printf("== %s (%s initialisation)%n", activation[0], activation[1]);
            console.flush();
            Sequential model = build(registries, activation[0], activation[1]);
            shapes = GradientNorms.weightShapes(model);
            List<Double> before = norms.measure(model, loss, backend);
            LossRecorder recorder = new LossRecorder();
            Trainer trainer = Trainer.builder().model(model).loss(loss)
                    .optimizer(registries.optimizer(optimizer, Config.of("lr", learningRate)))
                    .backend(backend).batchSize(batchSize).epochs(epochs).seed(seed)
                    .listener(recorder).listener(new ProgressBar(new PrintStream(System.out, true))).build();
            TrainingHistory history = trainer.fit(train);
            List<Double> after = norms.measure(model, loss, backend);
            EvaluationResult result = trainer.evaluate(test);
            console.printf("final training loss %.4f, test accuracy %.4f%n", history.last().trainingLoss(),
                    result.accuracy());
            runs.add(new Run(activation[0], before, after, recorder.losses(), result.accuracy()));
        }

        Table table = table(runs, shapes);
        table.writeCsv(out.resolve("gradient-norms.csv"));
        console.println();
        console.printf("L2 norm of each layer's weight gradient on %d images, at initialisation and after %d steps:%n",
                norms.batchSize(), steps);
        table.print(console);
        writeNormChart(runs, steps, norms.batchSize());
        writeLosses(runs);
        console.println();
        for (Run run : runs) {
            console.printf("%-10s  first/last layer: %.2e at initialisation, %.2e after training; final loss (smoothed) %.4f,"
                            + " test accuracy %.4f%n", run.activation(), ratio(run.before()), ratio(run.after()),
                    LossRecorder.smoothed(run.losses(), SMOOTHING)[run.losses().size() - 1], run.testAccuracy());
        }
        console.printf("%nwrote %s, %s, %s and %s%n", out.resolve("gradient-norms.csv"), out.resolve("gradient-norms.png"),
                out.resolve("training-loss.csv"), out.resolve("training-loss.png"));
        return 0;
    }

    private Sequential build(Registries registries, String activation, String init) {
        SequentialBuilder b = Sequential.builder(Shape.of(784)).registries(registries).seed(seed);
        for (int i = 0; i < depth; i++) {
            b.add("dense", Config.of("units", width, "init", init)).add(activation, Config.empty());
        }
        return b.add("dense", Config.of("units", 10, "init", "xavier")).build();
    }

    private static double ratio(List<Double> norms) {
        return norms.get(0) / norms.get(norms.size() - 1);
    }

    private static Table table(List<Run> runs, List<String> shapes) {
        List<String> header = new ArrayList<>(List.of("layer", "weight"));
        for (Run run : runs) {
            header.add(run.activation() + " init");
            header.add(run.activation() + " trained");
        }
        Table table = new Table(header.toArray(new String[0]));
        for (int layer = 0; layer < shapes.size(); layer++) {
            List<Object> row = new ArrayList<>(List.of(layer + 1, shapes.get(layer)));
            for (Run run : runs) {
                row.add(String.format(Locale.ROOT, "%.3e", run.before().get(layer)));
                row.add(String.format(Locale.ROOT, "%.3e", run.after().get(layer)));
            }
            table.add(row.toArray());
        }
        return table;
    }

    private void writeNormChart(List<Run> runs, int steps, int probeSize) throws IOException {
        // Both panels on one scale, whole decades around every value (XChart's bars would start at 0,
        // which a logarithmic axis has not).
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Run run : runs) {
            for (double v : run.before()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            for (double v : run.after()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double floor = Math.pow(10, Math.floor(Math.log10(Math.max(min, 1e-30))));
        double ceiling = Math.pow(10, Math.ceil(Math.log10(Math.max(max, floor * 10))));
        List<CategoryChart> panels = new ArrayList<>();
        for (boolean trained : new boolean[] {false, true}) {
            CategoryChart chart = Charts.barChart(trained ? "After " + steps + " steps" : "At initialisation",
                    "layer (1 = next to the input)", "gradient norm of the weights (log scale)", true, 800, 600);
            for (int k = 0; k < runs.size(); k++) {
                Run run = runs.get(k);
                List<Double> values = trained ? run.after() : run.before();
                List<String> layers = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    layers.add(String.valueOf(i + 1));
                }
                // A zero norm (a dead layer) has no place on a log axis: it is drawn at the floor.
                List<Double> shown = values.stream().map(v -> Math.max(v, floor)).toList();
                chart.addSeries(run.activation(), layers, shown).setFillColor(Charts.color(k));
            }
            chart.getStyler().setYAxisMin(floor);
            chart.getStyler().setYAxisMax(ceiling);
            panels.add(chart);
        }
        Charts.savePngSideBySide(String.format(Locale.ROOT, "Gradient norm of each layer's weights, %d hidden"
                + " layers of %d units, on %d images", depth, width, probeSize), panels, out.resolve("gradient-norms.png"));
    }

    private void writeLosses(List<Run> runs) throws IOException {
        int steps = runs.get(0).losses().size();
        List<String> header = new ArrayList<>(List.of("step"));
        runs.forEach(r -> header.add(r.activation()));
        Table csv = new Table(header.toArray(new String[0]));
        double[] x = new double[steps];
        for (int s = 0; s < steps; s++) {
            x[s] = s + 1;
            Object[] row = new Object[header.size()];
            row[0] = s + 1;
            for (int k = 0; k < runs.size(); k++) {
                row[k + 1] = runs.get(k).losses().get(s);
            }
            csv.add(row);
        }
        csv.writeCsv(out.resolve("training-loss.csv"));
        LineChart chart = new LineChart(String.format(Locale.ROOT, "Training loss, %d hidden layers of %d units, %s"
                        + " lr %s (smoothed over ~%.0f batches)", depth, width, optimizer, learningRate,
                        1 / (1 - SMOOTHING)),
                "step", "cross-entropy (log scale)", true, 1100, 650);
        for (int k = 0; k < runs.size(); k++) {
            chart.addLine(runs.get(k).activation(), x, LossRecorder.smoothed(runs.get(k).losses(), SMOOTHING),
                    Charts.color(k));
        }
        chart.savePng(out.resolve("training-loss.png"));
    }
}
