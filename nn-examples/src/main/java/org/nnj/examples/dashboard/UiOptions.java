package org.nnj.examples.dashboard;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.core.data.FashionMnist;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.model.Sequential;
import org.nnj.core.train.TrainingListener;
import org.nnj.examples.Checks;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./nn train}'s options for following a run: {@code --runs DIR} writes its metrics to
 * {@code DIR/NAME.jsonl} as it goes; {@code --ui [PORT]} does that too (in {@code runs/} by default) and serves
 * the live dashboard while the run trains.
 */
public final class UiOptions {
    /** The dashboard's port when {@code --ui} gives none. */
    public static final int DEFAULT_PORT = 8686;
    /** Where runs go when {@code --ui} is given without {@code --runs}. */
    public static final String DEFAULT_RUNS = "runs";

    @Option(names = "--ui", paramLabel = "PORT", arity = "0..1", fallbackValue = "" + DEFAULT_PORT,
            description = "Serve the live training dashboard on http://127.0.0.1:PORT/ while training (PORT default "
                    + DEFAULT_PORT + ", 0 for any free port); the metrics go to --runs (default " + DEFAULT_RUNS + ").")
    Integer port;

    @Option(names = "--ui-host", paramLabel = "HOST",
            description = "The address the dashboard listens on (default: ${DEFAULT-VALUE}, this machine only).")
    String host = "127.0.0.1";

    @Option(names = "--runs", paramLabel = "DIR",
            description = "Write the run's metrics as it goes to DIR/NAME.jsonl (JSON Lines), for ./nn dashboard DIR.")
    Path runs;

    @Option(names = "--run-name", paramLabel = "NAME",
            description = "The run's name in --runs: letters, digits, '.', '-', '_' (default: the model, the optimizer"
                    + " and the time).")
    String runName;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Checks the options before the command starts any work. */
    public void check() {
        Checks checks = Checks.of(command);
        checks.between("--ui", port, 0, 65_535);
        if (runName != null && !RunsDirectory.validName(runName)) {
            throw checks.fail("--run-name", runName + " is not a run name: use letters, digits, '.', '-' and '_'"
                    + " (not first), at most 100");
        }
        if ((runName != null || !host.equals("127.0.0.1")) && port == null && runs == null) {
            throw checks.fail(runName != null ? "--run-name" : "--ui-host", "needs --ui or --runs");
        }
        checks.outputDirectory("--runs", runsDirectory());
    }

    /** True when the run's metrics are written (with or without the dashboard). */
    public boolean enabled() {
        return port != null || runs != null;
    }

    /**
     * The listener that records the run, and serves the dashboard with {@code --ui}; null when neither option was
     * given. For a CNN it also draws the first layer's filters and its maps of the first {@code test} image after
     * each epoch. The caller closes the returned {@link AutoCloseable} (the server) after training.
     */
    public Recording start(String model, String optimizer, Sequential net, ComputeBackend backend, InMemoryDataset test,
                           PrintWriter out) {
        if (!enabled()) {
            return null;
        }
        RunsDirectory dir = new RunsDirectory(runsDirectory());
        String name = runName != null ? runName : model + "-" + optimizer + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        LiveDashboard live;
        try {
            live = port == null ? LiveDashboard.record(dir, name) : LiveDashboard.start(dir, name, host, port);
        } catch (UncheckedIOException e) {
            throw Checks.of(command).fail(port == null ? "--runs" : "--ui", e.getMessage());
        }
        live.watching(net);
        if (test.size() > 0) {
            float[] image = new float[test.featureShape().size()];
            test.copyFeatures(0, image, 0);
            int label = test.label(0);
            boolean named = label >= 0 && label < FashionMnist.CLASS_NAMES.size();
            live.showingFeatureMaps(net, backend, image,
                    "test image #0" + (named ? ": " + FashionMnist.CLASS_NAMES.get(label) : ""));
        }
        out.println(port == null ? "metrics: " + dir.fileFor(name)
                : "dashboard: " + live.uri() + " (metrics: " + dir.fileFor(name) + ")");
        return new Recording(live, live::close);
    }

    private Path runsDirectory() {
        return runs != null ? runs : port != null ? Path.of(DEFAULT_RUNS) : null;
    }

    /** What records a run: the listener to attach, and what to close after training. */
    public record Recording(TrainingListener listener, Runnable closer) implements AutoCloseable {
        @Override
        public void close() {
            closer.run();
        }
    }
}
