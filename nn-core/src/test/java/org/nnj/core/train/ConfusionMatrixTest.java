package org.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.fixtures.ArrayDataset;
import org.nnj.core.fixtures.TestMse;
import org.nnj.core.fixtures.TestSgd;
import org.nnj.core.fixtures.TestSoftmaxCrossEntropy;
import org.nnj.core.model.Sequential;
import org.nnj.fixtures.TestLinear;

class ConfusionMatrixTest {
    private final ScalarBackend backend = new ScalarBackend();

    /** Truth 0,0,0,1,1,2,2,2,2 predicted 0,1,0,1,1,2,0,2,1 (counted by hand below). */
    private static ConfusionMatrix handCase() {
        int[] truth = {0, 0, 0, 1, 1, 2, 2, 2, 2};
        int[] predicted = {0, 1, 0, 1, 1, 2, 0, 2, 1};
        ConfusionMatrix m = new ConfusionMatrix(3);
        for (int i = 0; i < truth.length; i++) {
            m.add(truth[i], predicted[i]);
        }
        return m;
    }

    @Test
    void countsRecallPrecisionAndAccuracyOfAHandCountedCase() {
        ConfusionMatrix m = handCase();
        assertArrayEquals(new long[][] {{2, 1, 0}, {0, 2, 0}, {1, 1, 2}}, m.counts());
        assertEquals(9, m.total());
        assertEquals(6, m.correct());
        assertEquals(6 / 9.0, m.accuracy());
        assertEquals(4, m.support(2));
        assertEquals(2 / 3.0, m.recall(0));
        assertEquals(1.0, m.recall(1));
        assertEquals(0.5, m.recall(2));
        assertEquals(2 / 3.0, m.precision(0)); // column 0: 2 right of 3
        assertEquals(0.5, m.precision(1)); // column 1: 2 right of 4
        assertEquals(1.0, m.precision(2));
    }

    @Test
    void anEmptyClassHasNoRecallAndAnEmptyMatrixNoAccuracy() {
        ConfusionMatrix m = new ConfusionMatrix(2);
        assertTrue(Double.isNaN(m.accuracy()));
        m.add(0, 1);
        assertTrue(Double.isNaN(m.recall(1)));
        assertTrue(Double.isNaN(m.precision(0)));
    }

    @Test
    void classesOutsideTheMatrixAreRejected() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        assertEquals("predicted class 3 is outside 0..2",
                assertThrows(IndexOutOfBoundsException.class, () -> m.add(0, 3)).getMessage());
        assertEquals("a confusion matrix needs at least 2 classes, got 1",
                assertThrows(ConfigException.class, () -> new ConfusionMatrix(1)).getMessage());
    }

    @Test
    void evaluateCountsEveryExampleAsTheDirectArgMaxDoes() {
        Sequential model = Problems.classifier(4);
        ArrayDataset data = Problems.twoClasses(23, 9);
        Trainer trainer = Trainer.builder().model(model).loss(new TestSoftmaxCrossEntropy())
                .optimizer(new TestSgd(0.1)).backend(backend).batchSize(5).build();
        ConfusionMatrix m = new ConfusionMatrix(2);
        EvaluationResult result = trainer.evaluate(data, m);

        float[] features = new float[23 * 2];
        for (int i = 0; i < 23; i++) {
            data.copyFeatures(i, features, 2 * i);
        }
        Tensor logits = model.predict(Tensor.of(features, 23, 2), backend);
        long[][] expected = new long[2][2];
        for (int i = 0; i < 23; i++) {
            expected[data.label(i)][logits.get(i, 1) > logits.get(i, 0) ? 1 : 0]++;
        }
        assertArrayEquals(expected, m.counts());
        assertEquals(result.accuracy(), m.accuracy());
        assertEquals(trainer.evaluate(data), result);
    }

    @Test
    void aSingleOutputCountsAsTwoClassesSplitAtOneHalf() {
        // Targets 1, 0, 1, 0; outputs 0.9, 0.2, 0.4, 0.7: truth 1 -> 1, 0 -> 0, 1 -> 0, 0 -> 1.
        ArrayDataset data = new ArrayDataset(new float[] {0.9f, 0.2f, 0.4f, 0.7f}, Shape.of(1),
                new float[] {1, 0, 1, 0}, Shape.of(1));
        TestLinear identity = new TestLinear(1, 1, 0);
        identity.weight().value().setFlat(0, 1f);
        Sequential model = Sequential.builder(Shape.of(1)).add(identity).build();
        Trainer trainer = Trainer.builder().model(model).loss(new TestMse()).optimizer(new TestSgd(0))
                .backend(backend).batchSize(3).build();
        ConfusionMatrix m = new ConfusionMatrix(2);
        trainer.evaluate(data, m);
        assertArrayEquals(new long[][] {{1, 1}, {1, 1}}, m.counts());

        ShapeException e = assertThrows(ShapeException.class, () -> trainer.evaluate(data, new ConfusionMatrix(3)));
        assertEquals("confusion matrix: it has 3 classes, but the model's output [1] gives 2", e.getMessage());
    }
}
