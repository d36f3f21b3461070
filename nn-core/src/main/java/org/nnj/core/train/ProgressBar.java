package org.nnj.core.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Shows training progress on a {@link PrintStream}, in one of two modes.
 * <ul>
 *   <li><b>Terminal</b>: one line per epoch, redrawn in place with {@code '\r'} at most ten times a
 *       second: {@code Epoch 2/10 [=====>      ] 120/469 loss 0.3127  5230 samples/s  ETA 0:07}, then
 *       replaced by the epoch's summary.</li>
 *   <li><b>Log</b> (output redirected to a file, a CI log): a line when training starts and one summary
 *       line per epoch, with no {@code '\r'} or partial lines.</li>
 * </ul>
 * {@link #ProgressBar(PrintStream)} picks the terminal mode when the JVM has a console
 * ({@link System#console()}); {@link #ProgressBar(PrintStream, boolean)} forces one.
 */
public final class ProgressBar implements TrainingListener {
    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private TrainingPlan plan;
    private long epochStart;
    private long lastDraw;
    private int drawnLength;

    /** Progress on {@code out}, redrawn in place if the JVM runs on a terminal. */
    public ProgressBar(PrintStream out) {
        this(out, System.console() != null);
    }

    /** Progress on {@code out}; {@code terminal} chooses the redrawn line (true) or plain log lines. */
    public ProgressBar(PrintStream out, boolean terminal) {
        this(out, terminal, System::nanoTime);
    }

    ProgressBar(PrintStream out, boolean terminal, LongSupplier clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
        this.clock = clock;
    }

    @Override
    public void onTrainingStart(TrainingPlan plan) {
        this.plan = plan;
        out.println("Training " + plan.epochs() + " epoch" + (plan.epochs() == 1 ? "" : "s") + " of "
                + plan.stepsPerEpoch() + " steps (" + plan.samples() + " samples, batches of " + plan.batchSize()
                + (plan.validationSamples() > 0 ? "; validating on " + plan.validationSamples() + " samples)" : ")"));
        out.flush();
    }

    @Override
    public void onEpochStart(int epoch) {
        epochStart = clock.getAsLong();
        lastDraw = Long.MIN_VALUE;
        drawnLength = 0;
    }

    @Override
    public void onBatchEnd(int epoch, int step, int stepsPerEpoch, double runningLoss) {
        if (!terminal) {
            return;
        }
        long now = clock.getAsLong();
        if (step < stepsPerEpoch && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double seconds = (now - epochStart) / 1e9;
        long done = Math.min((long) step * plan.batchSize(), plan.samples());
        String rate = seconds > 0 ? String.format(Locale.ROOT, "%.0f", done / seconds) : "-";
        String eta = formatSeconds(seconds / step * (stepsPerEpoch - step));
        redraw(String.format(Locale.ROOT, "Epoch %d/%d %s %d/%d loss %.4f  %s samples/s  ETA %s",
                epoch, plan.epochs(), bar(step, stepsPerEpoch), step, stepsPerEpoch, runningLoss, rate, eta));
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        String line = summary(m);
        if (terminal) {
            redraw(line);
            out.print('\n');
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void onTrainingEnd(TrainingHistory history) {
        if (history.stoppedEarly()) {
            out.println("Stopped early after epoch " + history.last().epoch() + ": the monitored loss stopped"
                    + " improving");
        }
        history.restoredEpoch().ifPresent(e -> out.println("Restored the weights of epoch " + e));
        out.flush();
    }

    /** For example {@code Epoch 2/10  3.1 s  5230 samples/s  loss 0.3127  accuracy 0.9120  val_loss ...}. */
    private String summary(EpochMetrics m) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "Epoch %d/%d  %.1f s  %.0f samples/s  loss %.4f  accuracy %.4f",
                m.epoch(), plan.epochs(), m.seconds(), m.samplesPerSecond(), m.trainingLoss(), m.trainingAccuracy()));
        if (m.hasValidation()) {
            s.append(String.format(Locale.ROOT, "  val_loss %.4f  val_accuracy %.4f",
                    m.validationLoss(), m.validationAccuracy()));
        }
        return s.toString();
    }

    /** Overwrites the current line, padding with spaces when the new text is shorter than the old. */
    private void redraw(String line) {
        int pad = Math.max(0, drawnLength - line.length());
        out.print('\r' + line + " ".repeat(pad));
        out.flush();
        drawnLength = line.length();
    }

    private static String bar(int step, int steps) {
        int filled = (int) ((long) step * BAR_WIDTH / steps);
        StringBuilder b = new StringBuilder(BAR_WIDTH + 2).append('[');
        b.append("=".repeat(filled));
        if (filled < BAR_WIDTH) {
            b.append('>').append(" ".repeat(BAR_WIDTH - filled - 1));
        }
        return b.append(']').toString();
    }

    /** {@code 0:07}, {@code 12:30} or {@code 1:02:03}. */
    static String formatSeconds(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        long h = s / 3600;
        long m = s / 60 % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", m, s % 60);
    }
}
