package org.nnj.examples.optim;

/**
 * A test function of two variables for the optimizer race: its value and gradient (in double), the
 * window to draw, the start, the minimum, the contour levels, and the optimizer settings raced on it.
 */
abstract class Surface {
    final String name;
    final String formula;
    final double xMin;
    final double xMax;
    final double yMin;
    final double yMax;
    final double[] start;
    final double[] minimum;
    final double[] levels;
    final Lineup lineup;

    Surface(String name, String formula, double[] window, double[] start, double[] minimum, double[] levels,
            Lineup lineup) {
        this.name = name;
        this.formula = formula;
        this.xMin = window[0];
        this.xMax = window[1];
        this.yMin = window[2];
        this.yMax = window[3];
        this.start = start;
        this.minimum = minimum;
        this.levels = levels;
        this.lineup = lineup;
    }

    abstract double value(double x, double y);

    /** {@code {df/dx, df/dy}}. */
    abstract double[] gradient(double x, double y);

    /** {@code count} levels spaced evenly in log10 from {@code lo} to {@code hi}. */
    static double[] logLevels(double lo, double hi, int count) {
        double[] levels = new double[count];
        for (int i = 0; i < count; i++) {
            levels[i] = Math.pow(10, Math.log10(lo) + (Math.log10(hi) - Math.log10(lo)) * i / (count - 1));
        }
        return levels;
    }

    /** Rosenbrock's banana valley, {@code (1 - x)^2 + 100 (y - x^2)^2}: easy to find, slow to follow. */
    static final class Rosenbrock extends Surface {
        Rosenbrock() {
            super("Rosenbrock", "(1 - x)^2 + 100 (y - x^2)^2", new double[] {-2, 2, -1, 3}, new double[] {-1.0, 2.75},
                    new double[] {1, 1}, logLevels(0.01, 2500, 18), new Lineup()
                            .add("sgd", "sgd", "lr=0.0005")
                            .add("momentum", "sgd", "lr=0.0005,momentum=0.9")
                            .add("nesterov", "sgd", "lr=0.0005,momentum=0.9,nesterov=true")
                            .add("adagrad", "adagrad", "lr=0.5")
                            .add("rmsprop", "rmsprop", "lr=0.01")
                            .add("adadelta", "adadelta", "lr=1.0")
                            .add("adam", "adam", "lr=0.05")
                            .add("adamw", "adamw", "lr=0.05,weight_decay=0.01")
                            .add("adamax", "adamax", "lr=0.05")
                            .add("nadam", "nadam", "lr=0.05"));
        }

        @Override
        double value(double x, double y) {
            double a = 1 - x;
            double b = y - x * x;
            return a * a + 100 * b * b;
        }

        @Override
        double[] gradient(double x, double y) {
            double b = y - x * x;
            return new double[] {-2 * (1 - x) - 400 * x * b, 200 * b};
        }
    }

    /** Beale's function: a flat plateau with steep walls and a narrow curved valley to (3, 0.5). */
    static final class Beale extends Surface {
        Beale() {
            super("Beale", "(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2",
                    new double[] {-0.5, 4, -1.75, 2.25}, new double[] {1, 1.75}, new double[] {3, 0.5},
                    logLevels(0.003, 300, 21), new Lineup()
                            .add("sgd", "sgd", "lr=0.001")
                            .add("momentum", "sgd", "lr=0.001,momentum=0.9")
                            .add("nesterov", "sgd", "lr=0.001,momentum=0.9,nesterov=true")
                            .add("adagrad", "adagrad", "lr=0.5")
                            .add("rmsprop", "rmsprop", "lr=0.01")
                            .add("adadelta", "adadelta", "lr=1.0")
                            .add("adam", "adam", "lr=0.05")
                            .add("adamw", "adamw", "lr=0.05,weight_decay=0.01")
                            .add("adamax", "adamax", "lr=0.05")
                            .add("nadam", "nadam", "lr=0.05"));
        }

        @Override
        double value(double x, double y) {
            double t1 = 1.5 - x + x * y;
            double t2 = 2.25 - x + x * y * y;
            double t3 = 2.625 - x + x * y * y * y;
            return t1 * t1 + t2 * t2 + t3 * t3;
        }

        @Override
        double[] gradient(double x, double y) {
            double t1 = 1.5 - x + x * y;
            double t2 = 2.25 - x + x * y * y;
            double t3 = 2.625 - x + x * y * y * y;
            return new double[] {
                2 * t1 * (y - 1) + 2 * t2 * (y * y - 1) + 2 * t3 * (y * y * y - 1),
                2 * t1 * x + 4 * t2 * x * y + 6 * t3 * x * y * y};
        }
    }
}
