package org.nnj.examples.lecture;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Two classes of points in the plane that no straight line separates, as scikit-learn draws them:
 * {@code moons}, two interleaved half circles, or {@code circles}, a ring around a disc. Half the points
 * of each set are of each class; Gaussian noise of the given standard deviation is added to both
 * coordinates.
 *
 * @param x      the points, {@code [x0, y0, x1, y1, ...]}
 * @param labels 0 or 1 per point
 */
record TwoClasses(float[] x, float[] labels) {
    /** The shapes known, as {@code --shape} takes them. */
    static final String SHAPES = "moons, circles";

    static boolean known(String shape) {
        return "moons".equals(shape) || "circles".equals(shape);
    }

    /** {@code n} points of {@code shape} (one of {@link #SHAPES}). */
    static TwoClasses sample(String shape, int n, double noise, RandomGenerator random) {
        float[] x = new float[2 * n];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            double t = Math.PI * random.nextDouble();
            double px;
            double py;
            switch (shape) {
                case "moons" -> {
                    px = label == 0 ? Math.cos(t) : 1 - Math.cos(t);
                    py = label == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
                }
                case "circles" -> {
                    double r = label == 0 ? 1 : 0.5;
                    px = r * Math.cos(2 * t);
                    py = r * Math.sin(2 * t);
                }
                default -> throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "unknown shape '%s'; the shapes are %s", shape, SHAPES));
            }
            x[2 * i] = (float) (px + noise * random.nextGaussian());
            x[2 * i + 1] = (float) (py + noise * random.nextGaussian());
            labels[i] = label;
        }
        return new TwoClasses(x, labels);
    }

    int size() {
        return labels.length;
    }
}
