package org.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.NnException;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.fixtures.TestMse;
import org.nnj.core.fixtures.TestSgd;

class JsonLinesLoggerTest {

    @Test
    void writesAStartLineOneLinePerStepOneExactLinePerEpochAndAnEndLine(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("run.jsonl");
        Files.writeString(log, "an old log that must be replaced\n");
        // 10 examples in batches of 4: 3 steps per epoch.
        TrainingHistory history = Trainer.builder().model(Problems.regression(1)).loss(new TestMse())
                .optimizer(new TestSgd(0.01)).backend(new ScalarBackend()).batchSize(4).epochs(2)
                .listener(new JsonLinesLogger(log)).build().fit(Problems.line(10, 1, 1f));

        List<String> lines = Files.readAllLines(log);
        assertEquals(1 + 2 * (3 + 1) + 1, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).matches("\\{\"type\":\"start\",\"epochs\":2,\"steps_per_epoch\":3,\"samples\":10,"
                + "\"batch_size\":4,\"validation_samples\":0,\"time\":\\d+}"), lines.get(0));
        for (int e = 1; e <= 2; e++) {
            for (int s = 1; s <= 3; s++) {
                String step = lines.get(1 + (e - 1) * 4 + (s - 1));
                assertTrue(step.startsWith("{\"type\":\"step\",\"epoch\":" + e + ",\"step\":" + s + ",\"steps\":3,"
                        + "\"loss\":"), step);
            }
            String epoch = lines.get(e * 4);
            EpochMetrics m = history.epochs().get(e - 1);
            assertEquals(e, (int) field(epoch, "epoch"));
            assertEquals(m.trainingLoss(), field(epoch, "loss"), "full precision");
            assertEquals(m.trainingAccuracy(), field(epoch, "accuracy"));
            assertEquals(m.samplesPerSecond(), field(epoch, "samples_per_second"));
            assertEquals(m.seconds(), field(epoch, "seconds"));
            assertEquals(0.01, field(epoch, "lr"));
            assertTrue(epoch.contains("\"val_loss\":null,\"val_accuracy\":null"), "no validation: " + epoch);
            // The last step's running loss is the epoch's training loss.
            assertEquals(m.trainingLoss(), field(lines.get(e * 4 - 1), "loss"));
        }
        assertTrue(lines.get(9).matches("\\{\"type\":\"end\",\"epochs\":2,\"time\":\\d+}"), lines.get(9));
    }

    @Test
    void stepLinesCarryAccuracyAndRateAndEachValidationWritesItsConfusionMatrix(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("run.jsonl");
        List<StepMetrics> steps = new java.util.ArrayList<>();
        List<ConfusionMatrix> matrices = new java.util.ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onStep(StepMetrics step) {
                steps.add(step);
            }

            @Override
            public void onValidation(int epoch, ConfusionMatrix confusion) {
                matrices.add(confusion);
            }
        };
        // 30 examples in batches of 8: 4 steps per epoch, then a confusion line and an epoch line.
        Trainer.builder().model(Problems.classifier(2)).loss(new org.nnj.core.fixtures.TestSoftmaxCrossEntropy())
                .optimizer(new TestSgd(0.3)).backend(new ScalarBackend()).batchSize(8).epochs(2)
                .validation(Problems.twoClasses(11, 4)).listener(recorder).listener(new JsonLinesLogger(log))
                .build().fit(Problems.twoClasses(30, 1));

        List<String> lines = Files.readAllLines(log);
        assertEquals(1 + 2 * (4 + 2) + 1, lines.size(), String.join("\n", lines));
        for (int e = 1; e <= 2; e++) {
            for (int s = 1; s <= 4; s++) {
                String line = lines.get(1 + (e - 1) * 6 + (s - 1));
                StepMetrics m = steps.get((e - 1) * 4 + s - 1);
                assertEquals(m.loss(), field(line, "loss"), line);
                assertEquals(m.accuracy(), field(line, "accuracy"), line);
                assertEquals(m.batchLoss(), field(line, "batch_loss"), line);
                assertEquals(m.batchAccuracy(), field(line, "batch_accuracy"), line);
                assertEquals(0.3, field(line, "lr"), line);
            }
            String confusion = lines.get(e * 6 - 1);
            long[][] counts = matrices.get(e - 1).counts();
            assertTrue(confusion.matches("\\{\"type\":\"confusion\",\"epoch\":" + e + ",\"counts\":\\[\\["
                    + counts[0][0] + "," + counts[0][1] + "],\\[" + counts[1][0] + "," + counts[1][1]
                    + "]],\"time\":\\d+}"), confusion);
            assertEquals(11, counts[0][0] + counts[0][1] + counts[1][0] + counts[1][1]);
            assertEquals((counts[0][0] + counts[1][1]) / 11.0, field(lines.get(e * 6), "val_accuracy"));
        }
    }

    @Test
    void inTheBackgroundItWritesTheSameLinesAndAReaderSeesThemBeforeTrainingEnds(@TempDir Path dir) throws Exception {
        Path direct = dir.resolve("direct.jsonl");
        Path queued = dir.resolve("queued.jsonl");
        List<String> seenDuringTraining = new java.util.ArrayList<>();
        TrainingListener reader = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics metrics) {
                // Called after the logger's onEpochEnd: the writer thread gets the epoch line out on its own.
                long deadline = System.nanoTime() + 5_000_000_000L;
                try {
                    while (System.nanoTime() < deadline && !Files.readString(queued).contains("\"type\":\"epoch\","
                            + "\"epoch\":" + metrics.epoch() + ",")) {
                        Thread.sleep(5);
                    }
                    seenDuringTraining.add(Files.readString(queued));
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        };
        for (Path log : List.of(direct, queued)) {
            Trainer.Builder trainer = Trainer.builder().model(Problems.classifier(2))
                    .loss(new org.nnj.core.fixtures.TestSoftmaxCrossEntropy()).optimizer(new TestSgd(0.3))
                    .backend(new ScalarBackend()).batchSize(8).epochs(2).seed(3).validation(Problems.twoClasses(11, 4))
                    .listener(log == direct ? new JsonLinesLogger(log) : JsonLinesLogger.inBackground(log));
            if (log == queued) {
                trainer.listener(reader);
            }
            trainer.build().fit(Problems.twoClasses(30, 1));
        }
        assertEquals(2, seenDuringTraining.size());
        assertTrue(seenDuringTraining.get(0).contains("\"type\":\"epoch\",\"epoch\":1,"), seenDuringTraining.get(0));
        // The same lines, but for the clock.
        String clock = "\"(time|seconds|samples_per_second)\":[0-9.E-]+";
        List<String> expected = Files.readAllLines(direct).stream().map(l -> l.replaceAll(clock, "T")).toList();
        assertEquals(expected, Files.readAllLines(queued).stream().map(l -> l.replaceAll(clock, "T")).toList());
        assertEquals(1 + 2 * 6 + 1, expected.size());
    }

    @Test
    void othersAddLinesOfNumbersBetweenStartAndEnd(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("run.jsonl");
        JsonLinesLogger logger = new JsonLinesLogger(log);
        assertThrows(NnException.class, () -> logger.writeValues("grad_norms", 1, 1, new double[] {1}));
        logger.onTrainingStart(new TrainingPlan(1, 1, 1, 1, 0));
        logger.writeValues("grad_norms", 2, 7, new double[] {0.5, Double.NaN, 1e-9});
        assertThrows(IllegalArgumentException.class, () -> logger.writeValues("epoch", 1, 1, new double[0]));
        assertThrows(IllegalArgumentException.class, () -> logger.writeValues("a\"b", 1, 1, new double[0]));
        assertTrue(Files.readAllLines(log).get(1).matches(
                "\\{\"type\":\"grad_norms\",\"epoch\":2,\"step\":7,\"values\":\\[0.5,null,1.0E-9],\"time\":\\d+}"),
                Files.readAllLines(log).get(1));
    }

    @Test
    void nonFiniteNumbersAreNull() {
        assertEquals("null", JsonLinesLogger.number(Double.NaN));
        assertEquals("null", JsonLinesLogger.number(Double.POSITIVE_INFINITY));
        assertEquals("1.0E-4", JsonLinesLogger.number(1e-4));
    }

    @Test
    void anUnwritableLogIsAnErrorNamingTheFile(@TempDir Path dir) {
        Path log = dir.resolve("missing-directory").resolve("run.jsonl");
        NnException e = assertThrows(NnException.class,
                () -> new JsonLinesLogger(log).onTrainingStart(new TrainingPlan(1, 1, 1, 1, 0)));
        assertTrue(e.getMessage().startsWith("cannot write the metrics log " + log.toAbsolutePath()), e.getMessage());
    }

    private static double field(String line, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":([^,}]+)").matcher(line);
        assertTrue(m.find(), name + " in " + line);
        return Double.parseDouble(m.group(1));
    }
}
