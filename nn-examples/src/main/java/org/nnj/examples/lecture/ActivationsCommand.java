package org.nnj.examples.lecture;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.style.Styler;
import org.nnj.api.NnException;
import org.nnj.api.activation.Activation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ActivationProvider;
import org.nnj.core.registry.Registries;
import org.nnj.examples.BackendOptions;
import org.nnj.examples.Checks;
import org.nnj.examples.PluginOptions;
import org.nnj.examples.plot.Charts;
import org.nnj.examples.plot.LineChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Every registered activation, built-in or a plugin's, with its derivative: one picture, computed by each
 * activation's own forward and backward pass ({@link ActivationCurve}).
 */
@Command(name = "activations",
        mixinStandardHelpOptions = true,
        description = {
            "Plot every registered activation and its derivative.",
            "",
            "Builds each activation found (NNJ's and the plugins' given with --plugin)",
            "with its default settings, runs its own forward and backward pass over",
            "x in [-5, 5], and writes activations.png: one cell per activation with the",
            "function and its derivative, its settings in the title. An activation that",
            "mixes the elements of a row (softmax) is shown for the first component of",
            "the row [x, 0], as its title says."
        })
public final class ActivationsCommand implements Callable<Integer> {
    /** The interval drawn. */
    static final double FROM = -5;
    static final double TO = 5;

    @Option(names = "--points", paramLabel = "N",
            description = "Values of x per curve (default: ${DEFAULT-VALUE}).")
    int points = 401;

    @Option(names = "--columns", paramLabel = "N", description = "Cells per row of the grid (default: ${DEFAULT-VALUE}).")
    int columns = 4;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the file (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("reports", "activations");

    @Mixin
    BackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Checks.of(spec).atLeast("--points", points, 2).positive("--columns", columns).outputDirectory("--out", out);
        backendOptions.check();
        Registries registries = PluginOptions.registries(spec);
        ComputeBackend backend = backendOptions.create(registries);
        PrintWriter console = spec.commandLine().getOut();
        List<BufferedImage> cells = new ArrayList<>();
        for (String name : registries.activations().names()) {
            ActivationProvider provider = registries.activations().get(name);
            Activation activation;
            try {
                activation = provider.create(Config.empty());
            } catch (NnException e) {
                console.printf("%-14s skipped: it has no default settings (%s)%n", name, e.getMessage());
                continue;
            }
            ActivationCurve curve = ActivationCurve.of(activation, backend, FROM, TO, points);
            String title = title(name, activation.config(), curve.mixes());
            console.println(title);
            cells.add(cell(title, curve));
        }
        Files.createDirectories(out);
        Path file = out.resolve("activations.png");
        Charts.saveGrid(String.format(Locale.ROOT, "The %d activations registered and their derivatives, from"
                + " their own forward and backward passes", cells.size()), cells, columns, file);
        console.printf("%ncomputed on the backend %s; wrote %s%n", backend.description(), file);
        return 0;
    }

    /** The name, the settings as {@code key=value}, and the note for a function of the whole row. */
    static String title(String name, Config config, boolean mixes) {
        StringBuilder title = new StringBuilder(name);
        for (Map.Entry<String, Object> e : config.asMap().entrySet()) {
            title.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
        if (mixes) {
            title.append(" (first component of [x, 0])");
        }
        return title.toString();
    }

    private static BufferedImage cell(String title, ActivationCurve curve) {
        LineChart chart = new LineChart(title, "x", "", false, 560, 400);
        chart.addLine("f(x)", curve.x(), curve.value(), Charts.color(0));
        chart.addLine(curve.mixes() ? "\u2202f\u2080/\u2202x\u2080" : "f'(x)", curve.x(), curve.derivative(),
                Charts.color(3));
        chart.chart().getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.chart().getStyler().setChartTitleFont(chart.chart().getStyler().getChartTitleFont().deriveFont(14f));
        return chart.render();
    }
}
