package org.nnj.core.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.DataFormatException;
import org.nnj.api.ShapeException;

class PerceptronTest {
    private static final float[][] CORNERS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

    @Test
    void andFollowsTheRuleStepByStep() {
        // Traced by hand from w = (0, 0), b = 0 with lr 1, examples in the given order:
        // epoch 1 misses (1,1) only; then the boundary swings until epoch 6 makes no mistake.
        Perceptron p = new Perceptron(2);
        PerceptronResult r = p.train(CORNERS, new int[] {0, 0, 0, 1}, 100);
        assertTrue(r.converged());
        assertEquals(6, r.epochs());
        assertEquals(List.of(1, 3, 3, 2, 1, 0), r.errorsPerEpoch());
        assertArrayEquals(new float[] {2, 1}, r.weights());
        assertEquals(-2f, r.bias());
        assertArrayEquals(r.weights(), p.weights());
        assertEquals(r.bias(), p.bias());
        assertEquals(10, r.totalErrors());
        int[] predicted = new int[4];
        for (int i = 0; i < 4; i++) {
            predicted[i] = p.predict(CORNERS[i]);
        }
        assertArrayEquals(new int[] {0, 0, 0, 1}, predicted);
    }

    @Test
    void orConverges() {
        Perceptron p = new Perceptron(2, 0.1f);
        int[] or = {0, 1, 1, 1};
        PerceptronResult r = p.train(CORNERS, or, 100);
        assertTrue(r.converged(), r.toString());
        assertEquals(0, p.countErrors(CORNERS, or));
        assertEquals(0, (int) r.errorsPerEpoch().get(r.epochs() - 1));
        assertEquals(r.epochs(), r.errorsPerEpoch().size());
    }

    @Test
    void separableCloudConvergesWithinNovikoffsBound() {
        // Points in [-1, 1]^2 labelled by the line 0.6 x - 0.8 y + 0.1 = 0 (unit normal), keeping only
        // those at distance at least 0.1 from it.
        SplittableRandom random = new SplittableRandom(2024);
        List<float[]> points = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        while (points.size() < 300) {
            float x = (float) random.nextDouble(-1, 1);
            float y = (float) random.nextDouble(-1, 1);
            double d = 0.6 * x - 0.8 * y + 0.1;
            if (Math.abs(d) >= 0.1) {
                points.add(new float[] {x, y});
                labels.add(d > 0 ? 1 : 0);
            }
        }
        float[][] inputs = points.toArray(new float[0][]);
        int[] targets = labels.stream().mapToInt(Integer::intValue).toArray();
        assertTrue(labels.contains(0) && labels.contains(1));

        Perceptron p = new Perceptron(2);
        PerceptronResult r = p.train(inputs, targets, 1000, 7);
        assertTrue(r.converged(), r.toString());
        assertEquals(0, p.countErrors(inputs, targets));

        // The theorem, on inputs extended by a constant 1: mistakes <= (R / gamma)^2.
        double[] u = {0.6, -0.8, 0.1};
        double norm = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
        double gamma = Double.MAX_VALUE;
        double radius = 0;
        for (float[] x : inputs) {
            gamma = Math.min(gamma, Math.abs(u[0] * x[0] + u[1] * x[1] + u[2]) / norm);
            radius = Math.max(radius, Math.sqrt(x[0] * x[0] + x[1] * x[1] + 1.0));
        }
        double bound = (radius / gamma) * (radius / gamma);
        assertTrue(r.totalErrors() <= bound, r.totalErrors() + " mistakes, bound " + bound);

        // Seeded: the same seed gives the same run; the fixed order converges as well.
        PerceptronResult again = new Perceptron(2).train(inputs, targets, 1000, 7);
        assertEquals(r.errorsPerEpoch(), again.errorsPerEpoch());
        assertArrayEquals(r.weights(), again.weights());
        assertTrue(new Perceptron(2).train(inputs, targets, 1000).converged());
    }

    @Test
    void xorNeverConverges() {
        Perceptron p = new Perceptron(2);
        int[] xor = {0, 1, 1, 0};
        PerceptronResult r = p.train(CORNERS, xor, 50, 3);
        assertFalse(r.converged());
        assertEquals(50, r.epochs());
        assertEquals(50, r.errorsPerEpoch().size());
        assertTrue(r.errorsPerEpoch().stream().allMatch(e -> e > 0), r.toString());
        assertTrue(p.countErrors(CORNERS, xor) >= 1);
    }

    @Test
    void trainingStartsAgainFromZero() {
        Perceptron p = new Perceptron(2);
        p.train(CORNERS, new int[] {0, 1, 1, 1}, 100);
        PerceptronResult r = p.train(CORNERS, new int[] {0, 0, 0, 1}, 100);
        assertEquals(List.of(1, 3, 3, 2, 1, 0), r.errorsPerEpoch());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(ConfigException.class, () -> new Perceptron(0));
        assertThrows(ConfigException.class, () -> new Perceptron(2, 0f));
        assertThrows(ConfigException.class, () -> new Perceptron(2, Float.NaN));
        Perceptron p = new Perceptron(2);
        assertThrows(ConfigException.class, () -> p.train(CORNERS, new int[4], 0));
        assertThrows(ShapeException.class, () -> p.train(CORNERS, new int[3], 5));
        ShapeException s = assertThrows(ShapeException.class, () -> p.train(new float[][] {{1, 2, 3}}, new int[1], 5));
        assertEquals("perceptron: input 0 has 3 values, expected 2", s.getMessage());
        DataFormatException d = assertThrows(DataFormatException.class,
                () -> p.train(CORNERS, new int[] {0, 1, -1, 0}, 5));
        assertEquals("perceptron: target 2 is -1; targets are 0 or 1", d.getMessage());
        assertThrows(ShapeException.class, () -> p.predict(new float[3]));
    }
}
