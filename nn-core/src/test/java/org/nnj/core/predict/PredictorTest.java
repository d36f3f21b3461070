package org.nnj.core.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.fixtures.TestLinear;
import org.nnj.core.fixtures.TestSoftmaxCrossEntropy;
import org.nnj.core.model.Sequential;

class PredictorTest {
    private final ScalarBackend backend = new ScalarBackend(1);

    /** A linear model [2] -> [3] whose logits are (x0, x1, x0 + x1): known by hand. */
    private static Sequential model() {
        TestLinear linear = new TestLinear(2, 3, 1);
        linear.weight().value().copyFrom(Tensor.of(new float[] {1, 0, 0, 1, 1, 1}, 3, 2));
        return Sequential.builder(Shape.of(2)).add(linear).build();
    }

    @Test
    void probabilitiesAreTheSoftmaxOfTheLogitsAndTopKIsSorted() {
        Predictor p = new Predictor(model(), new TestSoftmaxCrossEntropy(), List.of("a", "b", "c"), backend);
        assertTrue(p.outputsAreProbabilities());
        Tensor x = Tensor.of(new float[] {1, 2, -1, 0.5f}, 2, 2);
        Tensor probs = p.probabilities(x);
        double[][] logits = {{1, 2, 3}, {-1, 0.5, -0.5}};
        for (int r = 0; r < 2; r++) {
            double total = 0;
            for (double z : logits[r]) {
                total += Math.exp(z);
            }
            for (int j = 0; j < 3; j++) {
                assertEquals(Math.exp(logits[r][j]) / total, probs.get(r, j), 1e-6);
            }
        }
        List<List<Prediction>> top = p.topK(x, 2);
        assertEquals(List.of("c", "b"), top.get(0).stream().map(Prediction::label).toList());
        assertEquals(List.of(1, 2), top.get(1).stream().map(Prediction::index).toList());
        assertEquals(probs.get(0, 2), top.get(0).get(0).probability());
        assertEquals(3, p.topK(x, 10).get(0).size(), "no more than the outputs");
    }

    @Test
    void withoutALossTheOutputsAreTakenAsTheyAreAndLabelsAreIndices() {
        Predictor p = new Predictor(model(), null, List.of(), backend);
        assertFalse(p.outputsAreProbabilities(), "without a loss they are raw outputs");
        List<Prediction> top = p.topK(Tensor.of(new float[] {1, 1}, 1, 2), 3).get(0);
        assertEquals(new Prediction(2, "2", 2f), top.get(0));
        // A tie between outputs 0 and 1: the lower index first.
        assertEquals(new Prediction(0, "0", 1f), top.get(1));
        assertEquals(new Prediction(1, "1", 1f), top.get(2));
    }

    @Test
    void classNamesMustMatchTheOutputsAndKMustBePositive() {
        assertThrows(ConfigException.class, () -> new Predictor(model(), null, List.of("a"), backend));
        Predictor p = new Predictor(model(), null, List.of(), backend);
        assertThrows(ConfigException.class, () -> p.topK(Tensor.zeros(1, 2), 0));
    }

    @Test
    void predictionsFromManyThreadsAgreeWithOneThread() throws Exception {
        Predictor p = new Predictor(model(), new TestSoftmaxCrossEntropy(), List.of(), backend);
        List<Tensor> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Tensor x = Tensor.of(new float[] {i, -i * 0.5f, 1, i * 0.25f}, 2, 2);
            inputs.add(x);
            expected.add(p.probabilities(x).toArray());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (Tensor x : inputs) {
                    results.add(pool.submit(() -> p.probabilities(x).toArray()));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertArrayEquals(expected.get(i % inputs.size()), results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
