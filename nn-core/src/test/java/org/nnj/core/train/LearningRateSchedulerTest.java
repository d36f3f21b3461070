package org.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.optim.LearningRateSchedule;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.optim.OptimizerState;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.fixtures.ArrayDataset;
import org.nnj.core.fixtures.TestMse;
import org.nnj.core.fixtures.TestSgd;
import org.nnj.core.train.LearningRateScheduler.Unit;

class LearningRateSchedulerTest {
    private final ScalarBackend backend = new ScalarBackend();

    /** SGD that records the learning rate of every step it takes. */
    private static final class RecordingSgd implements Optimizer {
        private final TestSgd sgd;
        final List<Double> rates = new ArrayList<>();

        RecordingSgd(double lr) {
            sgd = new TestSgd(lr);
        }

        @Override
        public String type() {
            return "recording_sgd";
        }

        @Override
        public Config config() {
            return sgd.config();
        }

        @Override
        public void step(ComputeBackend backend, List<Parameter> parameters) {
            rates.add(sgd.learningRate());
            sgd.step(backend, parameters);
        }

        @Override
        public double learningRate() {
            return sgd.learningRate();
        }

        @Override
        public void setLearningRate(double learningRate) {
            sgd.setLearningRate(learningRate);
        }

        @Override
        public OptimizerState saveState() {
            return OptimizerState.empty();
        }

        @Override
        public void loadState(OptimizerState state) {
        }
    }

    /** lr(t) = base / (t + 1), recording what it observed. */
    private static final class Harmonic implements LearningRateSchedule {
        final List<String> observed = new ArrayList<>();

        @Override
        public double learningRate(long t, double base) {
            return base / (t + 1);
        }

        @Override
        public void observe(long epoch, double metric) {
            observed.add(epoch + ":" + (metric > 0));
        }
    }

    private Trainer trainer(RecordingSgd sgd, LearningRateSchedule schedule, Unit unit, int epochs) {
        return Trainer.builder().model(Problems.regression(1)).loss(new TestMse()).optimizer(sgd).backend(backend)
                .batchSize(4).epochs(epochs).seed(1).learningRateSchedule(schedule, unit).build();
    }

    private static ArrayDataset tenExamples() {
        return Problems.line(10, 3, 1f); // batches of 4, 4, 2: three steps per epoch
    }

    @Test
    void perEpochTheRateChangesBeforeEachEpochAndTheLossIsObserved() {
        RecordingSgd sgd = new RecordingSgd(0.6);
        Harmonic schedule = new Harmonic();
        trainer(sgd, schedule, Unit.EPOCH, 3).fit(tenExamples());
        assertEquals(List.of(0.6, 0.6, 0.6, 0.3, 0.3, 0.3, 0.6 / 3, 0.6 / 3, 0.6 / 3), sgd.rates);
        assertEquals(List.of("1:true", "2:true", "3:true"), schedule.observed);
    }

    @Test
    void perStepTheRateChangesBeforeEachStep() {
        RecordingSgd sgd = new RecordingSgd(1.2);
        trainer(sgd, new Harmonic(), Unit.STEP, 2).fit(tenExamples());
        List<Double> expected = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            expected.add(1.2 / (t + 1));
        }
        assertEquals(expected, sgd.rates);
    }

    @Test
    void aSecondFitStartsTheScheduleAgainAsItStartsTheEpochsAgain() {
        RecordingSgd sgd = new RecordingSgd(0.6);
        Harmonic schedule = new Harmonic();
        Trainer trainer = trainer(sgd, schedule, Unit.EPOCH, 2);
        trainer.fit(tenExamples());
        trainer.fit(tenExamples());
        assertEquals(List.of(0.6, 0.6, 0.6, 0.3, 0.3, 0.3, 0.6, 0.6, 0.6, 0.3, 0.3, 0.3), sgd.rates);
        assertEquals(List.of("1:true", "2:true", "1:true", "2:true"), schedule.observed);
    }

    /**
     * Epochs 1 to 3 in one go (A), or epoch 1, then a new trainer resuming from its progress (B) with the
     * optimizer at the rate the checkpoint saved and the base rate given: the same rates, per step, and a
     * plateau schedule that reduced in epoch 1 is reduced after the resume too.
     */
    @Test
    void aResumedRunContinuesTheScheduleWhereItStopped() {
        RecordingSgd whole = new RecordingSgd(1.2);
        TrainingHistory a = trainer(whole, new Harmonic(), Unit.STEP, 3).fit(tenExamples());

        RecordingSgd first = new RecordingSgd(1.2);
        TrainingHistory epoch1 = trainer(first, new Harmonic(), Unit.STEP, 1).fit(tenExamples());
        RecordingSgd resumed = new RecordingSgd(first.learningRate());
        Trainer b = Trainer.builder().model(Problems.regression(1)).loss(new TestMse()).optimizer(resumed)
                .backend(backend).batchSize(4).epochs(3).seed(1)
                .learningRateSchedule(new Harmonic(), Unit.STEP, 1.2).build();
        b.resume(tenExamples(), new TrainingProgress(1, 3, 1, 4, true, false, epoch1.epochs()));
        List<Double> rates = new ArrayList<>(first.rates);
        rates.addAll(resumed.rates);
        assertEquals(whole.rates, rates);
        assertEquals(3, a.epochs().size());

        // A plateau (any loss not below the best is bad, patience 0) replayed from the saved epoch.
        LearningRateSchedule plateau = new LearningRateSchedule() {
            private int reductions;
            private double best = Double.POSITIVE_INFINITY;

            @Override
            public double learningRate(long t, double base) {
                return base / (1 << reductions);
            }

            @Override
            public void observe(long epoch, double metric) {
                if (metric < best) {
                    best = metric;
                } else {
                    reductions++;
                }
            }
        };
        EpochMetrics worse = new EpochMetrics(2, 5.0, 0, Double.NaN, Double.NaN, 1, 1);
        EpochMetrics good = new EpochMetrics(1, 1.0, 0, Double.NaN, Double.NaN, 1, 1);
        RecordingSgd afterPlateau = new RecordingSgd(0.1);
        Trainer.builder().model(Problems.regression(1)).loss(new TestMse()).optimizer(afterPlateau).backend(backend)
                .batchSize(4).epochs(3).seed(1).learningRateSchedule(plateau, Unit.EPOCH, 0.8).build()
                .resume(tenExamples(), new TrainingProgress(2, 3, 1, 4, true, false, List.of(good, worse)));
        assertEquals(List.of(0.4, 0.4, 0.4), afterPlateau.rates);
    }

    @Test
    void theBaseRateIsTheOptimizersWhenTheTrainerIsBuilt() {
        RecordingSgd sgd = new RecordingSgd(0.6);
        LearningRateScheduler scheduler = new LearningRateScheduler(sgd, new Harmonic(), Unit.EPOCH);
        sgd.setLearningRate(5);
        assertEquals(0.6, scheduler.baseLearningRate());
    }
}
