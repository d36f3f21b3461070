package org.nnj.testkit;

import java.util.List;
import java.util.Objects;
import org.nnj.api.activation.Activation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ActivationProvider;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;

/**
 * The contract every activation plugin must keep, as checks to call from the plugin's tests; each throws
 * an {@link AssertionError} naming the activation, its config and what broke.
 *
 * <pre>{@code
 * @Test
 * void keepsTheActivationContract() {
 *     ActivationContract.of(new SwishProvider(), Config.of("beta", 1.5)).checkAll();
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #checkGradients}: {@link Activation#backward} against finite differences;</li>
 *   <li>{@link #checkConfigRoundTrip}: {@link Activation#type()} is the provider's name, and its
 *       {@link Activation#config()} builds an activation with the same config and the same values;</li>
 *   <li>{@link #checkSaveLoadRoundTrip}: a model with the activation as a layer, saved and loaded, gives the
 *       same outputs bit for bit (through nn-layers' {@code "activation"} layer when it is on the test class
 *       path, else through the kit's own, which writes the same config);</li>
 *   <li>{@link #checkThreadSafeInference}: values computed on several threads at once equal the one-thread
 *       ones, bit for bit;</li>
 *   <li>{@link #checkDeterminism}: forward and backward twice give the same bits.</li>
 * </ul>
 * Inputs have the shape {@link #shape} (default {@code [4, 7]}, a batch of 4), drawn from the seed.
 */
public final class ActivationContract {
    private final ActivationProvider provider;
    private final Config config;
    private Shape shape = Shape.of(4, 7);
    private Registries registries;
    private ComputeBackend backend = new ScalarBackend(1);
    private long seed = 42;
    private GradientCheckOptions gradientOptions = GradientCheckOptions.defaults();

    private ActivationContract(ActivationProvider provider, Config config) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.config = Objects.requireNonNull(config, "config");
    }

    public static ActivationContract of(ActivationProvider provider, Config config) {
        return new ActivationContract(provider, config);
    }

    /** The shape of the inputs, batch dimension first; default {@code [4, 7]}. */
    public ActivationContract shape(Shape batchShape) {
        if (batchShape.rank() < 2) {
            throw new IllegalArgumentException("the shape needs a batch dimension and at least one more, got "
                    + batchShape);
        }
        this.shape = batchShape;
        return this;
    }

    /** The plugins for the save and load check; the provider is added. */
    public ActivationContract registries(Registries registries) {
        this.registries = Objects.requireNonNull(registries, "registries");
        return this;
    }

    public ActivationContract backend(ComputeBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        return this;
    }

    public ActivationContract seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** For activations with kinks (set the kink points) or steep regions; see {@link GradientCheckOptions}. */
    public ActivationContract gradientOptions(GradientCheckOptions options) {
        this.gradientOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    public void checkAll() {
        checkGradients();
        checkConfigRoundTrip();
        checkDeterminism();
        checkThreadSafeInference();
        checkSaveLoadRoundTrip();
    }

    public GradientCheckReport checkGradients() {
        return GradientChecker.checkActivation(create(config), backend, shape, seed, gradientOptions);
    }

    public void checkConfigRoundTrip() {
        Activation a = create(config);
        if (!a.type().equals(provider.name())) {
            throw new AssertionError(subject() + ": type() is '" + a.type() + "' but the provider is named '"
                    + provider.name() + "'; a model file could not rebuild it");
        }
        Activation b = create(a.config());
        if (!b.config().equals(a.config())) {
            throw new AssertionError(subject() + ": its config " + a.config() + " builds an activation whose config"
                    + " is " + b.config());
        }
        Tensor x = Contracts.uniform(shape, seed);
        Contracts.assertSameBits(subject() + ": the activation rebuilt from its config", apply(a, x), apply(b, x));
    }

    public void checkDeterminism() {
        Activation a = create(config);
        Tensor x = Contracts.uniform(shape, seed);
        Tensor dy = Contracts.uniform(shape, seed + 1);
        Tensor y1 = apply(a, x);
        Tensor y2 = apply(a, x);
        Contracts.assertSameBits(subject() + ": forward twice", y1, y2);
        Tensor dx1 = Tensor.zeros(shape);
        Tensor dx2 = Tensor.zeros(shape);
        a.backward(backend, x, y1, dy, dx1);
        a.backward(backend, x, y1, dy, dx2);
        Contracts.assertSameBits(subject() + ": backward twice", dx1, dx2);
    }

    public void checkThreadSafeInference() {
        Activation a = create(config);
        int inputs = 8;
        Tensor[] x = new Tensor[inputs];
        Tensor[] expected = new Tensor[inputs];
        for (int i = 0; i < inputs; i++) {
            x[i] = Contracts.uniform(shape, seed + 10 + i);
            expected[i] = apply(a, x[i]);
        }
        List<Tensor> results = Concurrently.run(4, inputs * 8, i -> apply(a, x[i % inputs]));
        for (int i = 0; i < results.size(); i++) {
            Contracts.assertSameBits(subject() + ": values computed while other threads computed (call " + i
                    + ")", expected[i % inputs], results.get(i));
        }
    }

    public void checkSaveLoadRoundTrip() {
        Registries plugins = ContractRegistries.withActivation(
                registries != null ? registries : Registries.fromServiceLoader(), provider);
        Sequential model;
        try {
            model = Sequential.builder(shape.dropFirst()).registries(plugins).add(provider.name(), config).build();
        } catch (RuntimeException e) {
            throw new AssertionError(subject() + ": cannot be used as a layer: " + e, e);
        }
        Checkpoint loaded = Contracts.saveAndRead(subject(), Checkpoint.of(model), plugins);
        Tensor x = Contracts.uniform(shape, seed + 5);
        Contracts.assertSameBits(subject() + ": a model's output after saving and loading", model.predict(x, backend),
                loaded.model().predict(x, backend));
        if (!loaded.model().layers().get(0).config().equals(model.layers().get(0).config())) {
            throw new AssertionError(subject() + ": saved as " + model.layers().get(0).config() + ", loaded as "
                    + loaded.model().layers().get(0).config());
        }
    }

    private Activation create(Config c) {
        Activation a;
        try {
            a = provider.create(c);
        } catch (RuntimeException e) {
            throw new AssertionError(subject() + ": the provider cannot build it from " + c + ": " + e, e);
        }
        if (a == null) {
            throw new AssertionError(subject() + ": the provider returned null");
        }
        return a;
    }

    private Tensor apply(Activation a, Tensor x) {
        Tensor y = Tensor.zeros(x.shape());
        a.forward(backend, x, y);
        return y;
    }

    private String subject() {
        return "activation '" + provider.name() + "' " + config;
    }
}
