package org.nnj.examples.optim;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.layer.Parameter;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.registry.Registries;
import org.nnj.examples.Checks;
import org.nnj.examples.PluginOptions;
import org.nnj.examples.plot.Charts;
import org.nnj.examples.plot.ContourPlot;
import org.nnj.examples.plot.LineChart;
import org.nnj.examples.plot.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Races the optimizers on two classic 2-D test functions from the same start and draws their paths over
 * the contour lines: the lecture's picture of "what an optimizer does".
 */
@Command(name = "optimizer-paths",
        mixinStandardHelpOptions = true,
        description = {
            "Draw the optimizers' paths over Rosenbrock's and Beale's functions.",
            "",
            "Every optimizer runs from the same start on Rosenbrock's and Beale's",
            "functions; the command draws their paths over the contour lines (rosenbrock.png,",
            "beale.png), and f along each path (rosenbrock-values.png,",
            "beale-values.png); paths.csv holds every point, summary.csv the ends."
        })
public final class OptimizerPathsCommand implements Callable<Integer> {

    @Option(names = "--steps", paramLabel = "N", description = "Steps of each optimizer (default: ${DEFAULT-VALUE}).")
    int steps = 2000;

    @Option(names = "--only", paramLabel = "LABELS",
            description = "Comma-separated labels to race, of: sgd, momentum, nesterov, adagrad, rmsprop, adadelta,"
                    + " adam, adamw, adamax, nadam (default: all).")
    String only;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the files (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("reports", "optimizer-paths");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Checks.of(spec).positive("--steps", steps).outputDirectory("--out", out);
        Registries registries = PluginOptions.registries(spec);
        List<Surface> surfaces = List.of(new Surface.Rosenbrock(), new Surface.Beale());
        for (Surface surface : surfaces) {
            surface.lineup.select(only); // an unknown label, before any file is written
        }
        PrintWriter console = spec.commandLine().getOut();
        Files.createDirectories(out);
        ComputeBackend backend = new ScalarBackend(1);
        Table summary = new Table("function", "optimizer", "settings", "final x", "final y", "f(x, y)",
                "distance to minimum");
        Table points = new Table("function", "optimizer", "step", "x", "y", "f");
        for (Surface surface : surfaces) {
            ContourPlot plot = new ContourPlot(String.format(Locale.ROOT, "%s's function: %d steps from (%s, %s)",
                    surface.name, steps, brief(surface.start[0]), brief(surface.start[1])),
                    surface::value, surface.xMin, surface.xMax, surface.yMin, surface.yMax, surface.levels)
                    .start(surface.start[0], surface.start[1])
                    .minimum(surface.minimum[0], surface.minimum[1]);
            LineChart values = new LineChart(surface.name + "'s function: f along each path", "step",
                    "f(x, y) (log scale)", true, 1100, 700);
            List<Lineup.Entry> entries = surface.lineup.select(only);
            for (int k = 0; k < entries.size(); k++) {
                Lineup.Entry entry = entries.get(k);
                Optimizer optimizer = registries.optimizer(entry.optimizer(), entry.config());
                double[][] path = run(surface, optimizer, backend);
                int last = lastFinite(path);
                double fx = surface.value(path[0][last], path[1][last]);
                for (int i = 0; i <= last; i++) {
                    points.add(surface.name, entry.label(), i, path[0][i], path[1][i],
                            surface.value(path[0][i], path[1][i]));
                }
                String note = last < steps ? "diverged" : String.format(Locale.ROOT, "f = %.1e", fx);
                plot.add(new ContourPlot.Trace(entry.label(), note, Charts.color(k), path[0], path[1]));
                double[] stepAxis = new double[last + 1];
                double[] f = new double[last + 1];
                for (int i = 0; i <= last; i++) {
                    stepAxis[i] = i;
                    // A point exactly at the minimum would have no place on a log axis.
                    f[i] = Math.max(surface.value(path[0][i], path[1][i]), 1e-12);
                }
                values.addLine(entry.label(), stepAxis, f, Charts.color(k));
                summary.add(surface.name, entry.label(), entry.settings(), fmt(path[0][last]), fmt(path[1][last]),
                        last < steps ? "diverged at step " + (last + 1) : String.format(Locale.ROOT, "%.3g", fx),
                        String.format(Locale.ROOT, "%.3g", Math.hypot(path[0][last] - surface.minimum[0],
                                path[1][last] - surface.minimum[1])));
            }
            String base = surface.name.toLowerCase(Locale.ROOT);
            plot.savePng(out.resolve(base + ".png"));
            values.savePng(out.resolve(base + "-values.png"));
            console.println("wrote " + out.resolve(base + ".png") + " and " + out.resolve(base + "-values.png"));
        }
        points.writeCsv(out.resolve("paths.csv"));
        summary.writeCsv(out.resolve("summary.csv"));
        console.println("wrote " + out.resolve("paths.csv") + " and " + out.resolve("summary.csv"));
        console.println();
        summary.print(console);
        return 0;
    }

    /** The path of {@code optimizer} from the surface's start: {@code steps + 1} points, NaN after divergence. */
    private double[][] run(Surface surface, Optimizer optimizer, ComputeBackend backend) {
        Parameter p = new Parameter("xy", Tensor.of(new float[] {(float) surface.start[0], (float) surface.start[1]}, 2));
        double[][] path = new double[2][steps + 1];
        java.util.Arrays.fill(path[0], Double.NaN);
        java.util.Arrays.fill(path[1], Double.NaN);
        path[0][0] = p.value().getFlat(0);
        path[1][0] = p.value().getFlat(1);
        for (int i = 1; i <= steps; i++) {
            double[] g = surface.gradient(p.value().getFlat(0), p.value().getFlat(1));
            if (!Double.isFinite(g[0]) || !Double.isFinite(g[1]) || Math.abs(g[0]) > 1e30 || Math.abs(g[1]) > 1e30) {
                break;
            }
            p.gradient().setFlat(0, (float) g[0]);
            p.gradient().setFlat(1, (float) g[1]);
            optimizer.step(backend, List.of(p));
            float x = p.value().getFlat(0);
            float y = p.value().getFlat(1);
            if (!Float.isFinite(x) || !Float.isFinite(y)) {
                break;
            }
            path[0][i] = x;
            path[1][i] = y;
        }
        return path;
    }

    private static int lastFinite(double[][] path) {
        int last = 0;
        while (last + 1 < path[0].length && !Double.isNaN(path[0][last + 1])) {
            last++;
        }
        return last;
    }

    /** 2.5 rather than 2.500. */
    private static String brief(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
