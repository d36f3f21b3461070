package org.nnj.examples.lecture;

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
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.EpochMetrics;
import org.nnj.core.train.LearningRateScheduler;
import org.nnj.core.train.Trainer;
import org.nnj.core.train.TrainingHistory;
import org.nnj.examples.BackendOptions;
import org.nnj.examples.Checks;
import org.nnj.examples.PluginOptions;
import org.nnj.examples.plot.Charts;
import org.nnj.examples.plot.LineChart;
import org.nnj.examples.plot.Table;
import org.nnj.optimizers.schedule.CosineAnnealing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The lecture's regression case: a network with a linear output trained on squared error, measured
 * against the closed-form least-squares line on the same inputs. On a linear task the network can do no
 * better than least squares and should do no worse; on a curve it should do far better.
 */
@Command(name = "regression",
        mixinStandardHelpOptions = true,
        description = {
            "Fit a linear and a nonlinear 1-D task with an MLP and with least squares.",
            "",
            "Draws two tasks from the seed, y = a x + b + noise and y = sin(x) + noise,",
            "x uniform in [-3, 3], each as separate training and test points; trains an",
            "MLP with a linear output on the loss mse (1/2 squared error) with",
            "mini-batches (Adam, its rate annealed to 0 by a cosine), and solves the",
            "least-squares line in closed form on the same training points (--train and",
            "--test count per task). Prints each task's test MSE for both and their",
            "ratio, and writes regression.png: per task (one row each) the points",
            "(training: dots, test: diamonds) with the network's curve and the",
            "least-squares line, and the MSE per epoch on the training and the test",
            "points beside the least-squares test MSE; regression.csv holds the table."
        })
public final class RegressionCommand implements Callable<Integer> {

    @Mixin
    SmallTaskOptions options = new SmallTaskOptions(500, 500, 32, 32);

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the files (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("reports", "regression");

    @Mixin
    BackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    /** The loss: the lecture's squared error, {@code 1/2 (a - y)^2} per sample in NNJ. */
    static final String LOSS = "mse";

    /** One task's results. */
    record Result(RegressionTask task, Sequential model, LeastSquares line, double modelMse, double lineMse,
                  List<EpochMetrics> epochs) {
        double ratio() {
            return modelMse / lineMse;
        }
    }

    @Override
    public Integer call() throws IOException {
        Checks checks = Checks.of(spec).outputDirectory("--out", out);
        backendOptions.check();
        Registries registries = PluginOptions.registries(spec);
        options.check(checks, registries);
        ComputeBackend backend = backendOptions.create(registries);
        PrintWriter console = spec.commandLine().getOut();
        console.printf("regression: a 1-%s-1 MLP (%s, linear output, loss %s, Adam lr %s with cosine annealing,"
                        + " %d epochs of batches of %d) against least squares; %d training and %d test points per task,"
                        + " seed %d; backend %s%n%n", options.layers(), options.activation, LOSS, options.learningRate,
                options.epochs, options.batchSize, options.train, options.test, options.seed, backend.description());
        console.flush();

        // SplittableRandom: java.util.Random gives nearly the same first numbers for neighbouring seeds.
        SplittableRandom random = new SplittableRandom(options.seed);
        List<RegressionTask> tasks = List.of(RegressionTask.linear(random, options.train, options.test, options.noise),
                RegressionTask.sine(random, options.train, options.test, options.noise));
        List<Result> results = new ArrayList<>();
        for (RegressionTask task : tasks) {
            results.add(fit(task, registries, backend));
        }

        Table table = new Table("task", "data", "model test MSE", "least-squares test MSE", "ratio");
        for (Result r : results) {
            table.add(r.task().name(), r.task().formula(), String.format(Locale.ROOT, "%.5f", r.modelMse()),
                    String.format(Locale.ROOT, "%.5f", r.lineMse()), String.format(Locale.ROOT, "%.3f", r.ratio()));
        }
        Files.createDirectories(out);
        table.writeCsv(out.resolve("regression.csv"));
        table.print(console);
        console.println();
        console.println("ratio = model / least squares: near 1 on the linear task (no model beats the best line"
                + " there), well below 1 on the nonlinear one.");
        writePng(results, backend);
        console.printf("%nwrote %s and %s%n", out.resolve("regression.png"), out.resolve("regression.csv"));
        return 0;
    }

    /** Trains the MLP and solves least squares on one task; both scored on its test points. */
    Result fit(RegressionTask task, Registries registries, ComputeBackend backend) {
        Sequential model = options.mlp(registries, 1).add("dense", Config.of("units", 1)).build();
        Loss loss = registries.loss(LOSS, Config.empty());
        InMemoryDataset trainSet = dataset(task.trainX(), task.trainY());
        InMemoryDataset testSet = dataset(task.testX(), task.testY());
        long steps = (long) options.epochs * ((options.train + options.batchSize - 1) / options.batchSize);
        TrainingHistory history = Trainer.builder().model(model).loss(loss)
                .optimizer(registries.optimizer("adam", Config.of("lr", options.learningRate)))
                .learningRateSchedule(new CosineAnnealing(steps), LearningRateScheduler.Unit.STEP)
                .backend(backend).batchSize(options.batchSize).epochs(options.epochs).seed(options.seed)
                .validation(testSet)
                .build().fit(trainSet);
        LeastSquares line = LeastSquares.fit(column(task.trainX()), task.trainY());
        double[] predicted = predict(model, task.testX(), backend);
        double modelMse = 0;
        double lineMse = 0;
        int test = task.testX().length;
        for (int i = 0; i < test; i++) {
            modelMse += square(predicted[i] - task.testY()[i]);
            lineMse += square(line.predict(new double[] {task.testX()[i]}) - task.testY()[i]);
        }
        return new Result(task, model, line, modelMse / test, lineMse / test, history.epochs());
    }

    private static double square(double v) {
        return v * v;
    }

    private static double[][] column(double[] x) {
        double[][] rows = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            rows[i] = new double[] {x[i]};
        }
        return rows;
    }

    private static InMemoryDataset dataset(double[] x, double[] y) {
        float[] fx = new float[x.length];
        float[] fy = new float[y.length];
        for (int i = 0; i < x.length; i++) {
            fx[i] = (float) x[i];
            fy[i] = (float) y[i];
        }
        return InMemoryDataset.regression(fx, Shape.of(1), fy, Shape.of(1));
    }

    private static double[] predict(Sequential model, double[] x, ComputeBackend backend) {
        float[] fx = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            fx[i] = (float) x[i];
        }
        Tensor y = model.predict(Tensor.of(fx, x.length, 1), backend);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = y.getFlat(i);
        }
        return out;
    }

    /** Two panels per task, one task per row: the fit, and the MSE per epoch. */
    private void writePng(List<Result> results, ComputeBackend backend) throws IOException {
        List<BufferedImage> panels = new ArrayList<>();
        for (Result r : results) {
            RegressionTask task = r.task();
            LineChart fit = new LineChart(String.format(Locale.ROOT, "%s task: %s", task.name(), task.formula()),
                    "x", "y", false, 900, 560);
            fit.addPoints("training points", task.trainX(), task.trainY(), Charts.color(0), SeriesMarkers.CIRCLE);
            fit.addPoints("test points", task.testX(), task.testY(), Charts.color(1), SeriesMarkers.DIAMOND);
            int n = 301;
            double[] xs = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = RegressionTask.X_MIN + (RegressionTask.X_MAX - RegressionTask.X_MIN) * i / (n - 1);
            }
            fit.addLine(String.format(Locale.ROOT, "network (test MSE %.4f)", r.modelMse()), xs,
                    predict(r.model(), xs, backend), Charts.color(3));
            // Two points: XChart dashes each segment of a line on its own.
            double[] ends = {RegressionTask.X_MIN, RegressionTask.X_MAX};
            fit.addDashedLine(String.format(Locale.ROOT, "least squares (test MSE %.4f)", r.lineMse()), ends,
                    new double[] {r.line().predict(new double[] {ends[0]}), r.line().predict(new double[] {ends[1]})},
                    Charts.color(7));
            panels.add(fit.render());

            int epochCount = r.epochs().size();
            double[] epochAxis = new double[epochCount];
            double[] trainMse = new double[epochCount];
            double[] testMse = new double[epochCount];
            for (int e = 0; e < epochCount; e++) {
                EpochMetrics m = r.epochs().get(e);
                epochAxis[e] = m.epoch();
                // NNJ's mse is half the squared error: twice it is the MSE of the table.
                trainMse[e] = 2 * m.trainingLoss();
                testMse[e] = 2 * m.validationLoss();
            }
            LineChart losses = new LineChart(String.format(Locale.ROOT, "%s task: MSE per epoch (ratio %.3f)",
                    task.name(), r.ratio()), "epoch", "mean squared error (log scale)", true, 900, 560);
            losses.addLine("network, training (mean over the epoch)", epochAxis, trainMse, Charts.color(0));
            losses.addLine("network, test (after the epoch)", epochAxis, testMse, Charts.color(1));
            losses.addDashedLine("least squares, test", new double[] {1, Math.max(2, epochCount)},
                    new double[] {r.lineMse(), r.lineMse()}, Charts.color(7));
            panels.add(losses.render());
        }
        Charts.saveGrid(String.format(Locale.ROOT, "Regression: a 1-%s-1 %s MLP trained on squared error against"
                + " the least-squares line (seed %d)", options.layers(), options.activation, options.seed), panels, 2, out.resolve("regression.png"));
    }
}
