package org.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.fixtures.TestMse;
import org.nnj.core.fixtures.TestSgd;

class ProgressBarTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void inLogModeEachEpochIsOnePlainLine() {
        Trainer.builder().model(Problems.regression(1)).loss(new TestMse()).optimizer(new TestSgd(0.01))
                .backend(new ScalarBackend()).batchSize(4).epochs(3).validation(Problems.line(5, 2, 1f))
                .listener(new ProgressBar(out, false)).build().fit(Problems.line(10, 1, 1f));

        String text = output();
        assertFalse(text.contains("\r"), text);
        String[] lines = text.split("\n", -1);
        assertEquals(5, lines.length, text);
        assertEquals("Training 3 epochs of 3 steps (10 samples, batches of 4; validating on 5 samples)", lines[0]);
        for (int e = 1; e <= 3; e++) {
            String line = lines[e];
            assertTrue(line.matches("Epoch " + e + "/3  \\d+\\.\\d s  \\d+ samples/s  loss \\d\\.\\d{4}"
                    + "  accuracy \\d\\.\\d{4}  val_loss \\d\\.\\d{4}  val_accuracy \\d\\.\\d{4}"), line);
        }
        assertEquals("", lines[4]);
    }

    @Test
    void inTerminalModeTheLineIsRedrawnAtMostTenTimesASecond() {
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(out, true, now::get);
        bar.onTrainingStart(new TrainingPlan(2, 100, 1000, 10, 0));
        for (int epoch = 1; epoch <= 2; epoch++) {
            bar.onEpochStart(epoch);
            for (int step = 1; step <= 100; step++) {
                now.addAndGet(10_000_000L); // 10 ms per step: one second per epoch
                bar.onBatchEnd(epoch, step, 100, 0.5);
            }
            bar.onEpochEnd(new EpochMetrics(epoch, 0.5, 0.75, Double.NaN, Double.NaN, 1000, 1.0));
        }
        String text = output();
        String[] lines = text.split("\n", -1);
        // The start line, one line per epoch, and nothing after the last newline.
        assertEquals(4, lines.length, text);
        assertEquals("", lines[3]);
        for (int e = 1; e <= 2; e++) {
            String line = lines[e];
            // Step 1, then every 100 ms (every 10th step), then the epoch summary.
            int redraws = line.length() - line.replace("\r", "").length();
            assertEquals(1 + 10 + 1, redraws, line);
            assertTrue(line.contains("\rEpoch " + e + "/2 [" + "=".repeat(30) + "] 100/100 loss 0.5000"
                    + "  1000 samples/s  ETA 0:00"), line);
            String summary = line.substring(line.lastIndexOf('\r') + 1).stripTrailing();
            assertEquals("Epoch " + e + "/2  1.0 s  1000 samples/s  loss 0.5000  accuracy 0.7500", summary);
        }
        assertTrue(lines[1].contains("\rEpoch 1/2 [===>                          ] 11/100 loss 0.5000"
                + "  1000 samples/s  ETA 0:01"), lines[1]);
    }

    @Test
    void theEndOfAnEarlyStoppedRunIsReported() {
        ProgressBar bar = new ProgressBar(out, false);
        bar.onTrainingStart(new TrainingPlan(10, 1, 1, 1, 0));
        EpochMetrics m = new EpochMetrics(4, 0.5, 0.75, Double.NaN, Double.NaN, 1000, 1.0);
        bar.onTrainingEnd(new TrainingHistory(java.util.List.of(m), true, OptionalInt.of(2)));
        assertTrue(output().endsWith("Stopped early after epoch 4: the monitored loss stopped improving\n"
                + "Restored the weights of epoch 2\n"), output());
    }

    @Test
    void durationsAreFormattedAsClockTimes() {
        assertEquals("0:07", ProgressBar.formatSeconds(7.2));
        assertEquals("12:30", ProgressBar.formatSeconds(750));
        assertEquals("1:02:03", ProgressBar.formatSeconds(3723));
        assertEquals("0:00", ProgressBar.formatSeconds(-1));
    }
}
