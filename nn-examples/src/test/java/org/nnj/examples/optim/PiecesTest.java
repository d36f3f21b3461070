package org.nnj.examples.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.core.train.LearningRateScheduler;
import org.nnj.core.train.TrainingPlan;

/** The demos' small parts: loss recovery, the test functions' gradients, lineups and schedules. */
class PiecesTest {

    @Test
    void theRecorderRecoversEachBatchLossFromTheRunningMeans() {
        // 10 examples in batches of 4: 4, 4, 2. Batch losses 3, 1, 4 -> running means 3, 2, 2.4.
        LossRecorder recorder = new LossRecorder();
        recorder.onTrainingStart(new TrainingPlan(2, 3, 10, 4, 0));
        for (int epoch = 1; epoch <= 2; epoch++) {
            recorder.onEpochStart(epoch);
            recorder.onBatchEnd(epoch, 1, 3, 3.0);
            recorder.onBatchEnd(epoch, 2, 3, 2.0);
            recorder.onBatchEnd(epoch, 3, 3, (3.0 * 4 + 1.0 * 4 + 4.0 * 2) / 10);
        }
        List<Double> losses = recorder.losses();
        assertEquals(6, losses.size());
        double[] expected = {3, 1, 4, 3, 1, 4};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], losses.get(i), 1e-12, "step " + i);
        }
        // beta 0.5: s = 1.5, 1.25, 2.625; weights 0.5, 0.75, 0.875 -> 3, 5/3, 3.
        assertArrayEquals(new double[] {3, 5.0 / 3, 3}, LossRecorder.smoothed(List.of(3.0, 1.0, 4.0), 0.5), 1e-12);
        assertArrayEquals(new double[] {2, 2, 2}, LossRecorder.smoothed(List.of(2.0, 2.0, 2.0), 0.95), 1e-12);
    }

    @Test
    void theTestFunctionsHaveTheirMinimaAndTheirGradientsMatchFiniteDifferences() {
        for (Surface s : List.of(new Surface.Rosenbrock(), new Surface.Beale())) {
            assertEquals(0, s.value(s.minimum[0], s.minimum[1]), 1e-12, s.name);
            assertArrayEquals(new double[] {0, 0}, s.gradient(s.minimum[0], s.minimum[1]), 1e-12, s.name);
            double h = 1e-6;
            for (double[] p : new double[][] {{-1.2, 1.0}, {0.5, -0.7}, {2.0, 1.5}}) {
                double[] g = s.gradient(p[0], p[1]);
                double dx = (s.value(p[0] + h, p[1]) - s.value(p[0] - h, p[1])) / (2 * h);
                double dy = (s.value(p[0], p[1] + h) - s.value(p[0], p[1] - h)) / (2 * h);
                assertEquals(dx, g[0], 1e-5 * Math.max(1, Math.abs(dx)), s.name + " df/dx at " + p[0] + "," + p[1]);
                assertEquals(dy, g[1], 1e-5 * Math.max(1, Math.abs(dy)), s.name + " df/dy at " + p[0] + "," + p[1]);
            }
        }
        // Rosenbrock at (-1, 2.75): (1 - x)^2 = 4, 100 (y - x^2)^2 = 100 * 1.75^2 = 306.25.
        assertEquals(310.25, new Surface.Rosenbrock().value(-1, 2.75), 1e-12);
    }

    @Test
    void aLineupSelectsByLabelInItsOwnOrder() {
        Lineup lineup = new Lineup().add("a", "sgd", "lr=0.1").add("b", "adam", "").add("c", "sgd", "momentum=0.9");
        assertEquals(List.of("a", "c"), lineup.select("c, a").stream().map(Lineup.Entry::label).toList());
        assertEquals(3, lineup.select(null).size());
        assertEquals("sgd momentum=0.9", lineup.select("c").get(0).settings());
        ConfigException e = assertThrows(ConfigException.class, () -> lineup.select("a,z"));
        assertEquals("--only: unknown label 'z'; the labels are [a, b, c]", e.getMessage());
    }

    @Test
    void scheduleChoicesAreSizedToTheRun() {
        assertNull(ScheduleChoice.NONE.create(100));
        assertEquals(ScheduleChoice.WARMUP_COSINE, ScheduleChoice.parse("warmup-cosine"));
        assertEquals("warmup-cosine", ScheduleChoice.WARMUP_COSINE.toString());
        // Warm-up over the first 10 of 100 steps from a tenth, then cosine over the other 90 down to 0.
        var warm = ScheduleChoice.WARMUP_COSINE.create(100);
        assertEquals(0.1, warm.learningRate(0, 1.0), 1e-12);
        assertEquals(1.0, warm.learningRate(10, 1.0), 1e-12);
        assertEquals(0.0, warm.learningRate(100, 1.0), 1e-12);
        assertEquals(0.5, ScheduleChoice.COSINE.create(100).learningRate(50, 1.0), 1e-12);
        assertEquals(LearningRateScheduler.Unit.STEP, ScheduleChoice.COSINE.unit());
        assertEquals(LearningRateScheduler.Unit.EPOCH, ScheduleChoice.PLATEAU.unit());
        assertEquals(0.25, ScheduleChoice.STEP.create(10).learningRate(2, 1.0), 1e-12);
    }
}
