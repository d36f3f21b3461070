package org.nnj.testkit;

import java.util.Arrays;

/**
 * The settings of a {@link GradientChecker} run. Immutable; start from {@link #defaults()} and change
 * what you need with the {@code with...} methods:
 *
 * <pre>{@code
 * GradientCheckOptions options = GradientCheckOptions.defaults()
 *         .withEpsilon(5e-3)
 *         .withTolerances(2e-2, 1e-3)
 *         .withMaxElementsPerTensor(200);
 * }</pre>
 *
 * <h2>Defaults, and why</h2>
 * <ul>
 *   <li>{@code epsilon = 1e-2}: the step of the central differences. Layers compute in float32, whose
 *       rounding error (about {@code 6e-8} relative) is divided by {@code 2 * epsilon}; a smaller step
 *       drowns the difference in rounding noise, a larger one adds truncation error
 *       ({@code epsilon^2 * f'''/6}, about {@code 1e-5} for the usual activations).</li>
 *   <li>{@code relativeTolerance = 1e-2}, {@code absoluteTolerance = 1e-3}: an element passes when
 *       {@code |analytic - numeric| <= absoluteTolerance + relativeTolerance * max(|analytic|, |numeric|)}.
 *       A missing factor, a wrong sign or a transposed index misses this by far; float32 noise does not
 *       come near it.</li>
 *   <li>{@code maxElementsPerTensor = 64}: at most this many elements of each tensor (the input and every
 *       parameter) are compared, sampled without replacement from the seed; all of them when the tensor is
 *       smaller. Every sampled element costs two forward passes.</li>
 *   <li>{@code inputRange = 2}: inputs (and loss predictions) are drawn uniformly from
 *       {@code [-inputRange, inputRange]}; the random projection of a layer's output from {@code [-1, 1]}.</li>
 *   <li>Kinks: an input drawn closer than {@code kinkMargin} (default {@code 2 * epsilon}) to one of the
 *       {@code kinkPoints} (default {@code {0}}, where ReLU, leaky ReLU and |x| are not differentiable) is
 *       drawn again, so that {@code x - epsilon} and {@code x + epsilon} lie on the same side of it. Set
 *       other points for functions with kinks elsewhere (hard tanh: {@code -1, 1}).</li>
 * </ul>
 */
public final class GradientCheckOptions {
    /** The default step of the central differences. */
    public static final double DEFAULT_EPSILON = 1e-2;
    /** The default relative tolerance. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-2;
    /** The default absolute tolerance. */
    public static final double DEFAULT_ABSOLUTE_TOLERANCE = 1e-3;
    /** The default number of elements compared per tensor. */
    public static final int DEFAULT_MAX_ELEMENTS_PER_TENSOR = 64;
    /** The default half-width of the interval inputs are drawn from. */
    public static final double DEFAULT_INPUT_RANGE = 2.0;

    private static final GradientCheckOptions DEFAULTS = new GradientCheckOptions(DEFAULT_EPSILON,
            DEFAULT_RELATIVE_TOLERANCE, DEFAULT_ABSOLUTE_TOLERANCE, DEFAULT_MAX_ELEMENTS_PER_TENSOR,
            DEFAULT_INPUT_RANGE, Double.NaN, new double[] {0.0});

    private final double epsilon;
    private final double relativeTolerance;
    private final double absoluteTolerance;
    private final int maxElementsPerTensor;
    private final double inputRange;
    /** NaN means "2 * epsilon", so that changing epsilon moves the margin with it. */
    private final double kinkMargin;
    private final double[] kinkPoints;

    private GradientCheckOptions(double epsilon, double relativeTolerance, double absoluteTolerance,
                                 int maxElementsPerTensor, double inputRange, double kinkMargin,
                                 double[] kinkPoints) {
        this.epsilon = epsilon;
        this.relativeTolerance = relativeTolerance;
        this.absoluteTolerance = absoluteTolerance;
        this.maxElementsPerTensor = maxElementsPerTensor;
        this.inputRange = inputRange;
        this.kinkMargin = kinkMargin;
        this.kinkPoints = kinkPoints;
    }

    /** The defaults listed in the class comment. */
    public static GradientCheckOptions defaults() {
        return DEFAULTS;
    }

    /** The step of the central differences; must be positive and finite. */
    public GradientCheckOptions withEpsilon(double epsilon) {
        requirePositive("epsilon", epsilon);
        return new GradientCheckOptions(epsilon, relativeTolerance, absoluteTolerance, maxElementsPerTensor,
                inputRange, kinkMargin, kinkPoints);
    }

    /** Both tolerances of {@code |a - n| <= atol + rtol * max(|a|, |n|)}; neither may be negative. */
    public GradientCheckOptions withTolerances(double relativeTolerance, double absoluteTolerance) {
        requireNonNegative("relativeTolerance", relativeTolerance);
        requireNonNegative("absoluteTolerance", absoluteTolerance);
        return new GradientCheckOptions(epsilon, relativeTolerance, absoluteTolerance, maxElementsPerTensor,
                inputRange, kinkMargin, kinkPoints);
    }

    /** At most this many elements of each tensor are compared (at least 1). */
    public GradientCheckOptions withMaxElementsPerTensor(int maxElementsPerTensor) {
        if (maxElementsPerTensor < 1) {
            throw new IllegalArgumentException("maxElementsPerTensor must be at least 1, got " + maxElementsPerTensor);
        }
        return new GradientCheckOptions(epsilon, relativeTolerance, absoluteTolerance, maxElementsPerTensor,
                inputRange, kinkMargin, kinkPoints);
    }

    /** Inputs are drawn uniformly from {@code [-inputRange, inputRange]}; must be positive and finite. */
    public GradientCheckOptions withInputRange(double inputRange) {
        requirePositive("inputRange", inputRange);
        return new GradientCheckOptions(epsilon, relativeTolerance, absoluteTolerance, maxElementsPerTensor,
                inputRange, kinkMargin, kinkPoints);
    }

    /** Inputs closer than {@code margin} to a kink point are drawn again; 0 turns this off. */
    public GradientCheckOptions withKinkMargin(double margin) {
        requireNonNegative("kinkMargin", margin);
        return new GradientCheckOptions(epsilon, relativeTolerance, absoluteTolerance, maxElementsPerTensor,
                inputRange, margin, kinkPoints);
    }

    /** The points where the function under test is not differentiable (default {@code {0}}). */
    public GradientCheckOptions withKinkPoints(double... points) {
        for (double p : points) {
            if (!Double.isFinite(p)) {
                throw new IllegalArgumentException("kink points must be finite, got " + Arrays.toString(points));
            }
        }
        return new GradientCheckOptions(epsilon, relativeTolerance, absoluteTolerance, maxElementsPerTensor,
                inputRange, kinkMargin, points.clone());
    }

    public double epsilon() {
        return epsilon;
    }

    public double relativeTolerance() {
        return relativeTolerance;
    }

    public double absoluteTolerance() {
        return absoluteTolerance;
    }

    public int maxElementsPerTensor() {
        return maxElementsPerTensor;
    }

    public double inputRange() {
        return inputRange;
    }

    /** The margin around kink points: {@code 2 * epsilon()} unless set. */
    public double kinkMargin() {
        return Double.isNaN(kinkMargin) ? 2 * epsilon : kinkMargin;
    }

    public double[] kinkPoints() {
        return kinkPoints.clone();
    }

    /** The tolerance this element may be off by: {@code atol + rtol * max(|analytic|, |numeric|)}. */
    double allowedError(double analytic, double numeric) {
        return absoluteTolerance + relativeTolerance * Math.max(Math.abs(analytic), Math.abs(numeric));
    }

    /** True when {@code x} is too close to a kink for central differences of step epsilon. */
    boolean nearKink(double x) {
        double margin = kinkMargin();
        for (double p : kinkPoints) {
            if (Math.abs(x - p) < margin) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "epsilon " + epsilon + ", |analytic - numeric| <= " + absoluteTolerance + " + " + relativeTolerance
                + " * max(|analytic|, |numeric|), up to " + maxElementsPerTensor + " elements per tensor";
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
        }
    }

    private static void requireNonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be non-negative and finite, got " + v);
        }
    }
}
