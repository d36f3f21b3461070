package org.nnj.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.nnj.api.activation.Activation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.Parameter;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.model.CallContext;

/**
 * Checks the gradients of a {@link Layer}, an {@link Activation} or a {@link Loss} against central finite
 * differences: the test every plugin author should run on their own plugin.
 *
 * <pre>{@code
 * @Test
 * void gradientsAreRight() {
 *     GradientChecker.checkLayer(new MyLayer(8, 3, 42L), new ScalarBackend(), 4, 7L);
 * }
 * }</pre>
 *
 * <h2>What is compared</h2>
 * <ul>
 *   <li><b>Layers</b> ({@link #checkLayer}): a random input {@code x} of shape {@code [batch, ...inputShape]}
 *       and a random projection {@code r} of the output's shape define the scalar
 *       {@code L = sum(r * forward(x))}, accumulated in double precision. The analytic gradients come from
 *       one {@code forward} and one {@code backward(r)} on a training {@link CallContext} that needs the
 *       input gradient, after every parameter's gradient has been zeroed: the returned tensor for
 *       {@code "input"}, and {@link Parameter#gradient()} for each parameter, by its name. The numeric ones
 *       perturb one float32 element of the input or of a parameter value by {@code +-epsilon} and evaluate
 *       {@code L} on a context reset with the same seed each time, so that a layer drawing from
 *       {@link org.nnj.api.layer.LayerContext#random()} (dropout) sees the same draws in every evaluation.</li>
 *   <li><b>Activations</b> ({@link #checkActivation}): likewise with {@code L = sum(r * f(x))} and
 *       {@link Activation#backward} given {@code r}.</li>
 *   <li><b>Losses</b> ({@link #checkLoss}): the gradient written by {@link Loss#compute} against central
 *       differences of the value {@code compute} returns, for random predictions and the given targets; and
 *       the values returned with and without a gradient tensor must agree within the tolerance.</li>
 * </ul>
 * The difference quotient divides by the distance between the two perturbed float32 values actually used,
 * not by {@code 2 * epsilon}, so rounding of the perturbation itself does not count as an error.
 *
 * <h2>Tolerance and kinks</h2>
 * An element passes when {@code |analytic - numeric| <= atol + rtol * max(|analytic|, |numeric|)}; the
 * defaults ({@code epsilon = 1e-2}, {@code rtol = 1e-2}, {@code atol = 1e-3}) and the reasons for them are in
 * {@link GradientCheckOptions}. Inputs are drawn uniformly from {@code [-2, 2]}, and an input closer than
 * {@code 2 * epsilon} to 0 is drawn again, so that ReLU-like functions are never differentiated across their
 * kink; other kink points can be set in the options. Kinks <em>inside</em> a layer (a ReLU after a
 * matrix product, ties in max pooling) are not avoided: check such parts on their own.
 *
 * <h2>Results</h2>
 * A check that fails throws an {@link AssertionError} listing the worst elements (tensor, index, analytic,
 * numeric); a check that passes returns its {@link GradientCheckReport}. Parameter values and the given
 * targets are left as they were; the parameters' gradients hold the analytic gradient of {@code L}.
 * Deterministic: the same seed draws the same inputs and samples the same elements.
 */
public final class GradientChecker {
    /** The name inputs are reported under. */
    public static final String INPUT = "input";
    /** The name loss predictions are reported under. */
    public static final String PREDICTIONS = "predictions";

    private static final int MAX_REDRAWS = 10_000;

    private GradientChecker() {
    }

    /** {@link #checkLayer(Layer, ComputeBackend, int, long, GradientCheckOptions)} with the defaults. */
    public static GradientCheckReport checkLayer(Layer layer, ComputeBackend backend, int batch, long seed) {
        return checkLayer(layer, backend, batch, seed, GradientCheckOptions.defaults());
    }

    /**
     * Checks the input gradient and every parameter gradient of {@code layer} for a random batch of
     * {@code batch} samples.
     *
     * @throws AssertionError when a gradient differs from its finite-difference estimate, when
     *                        {@code backward} returns null or a tensor of the wrong shape, or when
     *                        {@code forward} writes into its input
     */
    public static GradientCheckReport checkLayer(Layer layer, ComputeBackend backend, int batch, long seed,
                                                 GradientCheckOptions options) {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(options, "options");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Tensor x = randomInput(layer.inputShape().withBatch(batch), random, options);
        Tensor r = uniform(layer.outputShape().withBatch(batch), random, 1.0);
        long contextSeed = random.nextLong();
        String subject = layer.toString();

        // Analytic: one forward and one backward with gradients zeroed first.
        List<Parameter> parameters = layer.parameters();
        parameters.forEach(Parameter::zeroGradient);
        Tensor xBefore = x.copy();
        CallContext analytic = new CallContext(backend, true, true, contextSeed);
        Tensor y = layer.forward(x, analytic);
        expectShape(subject, "forward output", r.shape(), y);
        if (!sameValues(x, xBefore)) {
            throw new AssertionError(subject + ": forward wrote into its input tensor");
        }
        Tensor dx = layer.backward(r.copy(), analytic);
        if (dx == null) {
            throw new AssertionError(subject + ": backward returned null although the context needs the input"
                    + " gradient");
        }
        expectShape(subject, "input gradient returned by backward", x.shape(), dx);
        List<Tensor> analyticGradients = new ArrayList<>();
        analyticGradients.add(dx.copy());
        for (Parameter p : parameters) {
            analyticGradients.add(p.gradient().copy());
        }

        // Numeric: L on a context reset with the same seed for every evaluation.
        CallContext evaluation = new CallContext(backend, true, true, contextSeed);
        DoubleSupplier objective = () -> {
            evaluation.reset(contextSeed);
            return dot(r, layer.forward(x, evaluation));
        };
        Comparisons comparisons = new Comparisons(options);
        comparisons.compare(INPUT, x, analyticGradients.get(0), objective, random);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            comparisons.compare(p.name(), p.value(), analyticGradients.get(i + 1), objective, random);
        }
        return comparisons.finish(subject);
    }

    /** {@link #checkActivation(Activation, ComputeBackend, Shape, long, GradientCheckOptions)} with the defaults. */
    public static GradientCheckReport checkActivation(Activation activation, ComputeBackend backend,
                                                      Shape batchShape, long seed) {
        return checkActivation(activation, backend, batchShape, seed, GradientCheckOptions.defaults());
    }

    /**
     * Checks {@link Activation#backward} on a random input of {@code batchShape} (the whole tensor shape,
     * batch dimension included, for example {@code [4, 10]}).
     *
     * @throws AssertionError when the gradient differs from its finite-difference estimate
     */
    public static GradientCheckReport checkActivation(Activation activation, ComputeBackend backend,
                                                      Shape batchShape, long seed, GradientCheckOptions options) {
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(batchShape, "batchShape");
        Objects.requireNonNull(options, "options");
        SplittableRandom random = new SplittableRandom(seed);
        Tensor x = randomInput(batchShape, random, options);
        Tensor r = uniform(batchShape, random, 1.0);

        Tensor y = Tensor.zeros(batchShape);
        activation.forward(backend, x, y);
        Tensor dx = Tensor.zeros(batchShape);
        activation.backward(backend, x, y, r.copy(), dx);

        Tensor scratch = Tensor.zeros(batchShape);
        DoubleSupplier objective = () -> {
            activation.forward(backend, x, scratch);
            return dot(r, scratch);
        };
        Comparisons comparisons = new Comparisons(options);
        comparisons.compare(INPUT, x, dx, objective, random);
        return comparisons.finish("activation " + activation.type() + " on " + batchShape);
    }

    /** {@link #checkLoss(Loss, ComputeBackend, Tensor, long, GradientCheckOptions)} with the defaults. */
    public static GradientCheckReport checkLoss(Loss loss, ComputeBackend backend, Tensor targets, long seed) {
        return checkLoss(loss, backend, targets, seed, GradientCheckOptions.defaults());
    }

    /**
     * Checks the gradient {@link Loss#compute} writes, with respect to random predictions of the shape of
     * {@code targets} (which are not changed), against central differences of the value it returns.
     *
     * @throws AssertionError when the gradient differs from its finite-difference estimate, when the value
     *                        is not finite, or when the value returned with a gradient tensor differs (beyond
     *                        the tolerance) from the one returned without
     */
    public static GradientCheckReport checkLoss(Loss loss, ComputeBackend backend, Tensor targets, long seed,
                                                GradientCheckOptions options) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(options, "options");
        SplittableRandom random = new SplittableRandom(seed);
        return checkLoss(loss, backend, randomInput(targets.shape(), random, options), targets, random, options);
    }

    /**
     * As {@link #checkLoss(Loss, ComputeBackend, Tensor, long, GradientCheckOptions)}, at the given
     * {@code predictions} (same shape as {@code targets}) instead of random ones: for a loss defined on part of
     * the line only, such as binary cross-entropy on probabilities, whose predictions must stay in
     * {@code [0, 1]} (keep them {@code options.epsilon()} inside it). {@code seed} picks the elements compared.
     * Neither tensor is changed.
     */
    public static GradientCheckReport checkLossAt(Loss loss, ComputeBackend backend, Tensor predictions,
                                                  Tensor targets, long seed, GradientCheckOptions options) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(options, "options");
        if (!predictions.shape().equals(targets.shape())) {
            throw new IllegalArgumentException("predictions of shape " + predictions.shape()
                    + " for targets of shape " + targets.shape());
        }
        return checkLoss(loss, backend, predictions.copy(), targets, new SplittableRandom(seed), options);
    }

    private static GradientCheckReport checkLoss(Loss loss, ComputeBackend backend, Tensor predictions,
                                                 Tensor targets, SplittableRandom random,
                                                 GradientCheckOptions options) {
        Shape shape = targets.shape();
        String subject = "loss " + loss.type() + " on " + shape;

        Tensor gradient = Tensor.zeros(shape);
        float withGradient = loss.compute(backend, predictions, targets, gradient);
        float withoutGradient = loss.compute(backend, predictions, targets, null);
        if (!(Math.abs(withGradient - withoutGradient) <= options.allowedError(withGradient, withoutGradient))) {
            throw new AssertionError(subject + ": compute returned " + withGradient + " with a gradient tensor and "
                    + withoutGradient + " without one");
        }
        if (!Float.isFinite(withGradient)) {
            throw new AssertionError(subject + ": compute returned " + withGradient);
        }

        DoubleSupplier objective = () -> loss.compute(backend, predictions, targets, null);
        Comparisons comparisons = new Comparisons(options);
        comparisons.compare(PREDICTIONS, predictions, gradient, objective, random);
        return comparisons.finish(subject);
    }

    // ---------------------------------------------------------------- the comparison itself

    /** Collects element comparisons over several tensors and turns them into a report. */
    private static final class Comparisons {
        private final GradientCheckOptions options;
        private final List<GradientCheckReport.ElementComparison> all = new ArrayList<>();
        private final List<GradientCheckReport.TensorSummary> tensors = new ArrayList<>();

        Comparisons(GradientCheckOptions options) {
            this.options = options;
        }

        /**
         * Compares {@code analytic} with central differences of {@code objective} in the elements of
         * {@code values}, which are perturbed in place and restored exactly.
         */
        void compare(String name, Tensor values, Tensor analytic, DoubleSupplier objective, SplittableRandom random) {
            float[] data = values.data();
            int offset = values.offset();
            int compared = 0;
            int failed = 0;
            for (int i : sample(values.size(), options.maxElementsPerTensor(), random)) {
                float original = data[offset + i];
                float plus = (float) (original + options.epsilon());
                float minus = (float) (original - options.epsilon());
                data[offset + i] = plus;
                double lPlus = objective.getAsDouble();
                data[offset + i] = minus;
                double lMinus = objective.getAsDouble();
                data[offset + i] = original;
                double numeric = (lPlus - lMinus) / ((double) plus - (double) minus);
                double a = analytic.getFlat(i);
                GradientCheckReport.ElementComparison c = new GradientCheckReport.ElementComparison(name,
                        index(values.shape(), i), a, numeric, options.allowedError(a, numeric));
                all.add(c);
                compared++;
                failed += c.failed() ? 1 : 0;
            }
            tensors.add(new GradientCheckReport.TensorSummary(name, compared, failed));
        }

        GradientCheckReport finish(String subject) {
            int failed = (int) all.stream().filter(GradientCheckReport.ElementComparison::failed).count();
            List<GradientCheckReport.ElementComparison> worst = all.stream()
                    .sorted(Comparator.comparingDouble(GradientCheckReport.ElementComparison::ratio).reversed())
                    .limit(GradientCheckReport.WORST_LISTED)
                    .toList();
            GradientCheckReport report = new GradientCheckReport(subject, options, all.size(), failed, tensors,
                    worst);
            if (!report.passed()) {
                throw new AssertionError(report.toString());
            }
            return report;
        }
    }

    /** Up to {@code max} distinct indices below {@code size}, in increasing order; all of them if size <= max. */
    private static int[] sample(int size, int max, SplittableRandom random) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        if (size <= max) {
            return all;
        }
        // Partial Fisher-Yates: the first max slots become a uniform sample without replacement.
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = Arrays.copyOf(all, max);
        Arrays.sort(chosen);
        return chosen;
    }

    // ---------------------------------------------------------------- random tensors and small helpers

    /** Uniform in [-inputRange, inputRange], redrawn while closer than the kink margin to a kink point. */
    private static Tensor randomInput(Shape shape, SplittableRandom random, GradientCheckOptions options) {
        Tensor t = Tensor.zeros(shape);
        double range = options.inputRange();
        for (int i = 0; i < t.size(); i++) {
            float v;
            int attempts = 0;
            do {
                if (++attempts > MAX_REDRAWS) {
                    throw new IllegalArgumentException("cannot draw inputs in [-" + range + ", " + range
                            + "] at least " + options.kinkMargin() + " away from the kink points "
                            + Arrays.toString(options.kinkPoints()) + "; widen the input range or"
                            + " reduce the kink margin");
                }
                v = (float) random.nextDouble(-range, range);
            } while (options.nearKink(v));
            t.setFlat(i, v);
        }
        return t;
    }

    private static Tensor uniform(Shape shape, SplittableRandom random, double range) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, (float) random.nextDouble(-range, range));
        }
        return t;
    }

    /** {@code sum(a * b)} in double precision. */
    private static double dot(Tensor a, Tensor b) {
        float[] x = a.data();
        float[] y = b.data();
        int xo = a.offset();
        int yo = b.offset();
        double s = 0;
        for (int i = 0, n = a.size(); i < n; i++) {
            s += (double) x[xo + i] * y[yo + i];
        }
        return s;
    }

    private static boolean sameValues(Tensor a, Tensor b) {
        for (int i = 0, n = a.size(); i < n; i++) {
            if (Float.floatToRawIntBits(a.getFlat(i)) != Float.floatToRawIntBits(b.getFlat(i))) {
                return false;
            }
        }
        return true;
    }

    private static void expectShape(String subject, String what, Shape expected, Tensor actual) {
        if (!actual.shape().equals(expected)) {
            throw new AssertionError(subject + ": " + what + " has shape " + actual.shape() + ", expected " + expected);
        }
    }

    /** The multi-dimensional index of flat position {@code flat} in {@code shape}, for example {@code [1, 2]}. */
    static String index(Shape shape, int flat) {
        int[] dims = shape.dims();
        int[] idx = new int[dims.length];
        int rest = flat;
        for (int axis = dims.length - 1; axis >= 0; axis--) {
            idx[axis] = rest % dims[axis];
            rest /= dims[axis];
        }
        return Arrays.toString(idx);
    }
}
