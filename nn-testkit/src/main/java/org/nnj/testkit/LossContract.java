package org.nnj.testkit;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.spi.LossProvider;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;

/**
 * The contract every loss plugin must keep, as checks to call from the plugin's tests; each throws an
 * {@link AssertionError} naming the loss, its config and what broke.
 *
 * <pre>{@code
 * @Test
 * void keepsTheLossContract() {
 *     LossContract.of(new FocalLossProvider(), Config.of("gamma", 2.0), LossContract.oneHot(4, 5, 7L)).checkAll();
 * }
 * }</pre>
 *
 * The targets are the plugin author's (one-hot rows for a classification loss, values in [0, 1] for a
 * binary one), with a batch of at least 2; predictions are drawn from the seed in their shape, uniformly
 * from {@code [-2, 2)} or from the {@link #predictionRange} of a loss on probabilities.
 * <ul>
 *   <li>{@link #checkGradients}: the gradient {@link Loss#compute} writes against finite differences of
 *       the value it returns ({@link GradientChecker#checkLoss}), and the value with and without a gradient
 *       tensor agree;</li>
 *   <li>{@link #checkReduction}: the documented reduction, the mean over the batch: the value of the batch
 *       is the mean of its samples' values (each computed as a batch of one), and each sample's rows of the
 *       gradient are that sample's own gradient divided by the batch size, both within float32 rounding
 *       ({@code 1e-6 + 1e-4} relative); so a batch of two equal samples has the value of one;</li>
 *   <li>{@link #checkWritesItsOutputs}: the gradient is written, not added to what its tensor held; the
 *       predictions and targets are not changed; {@link Loss#probabilities} gives the same values into
 *       another tensor as in place (its output "may be the same tensor");</li>
 *   <li>{@link #checkConfigRoundTrip}: {@link Loss#type()} is the provider's name, and its
 *       {@link Loss#config()} builds a loss with the same config and the same values, bit for bit;</li>
 *   <li>{@link #checkSaveLoadRoundTrip}: a checkpoint with the loss, saved and read, gives back a loss of
 *       the same type and config that computes the same values, bit for bit;</li>
 *   <li>{@link #checkDeterminism}: compute twice gives the same bits;</li>
 *   <li>{@link #checkThreadSafeEvaluation}: values and gradients computed on several threads at once
 *       equal the one-thread ones, bit for bit (losses are stateless).</li>
 * </ul>
 */
public final class LossContract {
    private final LossProvider provider;
    private final Config config;
    private final Tensor targets;
    private Registries registries;
    private ComputeBackend backend = new ScalarBackend(1);
    private long seed = 42;
    private GradientCheckOptions gradientOptions = GradientCheckOptions.defaults();
    /** Null: predictions uniform in [-2, 2) and gradient inputs from the checker; else [low, high). */
    private double[] predictionRange;

    private LossContract(LossProvider provider, Config config, Tensor targets) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(targets, "targets");
        if (targets.shape().rank() < 2 || targets.dim(0) < 2) {
            throw new IllegalArgumentException("the targets need a batch dimension of at least 2 samples and one"
                    + " more dimension, got " + targets.shape());
        }
        this.targets = targets.copy();
    }

    /** The contract of the loss {@code provider} builds from {@code config}, on {@code targets} {@code [N, ...]}. */
    public static LossContract of(LossProvider provider, Config config, Tensor targets) {
        return new LossContract(provider, config, targets);
    }

    /** {@code batch} one-hot rows of {@code classes}, the hot class drawn from {@code seed}: class targets. */
    public static Tensor oneHot(int batch, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(batch, classes);
        for (int n = 0; n < batch; n++) {
            t.setFlat(n * classes + random.nextInt(classes), 1f);
        }
        return t;
    }

    /** The plugins for the save and load check; the provider is added. */
    public LossContract registries(Registries registries) {
        this.registries = Objects.requireNonNull(registries, "registries");
        return this;
    }

    public LossContract backend(ComputeBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        return this;
    }

    public LossContract seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** For losses with kinks (set the kink points) or steep regions; see {@link GradientCheckOptions}. */
    public LossContract gradientOptions(GradientCheckOptions options) {
        this.gradientOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * Draws every prediction uniformly from {@code [low, high)} instead of {@code [-2, 2)}, for a loss defined
     * on part of the line only: a loss on probabilities (binary cross-entropy after a sigmoid) needs a range
     * inside {@code [0, 1]}, at least the gradient check's epsilon (default {@code 1e-2}) from both ends.
     */
    public LossContract predictionRange(double low, double high) {
        if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
            throw new IllegalArgumentException("the prediction range needs finite low < high, got [" + low + ", "
                    + high + ")");
        }
        this.predictionRange = new double[] {low, high};
        return this;
    }

    public void checkAll() {
        checkGradients();
        checkReduction();
        checkWritesItsOutputs();
        checkConfigRoundTrip();
        checkDeterminism();
        checkThreadSafeEvaluation();
        checkSaveLoadRoundTrip();
    }

    public GradientCheckReport checkGradients() {
        if (predictionRange != null) {
            return GradientChecker.checkLossAt(create(config), backend, predictions(seed), targets.copy(), seed,
                    gradientOptions);
        }
        return GradientChecker.checkLoss(create(config), backend, targets.copy(), seed, gradientOptions);
    }

    public void checkReduction() {
        Loss loss = create(config);
        Tensor predictions = predictions(seed + 1);
        int batch = targets.dim(0);
        int row = targets.size() / batch;
        Tensor gradient = Tensor.zeros(targets.shape());
        double value = loss.compute(backend, predictions, targets.copy(), gradient);
        double sum = 0;
        for (int n = 0; n < batch; n++) {
            Tensor p = sample(predictions, n);
            Tensor g = Tensor.zeros(p.shape());
            double v = loss.compute(backend, p, sample(targets, n), g);
            sum += v;
            for (int i = 0; i < row; i++) {
                double expected = g.getFlat(i) / (double) batch;
                double actual = gradient.getFlat(n * row + i);
                if (!close(actual, expected)) {
                    throw new AssertionError(subject() + ": the gradient of a batch of " + batch + " at sample " + n
                            + ", element " + i + " is " + actual + ", but that sample's own gradient divided by the"
                            + " batch size is " + expected + "; the loss must be the mean over the batch");
                }
            }
        }
        double mean = sum / batch;
        if (!close(value, mean)) {
            throw new AssertionError(subject() + ": the value of a batch of " + batch + " is " + value
                    + ", but the mean of its samples' values is " + mean + " (their sum " + sum + "); the loss must"
                    + " be the mean over the batch");
        }
    }

    public void checkWritesItsOutputs() {
        Loss loss = create(config);
        Tensor predictions = predictions(seed + 2);
        Tensor p = predictions.copy();
        Tensor t = targets.copy();
        Tensor clean = Tensor.zeros(targets.shape());
        loss.compute(backend, p, t, clean);
        Tensor dirty = Tensor.zeros(targets.shape());
        dirty.fill(7.25f);
        loss.compute(backend, p, t, dirty);
        Contracts.assertSameBits(subject() + ": the gradient computed into a tensor holding 7.25 against one"
                + " holding zeros (compute must write the gradient, not add to it)", clean, dirty);
        Contracts.assertSameBits(subject() + ": the predictions after compute (it must not change them)",
                predictions, p);
        Contracts.assertSameBits(subject() + ": the targets after compute (it must not change them)", targets, t);
        Tensor out = Tensor.zeros(targets.shape());
        loss.probabilities(backend, p, out);
        Contracts.assertSameBits(subject() + ": the predictions after probabilities into another tensor",
                predictions, p);
        loss.probabilities(backend, p, p);
        Contracts.assertSameBits(subject() + ": probabilities computed in place against into another tensor",
                out, p);
    }

    public void checkConfigRoundTrip() {
        Loss a = create(config);
        if (!a.type().equals(provider.name())) {
            throw new AssertionError(subject() + ": type() is '" + a.type() + "' but the provider is named '"
                    + provider.name() + "'; a model file could not rebuild it");
        }
        Loss b = create(a.config());
        if (!b.config().equals(a.config())) {
            throw new AssertionError(subject() + ": its config " + a.config() + " builds a loss whose config is "
                    + b.config());
        }
        assertSameResults(": the loss rebuilt from its config", a, b, predictions(seed + 3));
    }

    public void checkSaveLoadRoundTrip() {
        Registries plugins = ContractRegistries.withLoss(
                registries != null ? registries : Registries.fromServiceLoader(), provider);
        Shape sample = targets.shape().dropFirst();
        Sequential model = Sequential.builder(Shape.of(2)).add(new ContractLayer(Shape.of(2), sample.size(), seed))
                .build();
        Loss loss = create(config);
        Checkpoint loaded = Contracts.saveAndRead(subject(), Checkpoint.of(model).withLoss(loss), plugins);
        Loss back = loaded.loss().orElseThrow(() -> new AssertionError(subject() + ": saved with a checkpoint,"
                + " read back without a loss"));
        if (!back.type().equals(loss.type()) || !back.config().equals(loss.config())) {
            throw new AssertionError(subject() + ": saved as " + loss.type() + loss.config() + ", read back as "
                    + back.type() + back.config());
        }
        assertSameResults(": the loss read back from a model file", loss, back, predictions(seed + 4));
    }

    public void checkDeterminism() {
        Loss loss = create(config);
        assertSameResults(": compute twice", loss, loss, predictions(seed + 5));
    }

    public void checkThreadSafeEvaluation() {
        Loss loss = create(config);
        int inputs = 8;
        Tensor[] p = new Tensor[inputs];
        Result[] expected = new Result[inputs];
        for (int i = 0; i < inputs; i++) {
            p[i] = predictions(seed + 10 + i);
            expected[i] = compute(loss, p[i]);
        }
        List<Result> results = Concurrently.run(4, inputs * 8, i -> compute(loss, p[i % inputs]));
        for (int i = 0; i < results.size(); i++) {
            expected[i % inputs].assertSame(subject() + ": computed while other threads computed (call " + i + ")",
                    results.get(i));
        }
    }

    /** A loss value and its gradient. */
    private record Result(float value, Tensor gradient) {
        void assertSame(String what, Result other) {
            if (Float.floatToRawIntBits(value) != Float.floatToRawIntBits(other.value)) {
                throw new AssertionError(what + ": value " + other.value + ", expected " + value + " (bit for bit)");
            }
            Contracts.assertSameBits(what + ", gradient", gradient, other.gradient);
        }
    }

    private Result compute(Loss loss, Tensor predictions) {
        Tensor gradient = Tensor.zeros(targets.shape());
        float value = loss.compute(backend, predictions, targets, gradient);
        return new Result(value, gradient);
    }

    private void assertSameResults(String what, Loss a, Loss b, Tensor predictions) {
        compute(a, predictions).assertSame(subject() + what, compute(b, predictions));
    }

    /**
     * Within float32 rounding of a few sums: {@code 1e-6 + 1e-4 * max(|a|, |b|)}, far tighter than a
     * batch size's factor, which is what the reduction check looks for.
     */
    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-6 + 1e-4 * Math.max(Math.abs(a), Math.abs(b));
    }

    /** Sample {@code n} of a batch tensor, as a batch of one. */
    private static Tensor sample(Tensor batch, int n) {
        int row = batch.size() / batch.dim(0);
        int[] dims = batch.shape().dims().clone();
        dims[0] = 1;
        Tensor t = Tensor.zeros(Shape.of(dims));
        for (int i = 0; i < row; i++) {
            t.setFlat(i, batch.getFlat(n * row + i));
        }
        return t;
    }

    /** Predictions in [-2, 2) of the targets' shape. */
    private Tensor predictions(long s) {
        Tensor p = Contracts.uniform(targets.shape(), s);
        for (int i = 0; i < p.size(); i++) {
            float u = p.getFlat(i); // in [-1, 1)
            p.setFlat(i, predictionRange == null ? 2 * u
                    : (float) (predictionRange[0] + (u + 1) / 2 * (predictionRange[1] - predictionRange[0])));
        }
        return p;
    }

    private Loss create(Config c) {
        Loss l;
        try {
            l = provider.create(c);
        } catch (RuntimeException e) {
            throw new AssertionError(subject() + ": the provider cannot build it from " + c + ": " + e, e);
        }
        if (l == null) {
            throw new AssertionError(subject() + ": the provider returned null");
        }
        return l;
    }

    private String subject() {
        return "loss '" + provider.name() + "' " + config;
    }
}
