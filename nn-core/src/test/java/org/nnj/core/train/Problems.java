package org.nnj.core.train;

import java.util.SplittableRandom;
import org.nnj.api.tensor.Shape;
import org.nnj.core.fixtures.ArrayDataset;
import org.nnj.fixtures.TestLinear;
import org.nnj.core.fixtures.TestRelu;
import org.nnj.core.model.Sequential;

/** Small, seeded problems and models for the trainer's tests. */
final class Problems {
    private Problems() {
    }

    /**
     * Two classes in the plane, split by the line {@code x0 + 0.5 x1 = 0} with a margin of 0.2 on both
     * sides (points closer to it are dropped), so a linear boundary reaches accuracy 1.
     */
    static ArrayDataset twoClasses(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; ) {
            float a = (float) random.nextDouble(-1, 1);
            float b = (float) random.nextDouble(-1, 1);
            double side = a + 0.5 * b;
            if (Math.abs(side) < 0.2) {
                continue;
            }
            x[2 * i] = a;
            x[2 * i + 1] = b;
            labels[i] = side > 0 ? 1 : 0;
            i++;
        }
        return ArrayDataset.classification(x, Shape.of(2), labels, 2);
    }

    /** {@code y = 3 x0 - 2 x1 + 1}, no noise, times {@code sign}. */
    static ArrayDataset line(int n, long seed, float sign) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) random.nextDouble(-1, 1);
            x[2 * i + 1] = (float) random.nextDouble(-1, 1);
            y[i] = sign * (3 * x[2 * i] - 2 * x[2 * i + 1] + 1);
        }
        return new ArrayDataset(x, Shape.of(2), y, Shape.of(1));
    }

    /** [2] -> linear 8 -> relu -> linear 2. */
    static Sequential classifier(long seed) {
        return Sequential.builder(Shape.of(2))
                .add(new TestLinear(2, 8, seed))
                .add(new TestRelu(Shape.of(8)))
                .add(new TestLinear(8, 2, seed + 1))
                .build();
    }

    /** [2] -> linear 1. */
    static Sequential regression(long seed) {
        return Sequential.builder(Shape.of(2)).add(new TestLinear(2, 1, seed)).build();
    }
}
