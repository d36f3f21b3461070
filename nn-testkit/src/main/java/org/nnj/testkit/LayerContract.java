package org.nnj.testkit;

import java.util.List;
import java.util.Objects;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.Parameter;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.io.Architecture;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.model.CallContext;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;

/**
 * The contract every layer plugin must keep, as checks a plugin author calls from their own tests. Each
 * check builds the layer through its provider, as a model file would, and throws an
 * {@link AssertionError} that names the layer, its config and what broke.
 *
 * <pre>{@code
 * @Test
 * void keepsTheLayerContract() {
 *     LayerContract.of(new ScaleShiftProvider(), Config.empty(), Shape.of(6)).checkAll();
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #checkGradients}: the {@link GradientChecker} on the input and every parameter;</li>
 *   <li>{@link #checkShapeInference}: {@link Layer#outputShape()} is what forward really returns, for
 *       several batch sizes, in inference and training; backward returns the input's shape; a batch of
 *       the wrong shape is a {@link ShapeException};</li>
 *   <li>{@link #checkConfigRoundTrip}: {@link Layer#type()} is the provider's name, and the config
 *       (through the JSON of a model file) rebuilds a layer with the same config and shapes;</li>
 *   <li>{@link #checkSaveLoadRoundTrip}: a model of the layer saved to a file and loaded gives the same
 *       parameters, buffers (first set to values a fresh layer does not have) and outputs, bit for
 *       bit;</li>
 *   <li>{@link #checkThreadSafeInference}: predictions from several threads at once equal the
 *       one-thread ones, bit for bit (no per-call state in fields);</li>
 *   <li>{@link #checkDeterminism}: the same seed builds the same parameters, and the same context seed
 *       gives the same outputs and gradients, bit for bit.</li>
 * </ul>
 *
 * <p>The registries default to those {@link Registries#fromServiceLoader()} finds, with the provider under
 * test put in (replacing one of the same name); the backend defaults to a one-thread
 * {@link ScalarBackend}. Not thread-safe; a contract object is meant for one test.
 */
public final class LayerContract {
    private final LayerProvider provider;
    private final Config config;
    private final Shape inputShape;
    private Registries registries;
    private Registries prepared;
    private ComputeBackend backend = new ScalarBackend(1);
    private long seed = 42;
    private int batch = 3;
    private int threads = 4;
    private GradientCheckOptions gradientOptions = GradientCheckOptions.defaults();

    private LayerContract(LayerProvider provider, Config config, Shape inputShape) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.config = Objects.requireNonNull(config, "config");
        this.inputShape = Objects.requireNonNull(inputShape, "inputShape");
    }

    /** The contract of the layer {@code provider} builds from {@code config} for samples of {@code inputShape}. */
    public static LayerContract of(LayerProvider provider, Config config, Shape inputShape) {
        return new LayerContract(provider, config, inputShape);
    }

    /** The other plugins the layer may need (activations it looks up); the provider under test is added. */
    public LayerContract registries(Registries registries) {
        this.registries = Objects.requireNonNull(registries, "registries");
        this.prepared = null;
        return this;
    }

    public LayerContract backend(ComputeBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        return this;
    }

    /** The seed of the layer's initialisation and of the random inputs; default 42. */
    public LayerContract seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The batch size of the gradient check and the shape checks; default 3. */
    public LayerContract batch(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        this.batch = batch;
        return this;
    }

    /** For layers with kinks or large curvature; see {@link GradientCheckOptions}. */
    public LayerContract gradientOptions(GradientCheckOptions options) {
        this.gradientOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    /** Runs every check. */
    public void checkAll() {
        checkShapeInference();
        checkGradients();
        checkConfigRoundTrip();
        checkSaveLoadRoundTrip();
        checkThreadSafeInference();
        checkDeterminism();
    }

    public GradientCheckReport checkGradients() {
        return GradientChecker.checkLayer(build(seed).layers().get(0), backend, batch, seed, gradientOptions);
    }

    public void checkShapeInference() {
        Layer layer = build(seed).layers().get(0);
        String subject = subject();
        if (!layer.inputShape().equals(inputShape)) {
            throw new AssertionError(subject + ": inputShape() is " + layer.inputShape() + ", but it was built for "
                    + inputShape);
        }
        Shape out = layer.outputShape();
        for (int n : new int[] {1, batch, 2 * batch + 1}) {
            Tensor x = Contracts.uniform(inputShape.withBatch(n), seed + n);
            Tensor y = call(subject, "forward in inference on a batch " + x.shape(),
                    () -> layer.forward(x, CallContext.inference(backend)));
            if (!y.shape().equals(out.withBatch(n))) {
                throw new AssertionError(subject + ": outputShape() says " + out + " but forward returned "
                        + y.shape() + " for a batch of " + n + " in inference");
            }
            CallContext training = new CallContext(backend, true, true, seed);
            layer.parameters().forEach(Parameter::zeroGradient);
            Tensor yt = call(subject, "forward in training on a batch " + x.shape(), () -> layer.forward(x, training));
            if (!yt.shape().equals(out.withBatch(n))) {
                throw new AssertionError(subject + ": outputShape() says " + out + " but forward returned "
                        + yt.shape() + " for a batch of " + n + " in training");
            }
            Tensor dx = call(subject, "backward on a batch " + x.shape(),
                    () -> layer.backward(Contracts.uniform(yt.shape(), seed), training));
            if (dx == null || !dx.shape().equals(x.shape())) {
                throw new AssertionError(subject + ": backward returned " + (dx == null ? "null" : dx.shape())
                        + " as the input gradient of a batch " + x.shape());
            }
            for (Parameter p : layer.parameters()) {
                if (!p.gradient().shape().equals(p.value().shape())) {
                    throw new AssertionError(subject + ": parameter '" + p.name() + "' has shape " + p.shape()
                            + " but its gradient " + p.gradient().shape());
                }
            }
        }
        int[] wrong = inputShape.dims();
        if (wrong.length > 0) {
            wrong[wrong.length - 1]++;
            Tensor bad = Tensor.zeros(Shape.of(wrong).withBatch(batch));
            try {
                layer.forward(bad, CallContext.inference(backend));
                throw new AssertionError(subject + ": forward accepted a batch " + bad.shape()
                        + " although the layer was built for " + inputShape + " (extend AbstractLayer, which checks)");
            } catch (ShapeException expected) {
                // the contract: a wrong batch is a ShapeException
            }
        }
    }

    public void checkConfigRoundTrip() {
        Registries plugins = plugins();
        Sequential model = build(seed);
        Layer layer = model.layers().get(0);
        String subject = subject();
        if (!layer.type().equals(provider.name())) {
            throw new AssertionError(subject + ": type() is '" + layer.type() + "' but the provider is named '"
                    + provider.name() + "'; a model file could not rebuild it");
        }
        String json = Architecture.of(model, plugins).toJson();
        Sequential rebuilt;
        try {
            rebuilt = Architecture.fromJson(json, "the saved architecture").build(plugins);
        } catch (RuntimeException e) {
            throw new AssertionError(subject + ": its config " + layer.config() + ", saved as JSON (" + json
                    + "), does not rebuild the layer: " + e, e);
        }
        String again = Architecture.of(rebuilt, plugins).toJson();
        if (!again.equals(json)) {
            throw new AssertionError(subject + ": the rebuilt layer has another config: saved " + json
                    + ", rebuilt " + again);
        }
        Layer copy = rebuilt.layers().get(0);
        if (!copy.outputShape().equals(layer.outputShape())) {
            throw new AssertionError(subject + ": the rebuilt layer's output shape is " + copy.outputShape()
                    + ", the original's " + layer.outputShape());
        }
        List<Parameter> a = layer.parameters();
        List<Parameter> b = copy.parameters();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i >= a.size() || i >= b.size() || !a.get(i).name().equals(b.get(i).name())
                    || !a.get(i).shape().equals(b.get(i).shape())) {
                throw new AssertionError(subject + ": the rebuilt layer has the parameters " + b
                        + ", the original " + a);
            }
        }
    }

    public void checkSaveLoadRoundTrip() {
        Sequential model = build(seed);
        Contracts.moveBuffers(model, seed + 3);
        Checkpoint loaded = Contracts.saveAndRead(subject(), Checkpoint.of(model), plugins());
        Contracts.assertSameParameters(subject() + " after saving and loading", model, loaded.model());
        Tensor x = Contracts.uniform(inputShape.withBatch(batch), seed + 1);
        Contracts.assertSameBits(subject() + ": the output after saving and loading", model.predict(x, backend),
                loaded.model().predict(x, backend));
    }

    public void checkThreadSafeInference() {
        Sequential model = build(seed);
        int inputs = 8;
        Tensor[] x = new Tensor[inputs];
        Tensor[] expected = new Tensor[inputs];
        for (int i = 0; i < inputs; i++) {
            x[i] = Contracts.uniform(inputShape.withBatch(1 + i % batch), seed + 100 + i);
            expected[i] = model.predict(x[i], backend);
        }
        List<Tensor> results = Concurrently.run(threads, inputs * 8, i -> model.predict(x[i % inputs], backend));
        for (int i = 0; i < results.size(); i++) {
            Contracts.assertSameBits(subject() + ": a prediction made while other threads predicted (call " + i
                    + ") differs from the one-thread prediction; does the layer keep per-call state in a field?",
                    expected[i % inputs], results.get(i));
        }
    }

    public void checkDeterminism() {
        Sequential a = build(seed);
        Sequential b = build(seed);
        Contracts.assertSameParameters(subject() + ": two layers built with seed " + seed, a, b);
        Layer layer = a.layers().get(0);
        Tensor x = Contracts.uniform(inputShape.withBatch(batch), seed + 2);
        Tensor[] outputs = new Tensor[2];
        Tensor[][] gradients = new Tensor[2][];
        for (int run = 0; run < 2; run++) {
            layer.parameters().forEach(Parameter::zeroGradient);
            CallContext context = new CallContext(backend, true, true, seed);
            outputs[run] = layer.forward(x, context).copy();
            Tensor dx = layer.backward(Contracts.uniform(outputs[run].shape(), seed + 3), context);
            List<Parameter> ps = layer.parameters();
            gradients[run] = new Tensor[ps.size() + 1];
            gradients[run][0] = dx == null ? null : dx.copy();
            for (int i = 0; i < ps.size(); i++) {
                gradients[run][i + 1] = ps.get(i).gradient().copy();
            }
        }
        Contracts.assertSameBits(subject() + ": two training passes with one context seed, output", outputs[0],
                outputs[1]);
        for (int i = 0; i < gradients[0].length; i++) {
            if (gradients[0][i] != null) {
                Contracts.assertSameBits(subject() + ": two training passes with one context seed, gradient "
                        + (i == 0 ? "of the input" : "of '" + layer.parameters().get(i - 1).name() + "'"),
                        gradients[0][i], gradients[1][i]);
            }
        }
    }

    /** The layer's own failure, as the contract's: a layer must not throw on a batch of its shape. */
    private static Tensor call(String subject, String what, java.util.function.Supplier<Tensor> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw new AssertionError(subject + ": " + what + " failed: " + e, e);
        }
    }

    private Sequential build(long buildSeed) {
        try {
            return Sequential.builder(inputShape).registries(plugins()).seed(buildSeed).add(provider.name(), config)
                    .build();
        } catch (RuntimeException e) {
            throw new AssertionError(subject() + ": the provider cannot build it: " + e, e);
        }
    }

    private Registries plugins() {
        if (prepared == null) {
            prepared = ContractRegistries.withLayer(registries != null ? registries : Registries.fromServiceLoader(),
                    provider);
        }
        return prepared;
    }

    private String subject() {
        return "layer '" + provider.name() + "' " + config + " on " + inputShape;
    }
}
