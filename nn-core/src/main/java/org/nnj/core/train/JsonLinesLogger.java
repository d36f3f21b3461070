package org.nnj.core.train;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.nnj.api.NnException;

/**
 * Writes a run's metrics as it goes, one JSON object per line (JSON Lines), so that another process (a
 * dashboard, a notebook, {@code jq}) can follow the run live and read it again after the run has ended.
 * The file is replaced when training starts; every line is flushed at once (for a logger
 * {@link #inBackground in the background}, within 50 ms by its own thread), so the file is complete up to the
 * last step even if the run is killed, and a reader sees only whole lines once it has seen their newline. The
 * lines, told apart by {@code "type"}:
 * <pre>
 * {"type":"start","epochs":10,"steps_per_epoch":141,"samples":9000,"batch_size":64,"validation_samples":1000,"time":...}
 * {"type":"step","epoch":1,"step":1,"steps":141,"loss":2.31,"accuracy":0.09,"batch_loss":2.31,
 *  "batch_accuracy":0.09,"lr":0.001,"time":...}                                     (each mini-batch)
 * {"type":"confusion","epoch":1,"counts":[[95,0,..],..],"time":...}                 (each validation)
 * {"type":"epoch","epoch":1,"loss":..,"accuracy":..,"val_loss":..,"val_accuracy":..,
 *  "samples_per_second":..,"seconds":..,"lr":..,"time":...}                          (each epoch)
 * {"type":"end","epochs":10,"time":...}
 * </pre>
 * {@code loss} and {@code accuracy} of a step are the running means of its epoch so far, {@code batch_loss} and
 * {@code batch_accuracy} the mini-batch's own, {@code lr} the rate of its update ({@link StepMetrics});
 * {@code counts[truth][predicted]} of a confusion line counts the validation examples
 * ({@link TrainingListener#onValidation}); {@code lr} of an epoch is the optimizer's learning rate after the
 * epoch; {@code time} is milliseconds since the epoch of the clock (1970). Values that do not exist (no
 * validation) and non-finite values are {@code null}. Numbers are written in full precision.
 */
public final class JsonLinesLogger implements TrainingListener {
    /** How long the end of training waits for a background logger's queued lines to be written. */
    private static final long CLOSE_SECONDS = 10;

    private final Path path;
    private final boolean background;
    private Writer out;
    private volatile LineWriterThread writer; // the background logger's, between start and end
    private double learningRate = Double.NaN;

    /** Writes the lines on the training thread, each flushed before the call returns. */
    public JsonLinesLogger(Path path) {
        this(path, false);
    }

    private JsonLinesLogger(Path path, boolean background) {
        this.path = Objects.requireNonNull(path, "path");
        this.background = background;
    }

    /**
     * A logger whose calls only queue their lines (lock-free, never waiting, not even waking a thread) for a
     * thread of its own, which writes them in order and flushes every 50 ms: the training thread never waits for
     * the disk. {@link #onTrainingEnd} waits (up to 10 s) until the queued lines are written. Its
     * {@link #writeValues} may be called from any thread. Should the queue ever fill up (a stalled disk), lines
     * are dropped and a {@code {"type":"dropped","lines":N}} line says how many.
     */
    public static JsonLinesLogger inBackground(Path path) {
        return new JsonLinesLogger(path, true);
    }

    /** The file this logger writes. */
    public Path path() {
        return path;
    }

    @Override
    public void onTrainingStart(TrainingPlan plan) {
        close();
        try {
            Writer file = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            if (background) {
                writer = new LineWriterThread(file, "nn-metrics-" + path.getFileName());
            } else {
                out = file;
            }
        } catch (IOException e) {
            throw failure(e);
        }
        long time = System.currentTimeMillis();
        write(() -> "{\"type\":\"start\",\"epochs\":" + plan.epochs() + ",\"steps_per_epoch\":"
                + plan.stepsPerEpoch() + ",\"samples\":" + plan.samples() + ",\"batch_size\":" + plan.batchSize()
                + ",\"validation_samples\":" + plan.validationSamples() + time(time) + "}");
    }

    @Override
    public void onStep(StepMetrics m) {
        long time = System.currentTimeMillis();
        write(() -> "{\"type\":\"step\",\"epoch\":" + m.epoch() + ",\"step\":" + m.step() + ",\"steps\":"
                + m.stepsPerEpoch() + ",\"loss\":" + number(m.loss()) + ",\"accuracy\":" + number(m.accuracy())
                + ",\"batch_loss\":" + number(m.batchLoss()) + ",\"batch_accuracy\":" + number(m.batchAccuracy())
                + ",\"lr\":" + number(m.learningRate()) + time(time) + "}");
    }

    @Override
    public void onValidation(int epoch, ConfusionMatrix confusion) {
        long time = System.currentTimeMillis();
        long[][] counts = confusion.counts(); // a copy, taken now
        write(() -> {
            StringBuilder line = new StringBuilder("{\"type\":\"confusion\",\"epoch\":").append(epoch)
                    .append(",\"counts\":[");
            for (int t = 0; t < counts.length; t++) {
                line.append(t == 0 ? "[" : ",[");
                for (int p = 0; p < counts[t].length; p++) {
                    line.append(p == 0 ? "" : ",").append(counts[t][p]);
                }
                line.append(']');
            }
            return line.append(']').append(time(time)).append('}').toString();
        });
    }

    @Override
    public void onCheckpoint(TrainingSnapshot snapshot) {
        learningRate = snapshot.optimizer().learningRate();
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        long time = System.currentTimeMillis();
        double lr = learningRate;
        write(() -> "{\"type\":\"epoch\",\"epoch\":" + m.epoch() + ",\"loss\":" + number(m.trainingLoss())
                + ",\"accuracy\":" + number(m.trainingAccuracy()) + ",\"val_loss\":" + number(m.validationLoss())
                + ",\"val_accuracy\":" + number(m.validationAccuracy())
                + ",\"samples_per_second\":" + number(m.samplesPerSecond()) + ",\"seconds\":" + number(m.seconds())
                + ",\"lr\":" + number(lr) + time(time) + "}");
    }

    @Override
    public void onTrainingEnd(TrainingHistory history) {
        long time = System.currentTimeMillis();
        int epochs = history.epochs().size();
        write(() -> "{\"type\":\"end\",\"epochs\":" + epochs + time(time) + "}");
        close();
    }

    /**
     * Adds a line of numbers measured at a step by someone else (a listener that watches the model, say the
     * gradient norm of each layer): {@code {"type":TYPE,"epoch":..,"step":..,"values":[..],"time":..}}. Call it
     * between {@code onTrainingStart} and {@code onTrainingEnd}; on the training thread, or, for a logger
     * {@link #inBackground in the background}, on any thread.
     *
     * @param type a name for the kind of line, of letters, digits and underscores (not start, step, epoch, end)
     */
    public void writeValues(String type, int epoch, int step, double[] values) {
        double[] copy = values.clone();
        writeValues(type, epoch, step, () -> copy);
    }

    /**
     * As {@link #writeValues(String, int, int, double[])}, with numbers that {@code values} computes when the line
     * is written: at once, or, for a logger {@link #inBackground in the background}, on its writer thread, within
     * 50 ms, so that the caller's thread does not spend the time (nor wake another thread). {@code values} must not
     * depend on what changes meanwhile (copy what it reads first); should it throw, the next call of this logger
     * ends the run with that error.
     */
    public void writeValues(String type, int epoch, int step, Supplier<double[]> values) {
        if (!type.matches("[A-Za-z0-9_]+") || List.of("start", "step", "epoch", "end").contains(type)) {
            throw new IllegalArgumentException("line type " + type + ": use letters, digits and '_', and not one of"
                    + " start, step, epoch, end");
        }
        long time = System.currentTimeMillis();
        write(() -> {
            double[] numbers = values.get();
            StringBuilder line = new StringBuilder("{\"type\":\"").append(type).append("\",\"epoch\":")
                    .append(epoch).append(",\"step\":").append(step).append(",\"values\":[");
            for (int i = 0; i < numbers.length; i++) {
                line.append(i == 0 ? "" : ",").append(number(numbers[i]));
            }
            return line.append(']').append(time(time)).append('}').toString();
        });
    }

    /** A JSON number in full precision (Java's shortest round-trip form, valid JSON), or null when not finite. */
    static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    private static String time(long millis) {
        return ",\"time\":" + millis;
    }

    /**
     * Writes the line {@code line} makes, from values the caller has taken already: made and written now, or, in
     * the background, made and written by the writer thread (so the training thread does not even format it).
     */
    private void write(Supplier<String> line) {
        LineWriterThread thread = writer;
        if (thread != null) {
            try {
                thread.add(line);
            } catch (IOException e) {
                throw failure(e);
            }
            return;
        }
        if (out == null) {
            throw new NnException("the metrics log " + path.toAbsolutePath() + " is written between"
                    + " onTrainingStart and onTrainingEnd; it was called outside them");
        }
        try {
            out.write(line.get());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private void close() {
        LineWriterThread thread = writer;
        if (thread != null) {
            writer = null;
            try {
                thread.close(CLOSE_SECONDS);
            } catch (IOException e) {
                throw failure(e);
            }
        }
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw failure(e);
            } finally {
                out = null;
            }
        }
    }

    private NnException failure(IOException e) {
        return new NnException("cannot write the metrics log " + path.toAbsolutePath() + ": " + e, e);
    }
}
