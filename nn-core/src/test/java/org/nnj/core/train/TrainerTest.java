package org.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.NnException;
import org.nnj.api.ShapeException;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.fixtures.ArrayDataset;
import org.nnj.fixtures.TestLinear;
import org.nnj.core.fixtures.TestMse;
import org.nnj.core.fixtures.TestSgd;
import org.nnj.core.fixtures.TestSoftmaxCrossEntropy;
import org.nnj.core.model.Sequential;

class TrainerTest {
    private final ScalarBackend backend = new ScalarBackend();

    private Trainer.Builder classifierTrainer(Sequential model, TestSgd sgd) {
        return Trainer.builder().model(model).loss(new TestSoftmaxCrossEntropy()).optimizer(sgd)
                .backend(backend).batchSize(16).seed(5);
    }

    @Test
    void aTwoClassProblemIsLearnedToFullAccuracy() {
        Sequential model = Problems.classifier(1);
        TestSgd sgd = new TestSgd(0.5);
        ArrayDataset train = Problems.twoClasses(200, 1);
        ArrayDataset test = Problems.twoClasses(100, 2);
        TrainingHistory history = classifierTrainer(model, sgd).epochs(40).validation(test).build().fit(train);

        assertEquals(40, history.epochs().size());
        assertFalse(history.stoppedEarly());
        EpochMetrics first = history.epochs().get(0);
        EpochMetrics last = history.last();
        assertTrue(last.trainingLoss() < 0.3 * first.trainingLoss(), first + " -> " + last);
        assertTrue(last.trainingAccuracy() >= 0.99, last.toString());
        assertEquals(1.0, last.validationAccuracy(), last.toString());
        assertTrue(last.samplesPerSecond() > 0 && last.seconds() > 0);
        for (int i = 0; i < history.epochs().size(); i++) {
            assertEquals(i + 1, history.epochs().get(i).epoch());
        }
        // The optimizer saw model-wide, unique names, not the layers' own repeated ones.
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), sgd.lastNames());
    }

    @Test
    void linearRegressionFindsTheCoefficients() {
        Sequential model = Problems.regression(3);
        TrainingHistory history = Trainer.builder().model(model).loss(new TestMse()).optimizer(new TestSgd(0.1))
                .backend(backend).batchSize(8).epochs(60).seed(2).build().fit(Problems.line(64, 4, 1f));
        assertTrue(history.last().trainingLoss() < 1e-6, history.last().toString());
        TestLinear layer = (TestLinear) model.layers().get(0);
        assertArrayEquals(new float[] {3, -2}, layer.weight().value().toArray(), 1e-3f);
        assertEquals(1, layer.bias().value().getFlat(0), 1e-3);
    }

    @Test
    void theSameSeedGivesTheSameWeightsBitForBit() {
        float[][] a = trainedWeights(9);
        float[][] b = trainedWeights(9);
        float[][] c = trainedWeights(10);
        for (int i = 0; i < a.length; i++) {
            assertTrue(Arrays.equals(a[i], b[i]), "parameter " + i + " differs between two runs with one seed");
        }
        assertFalse(Arrays.equals(a[0], c[0]), "another shuffling seed should give other weights");
    }

    private float[][] trainedWeights(long seed) {
        Sequential model = Problems.classifier(1);
        Trainer.builder().model(model).loss(new TestSoftmaxCrossEntropy()).optimizer(new TestSgd(0.3))
                .backend(new ScalarBackend(2)).batchSize(7).epochs(3).seed(seed).build()
                .fit(Problems.twoClasses(50, 1));
        return model.parameters().stream().map(p -> p.value().toArray()).toArray(float[][]::new);
    }

    @Test
    void withoutShufflingTheOrderIsTheDataSetsAndTheSeedDoesNotMatter() {
        float[][] weights = new float[2][];
        for (int run = 0; run < 2; run++) {
            Sequential model = Problems.regression(3);
            Trainer.builder().model(model).loss(new TestMse()).optimizer(new TestSgd(0.05)).backend(backend)
                    .batchSize(5).epochs(2).shuffle(false).seed(run).build().fit(Problems.line(23, 4, 1f));
            weights[run] = model.parameters().get(0).value().toArray();
        }
        assertArrayEquals(weights[0], weights[1]);
    }

    /**
     * Training pulls the slope towards +1 while the validation targets have slope -1: from a small
     * initial weight, every epoch makes the validation loss worse, so the best epoch is the first and the
     * run must stop after 1 + patience epochs.
     */
    @Test
    void earlyStoppingEndsARunWhoseValidationLossStopsImproving() {
        float[] x = {-1f, -0.5f, 0.25f, 0.5f, 1f, 0.75f};
        ArrayDataset train = new ArrayDataset(x, Shape.of(1), x.clone(), Shape.of(1));
        float[] negated = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            negated[i] = -x[i];
        }
        ArrayDataset validation = new ArrayDataset(x, Shape.of(1), negated, Shape.of(1));
        Sequential model = Sequential.builder(Shape.of(1)).add(new TestLinear(1, 1, 8)).build();
        List<float[]> weightsAfterEpoch = new ArrayList<>();
        TrainingListener snapshots = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics metrics) {
                weightsAfterEpoch.add(model.parameters().get(0).value().toArray());
            }
        };
        TrainingHistory history = Trainer.builder().model(model).loss(new TestMse()).optimizer(new TestSgd(0.05))
                .backend(backend).batchSize(2).epochs(50).validation(validation).listener(snapshots)
                .earlyStopping(EarlyStopping.ofPatience(2).withRestoreBestWeights(true))
                .build().fit(train);

        assertEquals(3, history.epochs().size());
        assertTrue(history.stoppedEarly());
        List<EpochMetrics> e = history.epochs();
        assertTrue(e.get(0).validationLoss() < e.get(1).validationLoss()
                && e.get(1).validationLoss() < e.get(2).validationLoss(), e.toString());
        assertTrue(e.get(2).trainingLoss() < e.get(0).trainingLoss(), "training itself improves");
        assertEquals(OptionalInt.of(1), history.restoredEpoch());
        assertArrayEquals(weightsAfterEpoch.get(0), model.parameters().get(0).value().toArray());
    }

    @Test
    void withoutValidationEarlyStoppingWatchesTheTrainingLoss() {
        Sequential model = Problems.regression(3);
        float[] before = model.parameters().get(0).value().toArray();
        // A learning rate of 0: the training loss cannot improve (beyond rounding, which minDelta absorbs).
        TrainingHistory history = Trainer.builder().model(model).loss(new TestMse()).optimizer(new TestSgd(0))
                .backend(backend).batchSize(4).epochs(20)
                .earlyStopping(EarlyStopping.ofPatience(3).withMinDelta(1e-6).withRestoreBestWeights(true))
                .build().fit(Problems.line(30, 1, 1f));
        assertEquals(4, history.epochs().size());
        assertTrue(history.stoppedEarly());
        assertFalse(history.last().hasValidation());
        assertEquals(OptionalInt.of(1), history.restoredEpoch());
        assertArrayEquals(before, model.parameters().get(0).value().toArray());
    }

    @Test
    void aRunThatKeepsImprovingIsNotStoppedAndKeepsItsLastWeights() {
        Sequential model = Problems.regression(3);
        TrainingHistory history = Trainer.builder().model(model).loss(new TestMse()).optimizer(new TestSgd(0.05))
                .backend(backend).batchSize(4).epochs(5)
                .earlyStopping(EarlyStopping.ofPatience(1).withRestoreBestWeights(true))
                .build().fit(Problems.line(30, 1, 1f));
        assertEquals(5, history.epochs().size());
        assertFalse(history.stoppedEarly());
        assertEquals(OptionalInt.empty(), history.restoredEpoch());
    }

    @Test
    void evaluateMatchesADirectComputationOverTheWholeSet() {
        Sequential model = Problems.classifier(4);
        ArrayDataset data = Problems.twoClasses(23, 9);
        // Batches of 5 over 23 examples: the last batch has 3, and the mean must still weigh every example once.
        Trainer trainer = Trainer.builder().model(model).loss(new TestSoftmaxCrossEntropy())
                .optimizer(new TestSgd(0.1)).backend(backend).batchSize(5).build();
        EvaluationResult result = trainer.evaluate(data);

        float[] features = new float[23 * 2];
        float[] targets = new float[23 * 2];
        for (int i = 0; i < 23; i++) {
            data.copyFeatures(i, features, 2 * i);
            data.copyTarget(i, targets, 2 * i);
        }
        Tensor logits = model.predict(Tensor.of(features, 23, 2), backend);
        double loss = 0;
        int right = 0;
        for (int i = 0; i < 23; i++) {
            double z0 = logits.get(i, 0);
            double z1 = logits.get(i, 1);
            double lse = Math.max(z0, z1) + Math.log1p(Math.exp(-Math.abs(z0 - z1)));
            loss += lse - (data.label(i) == 0 ? z0 : z1);
            right += ((z1 > z0 ? 1 : 0) == data.label(i)) ? 1 : 0;
        }
        assertEquals(loss / 23, result.loss(), 1e-5);
        assertEquals(right / 23.0, result.accuracy());
        assertEquals(23, result.samples());
    }

    @Test
    void theLastEpochsValidationIsWhatEvaluateSaysAfterwards() {
        Sequential model = Problems.classifier(2);
        ArrayDataset validation = Problems.twoClasses(30, 3);
        Trainer trainer = classifierTrainer(model, new TestSgd(0.2)).epochs(3).validation(validation).build();
        EpochMetrics last = trainer.fit(Problems.twoClasses(40, 4)).last();
        EvaluationResult after = trainer.evaluate(validation);
        assertEquals(after.loss(), last.validationLoss());
        assertEquals(after.accuracy(), last.validationAccuracy());
    }

    @Test
    void singleOutputAccuracyComparesBothSidesOfOneHalf() {
        // Targets 1, 0, 1, 0; the model outputs w x with w = 1 for x = 0.9, 0.2, 0.4, 0.7: right, right, wrong, wrong.
        float[] x = {0.9f, 0.2f, 0.4f, 0.7f};
        ArrayDataset data = new ArrayDataset(x, Shape.of(1), new float[] {1, 0, 1, 0}, Shape.of(1));
        TestLinear identity = new TestLinear(1, 1, 0);
        identity.weight().value().setFlat(0, 1f);
        Sequential model = Sequential.builder(Shape.of(1)).add(identity).build();
        EvaluationResult result = Trainer.builder().model(model).loss(new TestMse()).optimizer(new TestSgd(0))
                .backend(backend).batchSize(3).build().evaluate(data);
        assertEquals(0.5, result.accuracy());
        assertEquals((0.01 + 0.04 + 0.36 + 0.49) / 4, result.loss(), 1e-6);
    }

    @Test
    void aDataSetThatDoesNotFitTheModelIsRejectedWithBothShapes() {
        Trainer trainer = classifierTrainer(Problems.classifier(1), new TestSgd(0.1)).build();
        ShapeException e = assertThrows(ShapeException.class, () -> trainer.fit(Problems.line(10, 1, 1f)));
        assertEquals("training set: targets have shape [1] per example, but the model's output shape is [2]",
                e.getMessage());
        ArrayDataset wide = new ArrayDataset(new float[6], Shape.of(3), new float[4], Shape.of(2));
        e = assertThrows(ShapeException.class, () -> trainer.evaluate(wide));
        assertEquals("evaluation set: features have shape [3] per example, but the model's input shape is [2]",
                e.getMessage());
    }

    @Test
    void aDivergingRunStopsWithTheEpochAndStep() {
        Sequential model = Problems.regression(3);
        Trainer trainer = Trainer.builder().model(model).loss(new TestMse()).optimizer(new TestSgd(1e5))
                .backend(backend).batchSize(4).epochs(50).build();
        NnException e = assertThrows(NnException.class, () -> trainer.fit(Problems.line(40, 1, 1f)));
        assertTrue(e.getMessage().matches("the test_mse loss became (Infinity|NaN) at epoch \\d+, step \\d+;"
                + " lower the learning rate \\(now 100000.0\\) or check the data for NaN or infinite values"),
                e.getMessage());
    }

    @Test
    void theBuilderNamesMissingAndBadSettings() {
        ConfigException e = assertThrows(ConfigException.class, () -> Trainer.builder()
                .model(Problems.regression(1)).loss(new TestMse()).backend(backend).build());
        assertEquals("trainer: 'optimizer' is required; set it with Trainer.builder().optimizer(...)", e.getMessage());
        e = assertThrows(ConfigException.class, () -> Trainer.builder().batchSize(0));
        assertEquals("trainer: 'batchSize' must be at least 1, got 0", e.getMessage());
        assertThrows(ConfigException.class, () -> Trainer.builder().epochs(0));
        assertThrows(ConfigException.class, () -> EarlyStopping.ofPatience(-1));
        assertThrows(ConfigException.class, () -> EarlyStopping.ofPatience(1).withMinDelta(Double.NaN));
    }

    @Test
    void gradientsDoNotLeakFromOneStepIntoTheNext() {
        // With a learning rate of 0 nothing moves, and the gradients the optimizer sees are each step's
        // alone: after fit, the layer gradients are those of the last batch, not a sum over batches.
        Sequential model = Problems.regression(3);
        ArrayDataset data = Problems.line(8, 1, 1f);
        Trainer.builder().model(model).loss(new TestMse()).optimizer(new TestSgd(0)).backend(backend)
                .batchSize(4).shuffle(false).epochs(1).build().fit(data);
        float[] afterFit = model.parameters().get(0).gradient().toArray();

        model.zeroGradients();
        var pass = model.newTrainingPass(backend);
        float[] f = new float[8];
        float[] t = new float[4];
        for (int i = 0; i < 4; i++) {
            data.copyFeatures(4 + i, f, 2 * i);
            data.copyTarget(4 + i, t, i);
        }
        Tensor out = pass.forward(Tensor.of(f, 4, 2), 0);
        Tensor grad = Tensor.zeros(out.shape());
        new TestMse().compute(backend, out, Tensor.of(t, 4, 1), grad);
        pass.backward(grad);
        assertArrayEquals(model.parameters().get(0).gradient().toArray(), afterFit);
        for (Parameter p : model.parameters()) {
            assertTrue(p.gradient().toArray().length > 0);
        }
    }
}
