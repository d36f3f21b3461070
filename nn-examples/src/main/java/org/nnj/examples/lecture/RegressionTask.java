package org.nnj.examples.lecture;

import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.function.DoubleUnaryOperator;

/**
 * One of the regression demo's tasks: a 1-D function plus Gaussian noise, sampled at {@code x} uniform in
 * {@code [-3, 3]}, as separate training and test points drawn from one seeded generator.
 *
 * @param name     short name for the table and the plots
 * @param formula  the noiseless function, as the plots title it
 * @param function the noiseless function
 */
record RegressionTask(String name, String formula, DoubleUnaryOperator function, double[] trainX, double[] trainY,
                      double[] testX, double[] testY) {
    /** The interval the inputs are drawn from. */
    static final double X_MIN = -3;
    static final double X_MAX = 3;

    /** {@code y = a x + b + noise}, with the slope {@code a} (0.5 to 2 in size, either sign) and {@code b} from the generator. */
    static RegressionTask linear(RandomGenerator random, int train, int test, double noise) {
        double a = (0.5 + 1.5 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
        double b = 2 * random.nextDouble() - 1;
        return sample("linear", String.format(Locale.ROOT, "y = %.2f x %s %.2f", a, b < 0 ? "-" : "+", Math.abs(b)),
                x -> a * x + b, random, train, test, noise);
    }

    /** {@code y = sin(x) + noise}: a curve no straight line follows. */
    static RegressionTask sine(RandomGenerator random, int train, int test, double noise) {
        return sample("nonlinear", "y = sin(x)", Math::sin, random, train, test, noise);
    }

    private static RegressionTask sample(String name, String formula, DoubleUnaryOperator f, RandomGenerator random, int train,
                                         int test, double noise) {
        double[][] tr = points(f, random, train, noise);
        double[][] te = points(f, random, test, noise);
        return new RegressionTask(name, String.format(Locale.ROOT, "%s + N(0, %s\u00b2)", formula, noise), f,
                tr[0], tr[1], te[0], te[1]);
    }

    private static double[][] points(DoubleUnaryOperator f, RandomGenerator random, int n, double noise) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = X_MIN + (X_MAX - X_MIN) * random.nextDouble();
            y[i] = f.applyAsDouble(x[i]) + noise * random.nextGaussian();
        }
        return new double[][] {x, y};
    }
}
