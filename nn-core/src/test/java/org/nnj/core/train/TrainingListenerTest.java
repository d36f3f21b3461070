package org.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.fixtures.TestMse;
import org.nnj.core.fixtures.TestSgd;

class TrainingListenerTest {

    /** Writes every call it gets, prefixed by its own name, into a shared list. */
    static final class Recorder implements TrainingListener {
        private final String name;
        private final List<String> calls;
        final List<Double> runningLosses = new ArrayList<>();
        final List<EpochMetrics> epochs = new ArrayList<>();
        TrainingHistory history;

        Recorder(String name, List<String> calls) {
            this.name = name;
            this.calls = calls;
        }

        @Override
        public void onTrainingStart(TrainingPlan plan) {
            calls.add(name + " start " + plan);
        }

        @Override
        public void onEpochStart(int epoch) {
            calls.add(name + " epoch " + epoch);
        }

        @Override
        public void onBatchEnd(int epoch, int step, int stepsPerEpoch, double runningLoss) {
            calls.add(name + " batch " + epoch + " " + step + "/" + stepsPerEpoch);
            runningLosses.add(runningLoss);
        }

        @Override
        public void onEpochEnd(EpochMetrics metrics) {
            calls.add(name + " end " + metrics.epoch());
            epochs.add(metrics);
        }

        @Override
        public void onTrainingEnd(TrainingHistory history) {
            calls.add(name + " finish " + history.epochs().size());
            this.history = history;
        }
    }

    @Test
    void listenersAreCalledInOrderWithTheRightCounts() {
        List<String> calls = new ArrayList<>();
        Recorder a = new Recorder("a", calls);
        Recorder b = new Recorder("b", calls);
        // 10 examples in batches of 4: steps of 4, 4 and 2.
        TrainingHistory history = Trainer.builder().model(Problems.regression(1)).loss(new TestMse())
                .optimizer(new TestSgd(0.01)).backend(new ScalarBackend()).batchSize(4).epochs(2)
                .validation(Problems.line(3, 7, 1f)).listener(a).listener(b).build()
                .fit(Problems.line(10, 6, 1f));

        List<String> expected = new ArrayList<>();
        for (String n : List.of("a", "b")) {
            expected.add(n + " start TrainingPlan[epochs=2, stepsPerEpoch=3, samples=10, batchSize=4,"
                    + " validationSamples=3]");
        }
        for (int epoch = 1; epoch <= 2; epoch++) {
            for (String n : List.of("a", "b")) {
                expected.add(n + " epoch " + epoch);
            }
            for (int step = 1; step <= 3; step++) {
                for (String n : List.of("a", "b")) {
                    expected.add(n + " batch " + epoch + " " + step + "/3");
                }
            }
            for (String n : List.of("a", "b")) {
                expected.add(n + " end " + epoch);
            }
        }
        expected.add("a finish 2");
        expected.add("b finish 2");
        assertEquals(expected, calls);

        assertSame(history, a.history);
        assertEquals(history.epochs(), a.epochs);
        // The running loss after an epoch's last batch is the epoch's training loss.
        assertEquals(history.epochs().get(0).trainingLoss(), a.runningLosses.get(2));
        assertEquals(history.epochs().get(1).trainingLoss(), a.runningLosses.get(5));
    }
}
