package org.nnj.core.registry;

import java.lang.System.Logger.Level;
import java.util.Objects;
import org.nnj.api.ProviderException;
import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.spi.ActivationProvider;
import org.nnj.api.spi.ComputeBackendProvider;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.spi.LossProvider;
import org.nnj.api.spi.OptimizerProvider;
import org.nnj.api.spi.Provider;

/**
 * The five plugin registries together: layers, activations, losses, optimizers and compute backends.
 * Immutable and thread-safe.
 *
 * <p>Without Guice, {@link #fromServiceLoader()} finds every provider on the class path; with Guice,
 * {@code NnModule} builds one from its multibindings. The convenience builders ({@link #activation},
 * {@link #loss}, {@link #optimizer}) look the provider up (an unknown name lists the known ones) and
 * check that what it built reports the same type name, since that name is what a model file stores.
 */
public final class Registries {
    private static final System.Logger LOG = System.getLogger("org.nnj.registry");

    private final ProviderRegistry<LayerProvider> layers;
    private final ProviderRegistry<ActivationProvider> activations;
    private final ProviderRegistry<LossProvider> losses;
    private final ProviderRegistry<OptimizerProvider> optimizers;
    private final ProviderRegistry<ComputeBackendProvider> backends;

    /** Registries from explicit, already checked registries (this is what the Guice module uses). */
    public Registries(ProviderRegistry<LayerProvider> layers,
                      ProviderRegistry<ActivationProvider> activations,
                      ProviderRegistry<LossProvider> losses,
                      ProviderRegistry<OptimizerProvider> optimizers,
                      ProviderRegistry<ComputeBackendProvider> backends) {
        this.layers = Objects.requireNonNull(layers, "layers");
        this.activations = Objects.requireNonNull(activations, "activations");
        this.losses = Objects.requireNonNull(losses, "losses");
        this.optimizers = Objects.requireNonNull(optimizers, "optimizers");
        this.backends = Objects.requireNonNull(backends, "backends");
        for (ProviderRegistry<?> r : new ProviderRegistry<?>[] {layers, activations, losses, optimizers, backends}) {
            LOG.log(Level.DEBUG, () -> "NNJ " + r.kind() + " providers: " + r.names());
        }
    }

    /**
     * Every provider visible to the thread's context class loader (or, when there is none, to the loader
     * of NNJ itself).
     *
     * @throws ProviderException when two providers of one kind share a name, or a name is malformed
     */
    public static Registries fromServiceLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return fromServiceLoader(loader != null ? loader : Registries.class.getClassLoader());
    }

    /** Every provider visible to {@code classLoader}; broken providers are skipped with a warning. */
    public static Registries fromServiceLoader(ClassLoader classLoader) {
        return new Registries(
                load("layer", LayerProvider.class, classLoader),
                load("activation", ActivationProvider.class, classLoader),
                load("loss", LossProvider.class, classLoader),
                load("optimizer", OptimizerProvider.class, classLoader),
                load("backend", ComputeBackendProvider.class, classLoader));
    }

    private static <P extends Provider> ProviderRegistry<P> load(String kind, Class<P> spi, ClassLoader loader) {
        return ProviderRegistry.of(kind, spi, ServiceLoading.load(spi, loader));
    }

    public ProviderRegistry<LayerProvider> layers() {
        return layers;
    }

    public ProviderRegistry<ActivationProvider> activations() {
        return activations;
    }

    public ProviderRegistry<LossProvider> losses() {
        return losses;
    }

    public ProviderRegistry<OptimizerProvider> optimizers() {
        return optimizers;
    }

    public ProviderRegistry<ComputeBackendProvider> backends() {
        return backends;
    }

    /** The activation {@code name} built from {@code config}. */
    public Activation activation(String name, Config config) {
        Activation a = activations.get(name).create(config);
        return checkBuilt("activation", name, a, a == null ? null : a.type());
    }

    /** The loss {@code name} built from {@code config}. */
    public Loss loss(String name, Config config) {
        Loss l = losses.get(name).create(config);
        return checkBuilt("loss", name, l, l == null ? null : l.type());
    }

    /** The optimizer {@code name} built from {@code config}. */
    public Optimizer optimizer(String name, Config config) {
        Optimizer o = optimizers.get(name).create(config);
        return checkBuilt("optimizer", name, o, o == null ? null : o.type());
    }

    private static <T> T checkBuilt(String kind, String name, T built, String type) {
        if (built == null) {
            throw new ProviderException(kind + " provider '" + name + "' returned null");
        }
        if (!name.equals(type)) {
            throw new ProviderException(kind + " provider '" + name + "' built a " + built.getClass().getName()
                    + " whose type() is '" + type + "'; they must agree, or a saved model could not be rebuilt");
        }
        return built;
    }

    /** For example {@code "Registries{layers=[dense], activations=[relu], ...}"}. */
    @Override
    public String toString() {
        return "Registries{layers=" + layers.names() + ", activations=" + activations.names()
                + ", losses=" + losses.names() + ", optimizers=" + optimizers.names()
                + ", backends=" + backends.names() + "}";
    }
}
