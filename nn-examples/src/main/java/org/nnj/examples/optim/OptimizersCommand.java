package org.nnj.examples.optim;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.optim.LearningRateSchedule;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.tensor.Shape;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.SequentialBuilder;
import org.nnj.core.registry.Registries;
import org.nnj.examples.PluginOptions;
import org.nnj.core.train.EvaluationResult;
import org.nnj.core.train.GradientClipping;
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
 * Trains the same MLP, from the same initial weights and on the same batches, once with each optimizer,
 * and compares their training-loss curves and final test accuracy.
 */
@Command(name = "optimizers",
        mixinStandardHelpOptions = true,
        description = {
            "Train one MLP with each optimizer and compare their loss curves.",
            "",
            "The MLP (by default 784-128-64-10, ReLU) learns Fashion-MNIST with each",
            "optimizer for the same budget: same initial weights, same batches in the",
            "same order. Writes loss-curves.csv and loss-curves.png (training loss per",
            "step, log scale) and results.csv (losses and test accuracy), and prints",
            "the table."
        })
public final class OptimizersCommand implements Callable<Integer> {
    /**
     * Each optimizer at a learning rate that is usual for it on a problem like this one, and Adam once more
     * at ten times its usual rate: it usually does fine, though not always.
     */
    static final Lineup LINEUP = new Lineup()
            .add("sgd", "sgd", "lr=0.1")
            .add("momentum", "sgd", "lr=0.01,momentum=0.9")
            .add("nesterov", "sgd", "lr=0.01,momentum=0.9,nesterov=true")
            .add("adagrad", "adagrad", "lr=0.01")
            .add("rmsprop", "rmsprop", "lr=0.001")
            .add("adadelta", "adadelta", "lr=1.0")
            .add("adam", "adam", "lr=0.001")
            .add("adam-lr0.01", "adam", "lr=0.01")
            .add("amsgrad", "adam", "lr=0.001,amsgrad=true")
            .add("adamw", "adamw", "lr=0.001,weight_decay=0.01")
            .add("adamax", "adamax", "lr=0.002")
            .add("nadam", "nadam", "lr=0.002");
    /** The smoothing of the loss curves: a time constant of 20 steps. */
    private static final double SMOOTHING = 0.95;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per optimizer (default: ${DEFAULT-VALUE}).")
    int epochs = 2;

    @Option(names = "--hidden", paramLabel = "UNITS", split = ",",
            description = "Units of each hidden ReLU layer (default: 128,64).")
    int[] hidden = {128, 64};

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 64;

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

    /** Every optimizer, the classic momentum variants and Adam at a high rate; AMSGrad only when asked for. */
    static final String DEFAULT_RUNS =
            "sgd,momentum,nesterov,adagrad,rmsprop,adadelta,adam,adam-lr0.01,adamw,adamax,nadam";

    @Option(names = "--only", paramLabel = "LABELS",
            description = "Comma-separated labels to train, of: sgd, momentum, nesterov, adagrad, rmsprop, adadelta,"
                    + " adam, adam-lr0.01, amsgrad, adamw, adamax, nadam; or all (default: all but amsgrad).")
    String only = DEFAULT_RUNS;

    @Option(names = "--schedule", paramLabel = "NAME", converter = ScheduleConverter.class,
            description = "Learning-rate schedule for every optimizer: none, step, exponential, cosine,"
                    + " warmup-cosine, plateau (default: ${DEFAULT-VALUE}).")
    ScheduleChoice schedule = ScheduleChoice.NONE;

    @Option(names = "--clip-norm", paramLabel = "MAX",
            description = "Clip the gradients to this global L2 norm before each step (default: no clipping).")
    Double clipNorm;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the files (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("reports", "optimizers");

    @Mixin
    BackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Checks.of(spec).positive("--epochs", epochs).allPositive("--hidden", hidden).positive("--batch", batchSize)
                .positive("--limit", limit).positive("--clip-norm", clipNorm).inputDirectory("--data", data)
                .outputDirectory("--out", out);
        backendOptions.check();
        List<Lineup.Entry> entries = LINEUP.select("all".equals(only) ? null : only);
        PrintWriter console = spec.commandLine().getOut();
        Registries registries = PluginOptions.registries(spec);
        ComputeBackend backend = backendOptions.create(registries);
        Loss loss = registries.loss("softmax_cross_entropy", Config.empty());
        FashionMnistSource source = new FashionMnistSource(data);
        InMemoryDataset train = source.load("train", true);
        if (limit != null && limit < train.size()) {
            train = train.subset(0, limit);
        }
        InMemoryDataset test = source.load("t10k", true);
        Files.createDirectories(out);
        console.printf("optimizers: %d runs of %s of an MLP 784-%s-10, %s, %,d training and %,d test images,"
                        + " batches of %d, seed %d, schedule %s%s; backend %s%n%n", entries.size(), Text.count(epochs, "epoch"),
                Arrays.stream(hidden).mapToObj(String::valueOf).collect(Collectors.joining("-")),
                source.describe(),
                train.size(), test.size(), batchSize, seed, schedule, clipNorm == null ? "" : ", clip norm " + clipNorm,
                backend.description());
        console.flush();

        Table results = new Table("optimizer", "settings", "loss epoch 1", "loss last epoch", "test loss",
                "test accuracy", "seconds");
        List<List<Double>> curves = new ArrayList<>();
        long start = System.nanoTime();
        for (Lineup.Entry entry : entries) {
            console.printf("== %s: %s%n", entry.label(), entry.settings());
            console.flush();
            Sequential model = mlp(registries);
            Optimizer optimizer = registries.optimizer(entry.optimizer(), entry.config());
            LossRecorder recorder = new LossRecorder();
            Trainer.Builder builder = Trainer.builder().model(model).loss(loss).optimizer(optimizer).backend(backend)
                    .batchSize(batchSize).epochs(epochs).seed(seed)
                    .listener(recorder)
                    .listener(new ProgressBar(new PrintStream(System.out, true)));
            long steps = (long) epochs * ((train.size() + batchSize - 1) / batchSize);
            LearningRateSchedule lrSchedule = schedule.create(steps);
            if (lrSchedule != null) {
                builder.learningRateSchedule(lrSchedule, schedule.unit());
            }
            if (clipNorm != null) {
                builder.gradientClipping(GradientClipping.byGlobalNorm(clipNorm));
            }
            Trainer trainer = builder.build();
            long runStart = System.nanoTime();
            TrainingHistory history = trainer.fit(train);
            EvaluationResult result = trainer.evaluate(test);
            double seconds = (System.nanoTime() - runStart) / 1e9;
            curves.add(recorder.losses());
            results.add(entry.label(), entry.settings(), fmt(history.epochs().get(0).trainingLoss()),
                    fmt(history.last().trainingLoss()), fmt(result.loss()),
                    String.format(Locale.ROOT, "%.4f", result.accuracy()), String.format(Locale.ROOT, "%.1f", seconds));
        }
        double total = (System.nanoTime() - start) / 1e9;

        writeCurves(entries, curves, train.size());
        results.writeCsv(out.resolve("results.csv"));
        console.println();
        console.printf("%s (%d steps of %d images) on %,d images. Training loss: the mean over an epoch's"
                        + " batches;%ntest loss and accuracy on %,d images after the last step:%n",
                Text.count(epochs, "epoch"), curves.get(0).size(), batchSize, train.size(), test.size());
        results.print(console);
        console.printf("%ntotal %.1f s; wrote %s, %s and %s%n", total, out.resolve("loss-curves.csv"),
                out.resolve("loss-curves.png"), out.resolve("results.csv"));
        return 0;
    }

    private void writeCurves(List<Lineup.Entry> entries, List<List<Double>> curves, int samples) throws IOException {
        int steps = curves.get(0).size();
        int stepsPerEpoch = (samples + batchSize - 1) / batchSize;
        List<String> header = new ArrayList<>(List.of("step", "epoch"));
        entries.forEach(e -> header.add(e.label()));
        Table csv = new Table(header.toArray(new String[0]));
        for (int s = 0; s < steps; s++) {
            Object[] row = new Object[header.size()];
            row[0] = s + 1;
            row[1] = s / stepsPerEpoch + 1;
            for (int k = 0; k < curves.size(); k++) {
                row[k + 2] = curves.get(k).get(s);
            }
            csv.add(row);
        }
        csv.writeCsv(out.resolve("loss-curves.csv"));

        LineChart chart = new LineChart(String.format(Locale.ROOT,
                        "Training loss of one MLP (784-%s-10) with each optimizer (smoothed over ~%.0f batches)",
                        Arrays.stream(hidden).mapToObj(String::valueOf).collect(Collectors.joining("-")),
                        1 / (1 - SMOOTHING)),
                String.format(Locale.ROOT, "step (batches of %d, %d per epoch)", batchSize, stepsPerEpoch),
                "cross-entropy (log scale)", true, 1200, 750);
        double[] x = new double[steps];
        for (int s = 0; s < steps; s++) {
            x[s] = s + 1;
        }
        for (int k = 0; k < curves.size(); k++) {
            chart.addLine(entries.get(k).label(), x, LossRecorder.smoothed(curves.get(k), SMOOTHING),
                    Charts.color(k));
        }
        chart.savePng(out.resolve("loss-curves.png"));
    }

    /** 784, then each hidden layer with ReLU, then 10 logits; the same weights for every optimizer. */
    private Sequential mlp(Registries registries) {
        SequentialBuilder b = Sequential.builder(Shape.of(784)).registries(registries).seed(seed);
        for (int units : hidden) {
            b.add("dense", Config.of("units", units)).add("relu", Config.empty());
        }
        return b.add("dense", Config.of("units", 10)).build();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Picocli's converter for {@code --schedule}. */
    static final class ScheduleConverter implements picocli.CommandLine.ITypeConverter<ScheduleChoice> {
        @Override
        public ScheduleChoice convert(String value) {
            try {
                return ScheduleChoice.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("unknown schedule '" + value
                        + "'; the schedules are none, step, exponential, cosine, warmup-cosine, plateau");
            }
        }
    }
}
