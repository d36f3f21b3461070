package org.nnj.examples.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.nnj.core.train.ConfusionMatrix;

/**
 * What {@code ./nn train --report FILE} writes: one JSON object, with snake_case keys, describing the
 * run and its results (the test set's confusion matrix among them), so that runs can be compared by
 * scripts. {@code startup_seconds} is the time from the process's start to the end of the first training step
 * ({@link StartupClock}; null when this run did no step, e.g. a resumed run that was already complete), and
 * {@code startup_cpu_seconds} the CPU time the process used until then.
 */
public record TrainingReport(
        String model,
        long parameters,
        String data,
        String backend,
        int threads,
        String optimizer,
        double learningRate,
        double weightDecay,
        String schedule,
        int batchSize,
        long seed,
        int epochs,
        int trainImages,
        int validationImages,
        int testImages,
        double seconds,
        double imagesPerSecond,
        Double startupSeconds,
        Double startupCpuSeconds,
        double finalLoss,
        Double validationAccuracy,
        double testLoss,
        double testAccuracy,
        String java,
        List<Epoch> history,
        Confusion confusionMatrix) {

    /**
     * The test set's confusion matrix: {@code counts[t][p]} test images of class {@code classes[t]} were
     * predicted as {@code classes[p]} (rows true, columns predicted); {@code recall[t]} is the diagonal over
     * the row (null for a class without test images).
     */
    public record Confusion(List<String> classes, long[][] counts, List<Double> recall) {

        /** The report's form of {@code matrix}, whose classes are named by {@code names}. */
        public static Confusion of(ConfusionMatrix matrix, List<String> names) {
            List<Double> recall = new ArrayList<>();
            for (int c = 0; c < matrix.classes(); c++) {
                recall.add(measured(matrix.recall(c)));
            }
            return new Confusion(List.copyOf(names), matrix.counts(), recall);
        }
    }

    /**
     * Where the picture of the confusion matrix goes: beside {@code report}, its name without extension
     * followed by {@code -confusion.png} ({@code run.json} gives {@code run-confusion.png}).
     */
    public static Path confusionImage(Path report) {
        String name = report.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return report.resolveSibling(stem + "-confusion.png");
    }

    /** One epoch's metrics. */
    public record Epoch(int epoch, double loss, double accuracy, Double validationLoss, Double validationAccuracy,
                        double seconds, double imagesPerSecond) {
    }

    /** JSON has no NaN: a value that was not measured (no validation set) is written as null. */
    static Double measured(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /**
     * The JSON writer, made when the first report is written: Jackson takes 0.1 s to set up on a cold JVM,
     * and {@code train} names the report's files before its first step, inside the start-up it reports.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Writes the report atomically: to a temporary file beside {@code file}, then renamed over it. */
    public void write(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            Json.MAPPER.writeValue(tmp.toFile(), this);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
