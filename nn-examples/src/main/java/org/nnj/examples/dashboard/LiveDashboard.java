package org.nnj.examples.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.core.model.Sequential;
import org.nnj.core.train.ConfusionMatrix;
import org.nnj.core.train.EpochMetrics;
import org.nnj.core.train.JsonLinesLogger;
import org.nnj.core.train.StepMetrics;
import org.nnj.core.train.TrainingHistory;
import org.nnj.core.train.TrainingListener;
import org.nnj.core.train.TrainingPlan;
import org.nnj.core.train.TrainingSnapshot;

/**
 * A live dashboard for one run, as a {@link TrainingListener} that any {@link org.nnj.core.train.Trainer} can
 * take: it writes the run's metrics to {@code RUNS/NAME.jsonl} ({@link JsonLinesLogger}: per step, per
 * validation, per epoch) and serves the dashboard of the runs directory ({@link DashboardServer}), whose event
 * streams carry the new lines to the page. On the training thread it only queues values for the metrics file's
 * writer thread ({@link JsonLinesLogger#inBackground}: never formatting, waiting or waking it), which also sums
 * the gradient norms and draws a CNN's pictures from copies the training thread made; the server reads the files
 * on its own threads. (Waking a thread from the training thread costs it its processor on a busy machine.) So
 * neither the disk, nor a browser, nor the server can hold training up. Close it to stop serving; the files
 * stay, for {@code ./nn dashboard RUNS}. {@link #record} writes the same files without serving them.
 */
public final class LiveDashboard implements TrainingListener, AutoCloseable {
    /** At most this many gradient-norm lines per epoch (fewer when the writer thread is still summing one). */
    static final int GRADIENT_SAMPLES = 20;

    private final RunsDirectory runs;
    private final JsonLinesLogger metrics;
    private final DashboardServer server; // null when only recording
    private final String run;
    private LayerGradients gradients;
    private FeatureMaps featureMaps;
    private volatile int stepsPerEpoch;
    private final HeldTime held = new HeldTime(); // how long this epoch's calls held the training thread

    private LiveDashboard(RunsDirectory runs, String run, DashboardServer server) {
        this.runs = runs;
        this.metrics = JsonLinesLogger.inBackground(runs.fileFor(run));
        this.server = server;
        this.run = run;
    }

    /**
     * Serves the dashboard of {@code runs} on {@code host}:{@code port} (0: any free port) for the run {@code run},
     * whose metrics go to {@code runs/run.jsonl}; creates the directory when it is missing.
     */
    public static LiveDashboard start(RunsDirectory runs, String run, String host, int port) {
        createDirectory(runs, run);
        return new LiveDashboard(runs, run, DashboardServer.start(runs, host, port));
    }

    /**
     * Records the run {@code run} into {@code runs} as {@link #start} does, without serving it (for
     * {@code ./nn dashboard RUNS} later, or a dashboard another process serves).
     */
    public static LiveDashboard record(RunsDirectory runs, String run) {
        createDirectory(runs, run);
        return new LiveDashboard(runs, run, null);
    }

    private static void createDirectory(RunsDirectory runs, String run) {
        if (!RunsDirectory.validName(run)) {
            throw new IllegalArgumentException("run name " + run + ": use letters, digits, '.', '-' and '_'");
        }
        try {
            Files.createDirectories(runs.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the runs directory " + runs.path() + ": " + e, e);
        }
    }

    /**
     * Also records the gradient norm of each of {@code model}'s layers (those with a weight), about 20 times an
     * epoch, for the dashboard's vanishing-gradient chart: the training thread copies the gradients, the metrics
     * writer thread sums their squares (a sample is skipped while the last one is not summed yet).
     * {@code model} must be the model being trained.
     */
    public LiveDashboard watching(Sequential model) {
        gradients = new LayerGradients(model);
        return this;
    }

    /**
     * Also draws, after each epoch, the first layer's filters and its activation maps for {@code image} (one
     * example of {@code model}'s input shape, captioned {@code caption}), when {@code model}'s first layer is a
     * convolution; for any other model it changes nothing. {@code model} must be the model being trained, and
     * {@code backend} the one it trains on.
     */
    public LiveDashboard showingFeatureMaps(Sequential model, ComputeBackend backend, float[] image, String caption) {
        featureMaps = FeatureMaps.of(model, backend, image, caption);
        return this;
    }

    /** The page's address, showing this run. */
    public URI uri() {
        return server().uri().resolve("?run=" + run);
    }

    /** The server, for its port. */
    public DashboardServer server() {
        if (server == null) {
            throw new IllegalStateException("run " + run + " is recorded, not served");
        }
        return server;
    }

    @Override
    public void onTrainingStart(TrainingPlan plan) {
        stepsPerEpoch = plan.stepsPerEpoch();
        metrics.onTrainingStart(plan);
    }

    @Override
    public void onStep(StepMetrics step) {
        held.start();
        metrics.onStep(step);
        int s = step.step();
        if (gradients != null && isGradientSample(s, step.stepsPerEpoch()) && gradients.copy()) {
            metrics.writeValues("grad_norms", step.epoch(), s, gradients::norms); // summed on the writer thread
        }
        held.stop();
    }

    /**
     * True for the step (from 1) that ends each of the {@link #GRADIENT_SAMPLES} equal parts of an epoch, the last
     * step included; every step of a shorter epoch. (Every {@code steps / 20}-th step, as before, gave up to twice
     * as many: 39 in an epoch of 39 steps, 22 in one of 85.)
     */
    static boolean isGradientSample(int step, int stepsPerEpoch) {
        return stepsPerEpoch <= GRADIENT_SAMPLES
                || (long) step * GRADIENT_SAMPLES / stepsPerEpoch != (long) (step - 1) * GRADIENT_SAMPLES / stepsPerEpoch;
    }

    @Override
    public void onValidation(int epoch, ConfusionMatrix confusion) {
        held.start();
        metrics.onValidation(epoch, confusion);
        held.stop();
    }

    /**
     * Besides the learning rate: for a CNN, copies the filters and the maps on the training thread; the metrics
     * file's writer thread draws them and adds {@code {"type":"images",..,"values":[copy ms, drawing ms]}}.
     */
    @Override
    public void onCheckpoint(TrainingSnapshot snapshot) {
        held.start();
        metrics.onCheckpoint(snapshot);
        if (featureMaps != null) {
            long start = System.nanoTime();
            FeatureMaps.Pictures pictures = featureMaps.capture(snapshot.progress().epoch());
            double copyMillis = (System.nanoTime() - start) / 1e6;
            metrics.writeValues("images", snapshot.progress().epoch(), stepsPerEpoch, () -> {
                long drawn = System.nanoTime();
                try {
                    pictures.write(runs, run);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the dashboard's pictures of run " + run + " in "
                            + runs.path() + ": " + e, e);
                }
                return new double[] {copyMillis, (System.nanoTime() - drawn) / 1e6};
            });
        }
        held.stop();
    }

    /**
     * Writes the epoch's line, then {@code {"type":"dashboard_ms",..,"values":[wall ms, processor ms]}}: how long
     * the dashboard held the training thread during the epoch (all its calls, this one's epoch line included;
     * {@link HeldTime}), which {@code tools/ui-overhead.sh} sets against the epoch's time.
     */
    @Override
    public void onEpochEnd(EpochMetrics m) {
        held.start();
        metrics.onEpochEnd(m);
        held.stop();
        metrics.writeValues("dashboard_ms", m.epoch(), stepsPerEpoch, held.take());
    }

    @Override
    public void onTrainingEnd(TrainingHistory history) {
        metrics.onTrainingEnd(history);
    }

    /** Stops serving; the run's files stay. */
    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
