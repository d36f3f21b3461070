package org.nnj.testkit;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.spi.OptimizerProvider;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.Seeds;
import org.nnj.core.registry.Registries;

/**
 * The contract every optimizer plugin must keep, as checks to call from the plugin's tests; each throws an
 * {@link AssertionError} naming the optimizer, its config and what broke.
 *
 * <pre>{@code
 * @Test
 * void keepsTheOptimizerContract() {
 *     OptimizerContract.of(new LionProvider(), Config.of("lr", 1e-3)).checkAll();
 * }
 * }</pre>
 *
 * <p>The problem: a weight {@code [3, 4]} and a bias {@code [3]} (named {@code "0.weight"} and
 * {@code "0.bias"}, as a model names them) pulled towards a seeded target, {@code f = sum (w - t)^2 / 2},
 * with a seeded noise added to each step's gradient {@code w - t}.
 * <ul>
 *   <li>{@link #checkConfigRoundTrip}: {@link Optimizer#type()} is the provider's name, and
 *       {@link Optimizer#config()} builds an optimizer with the same config;</li>
 *   <li>{@link #checkDescends}: {@link #steps} steps lower {@code f};</li>
 *   <li>{@link #checkDeterminism}: two optimizers given the same gradients make the same updates, bit for
 *       bit;</li>
 *   <li>{@link #checkSaveLoadRoundTrip}: {@code 2k} steps give the same weights, bit for bit, as {@code k}
 *       steps, a save of the model and the optimizer to a model file, a load into fresh objects and
 *       {@code k} more steps: the saved state is complete.</li>
 * </ul>
 */
public final class OptimizerContract {
    private static final Shape INPUT = Shape.of(4);
    private static final int UNITS = 3;

    private final OptimizerProvider provider;
    private final Config config;
    private Registries registries;
    private ComputeBackend backend = new ScalarBackend(1);
    private long seed = 42;
    private int steps = 50;

    private OptimizerContract(OptimizerProvider provider, Config config) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.config = Objects.requireNonNull(config, "config");
    }

    public static OptimizerContract of(OptimizerProvider provider, Config config) {
        return new OptimizerContract(provider, config);
    }

    /** The base plugins for the save and load check; the provider under test is added. */
    public OptimizerContract registries(Registries registries) {
        this.registries = Objects.requireNonNull(registries, "registries");
        return this;
    }

    public OptimizerContract backend(ComputeBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        return this;
    }

    public OptimizerContract seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The steps of the descent check, and twice the half of the save and load check; default 50. */
    public OptimizerContract steps(int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("steps must be at least 2, got " + steps);
        }
        this.steps = steps;
        return this;
    }

    public void checkAll() {
        checkConfigRoundTrip();
        checkDescends();
        checkDeterminism();
        checkSaveLoadRoundTrip();
    }

    public void checkConfigRoundTrip() {
        Optimizer o = create(config);
        if (!o.type().equals(provider.name())) {
            throw new AssertionError(subject() + ": type() is '" + o.type() + "' but the provider is named '"
                    + provider.name() + "'; a model file could not rebuild it");
        }
        Optimizer again = create(o.config());
        if (!again.config().equals(o.config()) || again.learningRate() != o.learningRate()) {
            throw new AssertionError(subject() + ": its config " + o.config() + " builds an optimizer whose config is "
                    + again.config() + " (learning rate " + again.learningRate() + " vs " + o.learningRate() + ")");
        }
    }

    public void checkDescends() {
        Sequential model = model();
        Optimizer o = create(config);
        double before = objective(model);
        run(o, model, 0, steps);
        double after = objective(model);
        if (!(after < before)) {
            throw new AssertionError(subject() + ": " + steps + " steps on sum (w - t)^2 / 2 went from " + before
                    + " to " + after + "; an optimizer must descend (is the learning rate too small or the sign wrong?)");
        }
    }

    public void checkDeterminism() {
        Sequential a = model();
        Sequential b = model();
        run(create(config), a, 0, steps / 2);
        run(create(config), b, 0, steps / 2);
        Contracts.assertSameParameters(subject() + ": two optimizers given the same gradients", a, b);
    }

    public void checkSaveLoadRoundTrip() {
        int half = steps / 2;
        Sequential uninterrupted = model();
        Optimizer straight = create(config);
        run(straight, uninterrupted, 0, 2 * half);

        Sequential first = model();
        Optimizer before = create(config);
        run(before, first, 0, half);
        Registries plugins = ContractRegistries.withOptimizer(
                registries != null ? registries : Registries.fromServiceLoader(), provider);
        Checkpoint loaded = Contracts.saveAndRead(subject(), Checkpoint.of(first).withOptimizer(before), plugins);
        Optimizer after = loaded.optimizer().orElseThrow();
        if (!after.config().equals(before.config())) {
            throw new AssertionError(subject() + ": saved with config " + before.config() + ", loaded with "
                    + after.config());
        }
        run(after, loaded.model(), half, 2 * half);
        Contracts.assertSameParameters(subject() + ": " + half + " steps, a save and a load, then " + half
                + " more steps, against " + 2 * half + " steps without a break (is some state not saved?)",
                uninterrupted, loaded.model());
    }

    /** Steps {@code from} (inclusive) to {@code to}: the gradient of step s depends on the weights and on s alone. */
    private void run(Optimizer optimizer, Sequential model, int from, int to) {
        List<Parameter> parameters = model.parameters();
        for (int s = from; s < to; s++) {
            for (int p = 0; p < parameters.size(); p++) {
                Parameter parameter = parameters.get(p);
                Tensor target = target(p, parameter.shape());
                SplittableRandom noise = new SplittableRandom(Seeds.derive(seed, 1000L * s + p));
                for (int i = 0; i < parameter.size(); i++) {
                    parameter.gradient().setFlat(i, parameter.value().getFlat(i) - target.getFlat(i)
                            + (float) noise.nextDouble(-0.1, 0.1));
                }
            }
            optimizer.step(backend, parameters);
        }
    }

    private double objective(Sequential model) {
        double f = 0;
        List<Parameter> parameters = model.parameters();
        for (int p = 0; p < parameters.size(); p++) {
            Tensor target = target(p, parameters.get(p).shape());
            for (int i = 0; i < target.size(); i++) {
                double d = parameters.get(p).value().getFlat(i) - target.getFlat(i);
                f += d * d / 2;
            }
        }
        return f;
    }

    private Tensor target(int parameter, Shape shape) {
        return Contracts.uniform(shape, Seeds.derive(seed, -1 - parameter));
    }

    /** A fresh model holding "0.weight" [3, 4] and "0.bias" [3], seeded. */
    private Sequential model() {
        return Sequential.builder(INPUT).add(new ContractLayer(INPUT, UNITS, seed)).build();
    }

    private Optimizer create(Config c) {
        Optimizer o;
        try {
            o = provider.create(c);
        } catch (RuntimeException e) {
            throw new AssertionError(subject() + ": the provider cannot build it from " + c + ": " + e, e);
        }
        if (o == null) {
            throw new AssertionError(subject() + ": the provider returned null");
        }
        return o;
    }

    private String subject() {
        return "optimizer '" + provider.name() + "' " + config;
    }
}
