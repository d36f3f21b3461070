package org.nnj.core.train;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.nnj.api.NnException;

/**
 * Writes one CSV line per epoch to a file: a header when training starts (replacing an old file), then
 * {@code epoch,loss,accuracy,val_loss,val_accuracy,samples_per_second,seconds} rows, with empty cells for
 * values that do not exist (no validation). Each row is appended and the file closed again right away,
 * so the log is complete up to the last epoch even if the run is killed.
 */
public final class CsvLogger implements TrainingListener {
    static final String HEADER = "epoch,loss,accuracy,val_loss,val_accuracy,samples_per_second,seconds";

    private final Path path;

    public CsvLogger(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    @Override
    public void onTrainingStart(TrainingPlan plan) {
        write(HEADER, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        String row = m.epoch() + "," + cell(m.trainingLoss()) + "," + cell(m.trainingAccuracy()) + ","
                + cell(m.validationLoss()) + "," + cell(m.validationAccuracy()) + ","
                + cell(m.samplesPerSecond()) + "," + cell(m.seconds());
        write(row, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** Full precision, locale-independent; NaN (a value that does not exist) is an empty cell. */
    private static String cell(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }

    private void write(String line, StandardOpenOption... options) {
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, options)) {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new NnException("cannot write the training log " + path.toAbsolutePath() + ": " + e, e);
        }
    }
}
