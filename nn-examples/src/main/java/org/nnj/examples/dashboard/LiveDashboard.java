package org.nnj.examples.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import org.nnj.core.model.Sequential;
import org.nnj.core.train.EpochMetrics;
import org.nnj.core.train.JsonLinesLogger;
import org.nnj.core.train.TrainingHistory;
import org.nnj.core.train.TrainingListener;
import org.nnj.core.train.TrainingPlan;
import org.nnj.core.train.TrainingSnapshot;

/**
 * A live dashboard for one run, as a {@link TrainingListener} that any {@link org.nnj.core.train.Trainer} can
 * take: it writes the run's metrics to {@code RUNS/NAME.jsonl} ({@link JsonLinesLogger}) and serves the
 * dashboard of the runs directory ({@link DashboardServer}), whose event streams carry the new lines to the
 * page. On the training thread it only appends lines to the file; the server reads them on its own threads.
 * Close it to stop serving; the file stays, for {@code ./nn dashboard RUNS}.
 */
public final class LiveDashboard implements TrainingListener, AutoCloseable {
    /** About this many gradient-norm lines per epoch. */
    static final int GRADIENT_SAMPLES = 20;

    private final JsonLinesLogger metrics;
    private final DashboardServer server;
    private final String run;
    private LayerGradients gradients;

    private LiveDashboard(JsonLinesLogger metrics, DashboardServer server, String run) {
        this.metrics = metrics;
        this.server = server;
        this.run = run;
    }

    /**
     * Serves the dashboard of {@code runs} on {@code host}:{@code port} (0: any free port) for the run {@code run},
     * whose metrics go to {@code runs/run.jsonl}; creates the directory when it is missing.
     */
    public static LiveDashboard start(RunsDirectory runs, String run, String host, int port) {
        if (!RunsDirectory.validName(run)) {
            throw new IllegalArgumentException("run name " + run + ": use letters, digits, '.', '-' and '_'");
        }
        try {
            Files.createDirectories(runs.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the runs directory " + runs.path() + ": " + e, e);
        }
        JsonLinesLogger metrics = new JsonLinesLogger(runs.fileFor(run));
        return new LiveDashboard(metrics, DashboardServer.start(runs, host, port), run);
    }

    /**
     * Also records the gradient norm of each of {@code model}'s layers (those with a weight), about 20 times an
     * epoch, for the dashboard's vanishing-gradient chart. {@code model} must be the model being trained.
     */
    public LiveDashboard watching(Sequential model) {
        gradients = new LayerGradients(model);
        return this;
    }

    /** The page's address, showing this run. */
    public URI uri() {
        return server.uri().resolve("?run=" + run);
    }

    /** The server, for its port. */
    public DashboardServer server() {
        return server;
    }

    @Override
    public void onTrainingStart(TrainingPlan plan) {
        metrics.onTrainingStart(plan);
    }

    @Override
    public void onBatchEnd(int epoch, int step, int stepsPerEpoch, double runningLoss) {
        metrics.onBatchEnd(epoch, step, stepsPerEpoch, runningLoss);
        if (gradients != null && (step % Math.max(1, stepsPerEpoch / GRADIENT_SAMPLES) == 0 || step == stepsPerEpoch)) {
            metrics.writeValues("grad_norms", epoch, step, gradients.norms());
        }
    }

    @Override
    public void onCheckpoint(TrainingSnapshot snapshot) {
        metrics.onCheckpoint(snapshot);
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        metrics.onEpochEnd(m);
    }

    @Override
    public void onTrainingEnd(TrainingHistory history) {
        metrics.onTrainingEnd(history);
    }

    @Override
    public void close() {
        server.close();
    }
}
