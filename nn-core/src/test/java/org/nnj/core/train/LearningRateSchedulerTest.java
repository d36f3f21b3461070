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
    void aSecondFitContinuesTheSchedule() {
        RecordingSgd sgd = new RecordingSgd(0.6);
        Harmonic schedule = new Harmonic();
        Trainer trainer = trainer(sgd, schedule, Unit.EPOCH, 1);
        trainer.fit(tenExamples());
        trainer.fit(tenExamples());
        assertEquals(List.of(0.6, 0.6, 0.6, 0.3, 0.3, 0.3), sgd.rates);
        assertEquals(List.of("1:true", "2:true"), schedule.observed);

        RecordingSgd perStep = new RecordingSgd(1.2);
        Trainer stepTrainer = trainer(perStep, new Harmonic(), Unit.STEP, 1);
        stepTrainer.fit(tenExamples());
        stepTrainer.fit(tenExamples());
        assertEquals(1.2 / 6, perStep.rates.get(5), 1e-15);
    }

    @Test
    void theBaseRateIsTheOptimizersWhenTheTrainerIsBuilt() {
        RecordingSgd sgd = new RecordingSgd(0.6);
        LearningRateScheduler scheduler = new LearningRateScheduler(sgd, new Harmonic(), Unit.EPOCH);
        sgd.setLearningRate(5);
        assertEquals(0.6, scheduler.baseLearningRate());
    }
}
