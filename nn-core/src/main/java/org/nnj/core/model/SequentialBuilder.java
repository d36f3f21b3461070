package org.nnj.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.nnj.api.ProviderException;
import org.nnj.api.ShapeException;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.tensor.Shape;
import org.nnj.core.registry.Registries;

/**
 * Builds a {@link Sequential}, checking each layer's input shape against the output shape of the one
 * before as it is added. Made by {@link Sequential#builder(Shape)}; not thread-safe.
 *
 * <p>Layers are added either as objects ({@link #add(Layer)}) or by their provider's name and a config
 * ({@link #add(String, Config)}), which is how a model file rebuilds a model. Names are looked up in the
 * {@link #registries} given, or else in {@link Registries#fromServiceLoader()}, found on first use.
 *
 * <p>The seed ({@link #seed}, default 0, so that builds are reproducible unless asked otherwise) gives
 * every layer built by name its own initialisation seed, derived from the model seed and the layer's
 * index: changing one layer does not change how the others are initialised.
 */
public final class SequentialBuilder {
    /** The layer that wraps an activation, in nn-layers: its config names the function. */
    static final String ACTIVATION_LAYER = "activation";

    private final Shape inputShape;
    private final List<Layer> layers = new ArrayList<>();
    private Shape currentShape;
    private long seed;
    private Registries registries;

    SequentialBuilder(Shape inputShape) {
        this.inputShape = Objects.requireNonNull(inputShape, "inputShape");
        this.currentShape = inputShape;
    }

    /** The seed from which the layers built by name are initialised; set it before adding them. */
    public SequentialBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The plugins to build layers by name from; by default those {@link java.util.ServiceLoader} finds. */
    public SequentialBuilder registries(Registries registries) {
        this.registries = Objects.requireNonNull(registries, "registries");
        return this;
    }

    /**
     * Appends a layer built by the layer provider named {@code type} from {@code config}, for the current
     * output shape of the model. When {@code type} is not a layer but an activation ({@code "relu"}), an
     * activation layer applying it is added: the same as {@code add("activation", {function: type,
     * ...config})}.
     *
     * <p>The provider gets the layer's name for messages ({@code "layer 2 (dense)"}), a seed derived from
     * the model's seed and the layer's index, and access to the activations. Errors it raises carry that
     * name.
     *
     * @throws ProviderException if no layer or activation has that name (the message lists the known
     *                           ones), or the provider fails or builds a layer of another type
     * @throws org.nnj.api.ConfigException for a bad or unknown config key
     * @throws ShapeException  when the layer cannot take the current shape
     */
    public SequentialBuilder add(String type, Config config) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(config, "config");
        int index = layers.size();
        String layerName = LayerNames.of(index, type);
        Registries plugins = registries();
        Resolved resolved = resolve(plugins, type, config, layerName);
        Layer layer;
        try {
            layer = resolved.provider().create(resolved.config().describedAs(layerName),
                    new LayerBuildContext(currentShape, Seeds.derive(seed, index), layerName, plugins));
        } catch (RuntimeException e) {
            throw LayerErrors.named(layerName, e);
        }
        if (layer == null || !resolved.type().equals(layer.type())) {
            throw new ProviderException(layerName + ": the '" + resolved.type() + "' provider "
                    + (layer == null ? "returned null" : "built a " + layer.getClass().getName()
                    + " whose type() is '" + layer.type() + "'; they must agree, or a saved model could not"
                    + " be rebuilt"));
        }
        return add(layer);
    }

    /** The provider to build with, the type it must build, and its config. */
    private record Resolved(LayerProvider provider, String type, Config config) {
    }

    /** A layer name as it is; an activation name as the activation layer applying it. */
    private static Resolved resolve(Registries plugins, String type, Config config, String layerName) {
        Optional<LayerProvider> layer = plugins.layers().find(type);
        if (layer.isPresent()) {
            return new Resolved(layer.get(), type, config);
        }
        if (plugins.activations().find(type).isEmpty()) {
            String unknown;
            try {
                plugins.layers().get(type);
                unknown = "unknown layer '" + type + "'";
            } catch (ProviderException e) {
                unknown = e.getMessage(); // the registry's message: the known names, a close match
            }
            throw new ProviderException(layerName + ": " + unknown
                    + " Activations are accepted as layers too; known activation names: "
                    + plugins.activations().names());
        }
        LayerProvider wrapper = plugins.layers().find(ACTIVATION_LAYER).orElseThrow(() -> new ProviderException(
                layerName + ": '" + type + "' is an activation, but no '" + ACTIVATION_LAYER + "' layer is"
                + " registered to apply it (is nn-layers on the class path?); known layer names: "
                + plugins.layers().names()));
        return new Resolved(wrapper, ACTIVATION_LAYER, Config.of("function", type).withAll(config));
    }

    /**
     * Appends a layer that was built elsewhere.
     *
     * @throws ShapeException if the layer's input shape is not the current output shape of the model; the
     *                        message names the layer's index and type and both shapes
     */
    public SequentialBuilder add(Layer layer) {
        Objects.requireNonNull(layer, "layer");
        int index = layers.size();
        if (!layer.inputShape().equals(currentShape)) {
            throw new ShapeException(LayerNames.of(index, layer.type()) + ": expects input shape "
                    + layer.inputShape() + ", but " + previous() + " gives " + currentShape);
        }
        layers.add(layer);
        currentShape = layer.outputShape();
        return this;
    }

    /** The per-sample output shape of the layers added so far (the input shape before any). */
    public Shape currentShape() {
        return currentShape;
    }

    /** The model. The builder may go on to build a longer one; the layers are shared. */
    public Sequential build() {
        return new Sequential(inputShape, layers);
    }

    private Registries registries() {
        if (registries == null) {
            registries = Registries.fromServiceLoader();
        }
        return registries;
    }

    private String previous() {
        int last = layers.size() - 1;
        return last < 0 ? "the model's input" : LayerNames.of(last, layers.get(last).type());
    }
}
