package org.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.fixtures.ArrayDataset;
import org.nnj.core.fixtures.TestSgd;
import org.nnj.core.fixtures.TestSoftmaxCrossEntropy;

/** {@link TrainingListener#onStep} and {@link TrainingListener#onValidation}, as the trainer calls them. */
class StepAndValidationListenerTest {
    private static final int[] BATCH_ROWS = {8, 8, 8, 6}; // 30 examples in batches of 8

    private final List<String> calls = new ArrayList<>();
    private final List<StepMetrics> steps = new ArrayList<>();
    private final List<ConfusionMatrix> matrices = new ArrayList<>();

    private final TrainingListener recorder = new TrainingListener() {
        @Override
        public void onBatchEnd(int epoch, int step, int stepsPerEpoch, double runningLoss) {
            calls.add("batch " + epoch + "." + step);
        }

        @Override
        public void onStep(StepMetrics step) {
            calls.add("step " + step.epoch() + "." + step.step());
            steps.add(step);
        }

        @Override
        public void onValidation(int epoch, ConfusionMatrix confusion) {
            calls.add("validation " + epoch);
            matrices.add(confusion);
        }

        @Override
        public void onCheckpoint(TrainingSnapshot snapshot) {
            calls.add("checkpoint " + snapshot.progress().epoch());
        }
    };

    @Test
    void eachStepCarriesRunningAndBatchValuesAndTheRateOfItsUpdateAndEachValidationItsConfusionMatrix() {
        ArrayDataset validation = Problems.twoClasses(13, 7);
        Trainer trainer = Trainer.builder().model(Problems.classifier(3)).loss(new TestSoftmaxCrossEntropy())
                .optimizer(new TestSgd(0.5)).backend(new ScalarBackend()).batchSize(8).epochs(2).seed(5)
                .validation(validation)
                .learningRateSchedule((t, base) -> base / (t + 1), LearningRateScheduler.Unit.STEP)
                .listener(recorder).build();
        TrainingHistory history = trainer.fit(Problems.twoClasses(30, 1));

        assertEquals(List.of("batch 1.1", "step 1.1", "batch 1.2", "step 1.2", "batch 1.3", "step 1.3", "batch 1.4",
                "step 1.4", "validation 1", "checkpoint 1"), calls.subList(0, 10));
        assertEquals(2 * 4, steps.size());
        for (int e = 1; e <= 2; e++) {
            double lossSum = 0;
            long correct = 0;
            int seen = 0;
            for (int s = 1; s <= 4; s++) {
                StepMetrics m = steps.get((e - 1) * 4 + s - 1);
                assertEquals(e, m.epoch());
                assertEquals(s, m.step());
                assertEquals(4, m.stepsPerEpoch());
                // The schedule's rate for time t = (e - 1) * 4 + s - 1, which the scheduler set before the update.
                assertEquals(0.5 / ((e - 1) * 4 + s), m.learningRate(), 1e-15);
                int rows = BATCH_ROWS[s - 1];
                long right = Math.round(m.batchAccuracy() * rows);
                assertEquals(right / (double) rows, m.batchAccuracy(), "a count of right predictions over " + rows);
                lossSum += m.batchLoss() * rows;
                correct += right;
                seen += rows;
                // The running values are the batches' values weighted by their rows.
                assertEquals(lossSum / seen, m.loss(), 1e-12);
                assertEquals(correct / (double) seen, m.accuracy(), 1e-15);
            }
            EpochMetrics epoch = history.epochs().get(e - 1);
            assertEquals(epoch.trainingLoss(), steps.get(e * 4 - 1).loss());
            assertEquals(epoch.trainingAccuracy(), steps.get(e * 4 - 1).accuracy());
            ConfusionMatrix confusion = matrices.get(e - 1);
            assertEquals(13, confusion.total());
            assertEquals(epoch.validationAccuracy(), confusion.accuracy());
        }
        assertNotSame(matrices.get(0), matrices.get(1), "each epoch gets its own matrix");
        // The last validation ran on the final weights: an evaluation now counts the same.
        ConfusionMatrix again = new ConfusionMatrix(2);
        trainer.evaluate(validation, again);
        assertArrayEquals(again.counts(), matrices.get(1).counts());
    }

    @Test
    void withoutValidationThereIsNoConfusionMatrix() {
        Trainer.builder().model(Problems.classifier(3)).loss(new TestSoftmaxCrossEntropy()).optimizer(new TestSgd(0.1))
                .backend(new ScalarBackend()).batchSize(8).epochs(1).listener(recorder).build()
                .fit(Problems.twoClasses(30, 1));
        assertTrue(matrices.isEmpty());
        assertEquals(4, steps.size());
        assertEquals(0.1, steps.get(3).learningRate());
    }
}
