package org.nnj.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nnj.api.DataFormatException;
import org.nnj.api.ProviderException;
import org.nnj.api.layer.Layer;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.tensor.Shape;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.SequentialBuilder;
import org.nnj.core.registry.Registries;

/**
 * What a model is made of, without its weights: the per-sample input shape and, per layer, the provider
 * name, the provider's version and the config. This is what a model file stores in its metadata
 * ({@code "nnj.architecture"}), as JSON:
 *
 * <pre>{@code
 * {"input_shape": [784],
 *  "layers": [{"type": "dense", "version": 1, "config": {"units": 128, "bias": true, "init": "xavier"}},
 *             {"type": "activation", "version": 1, "config": {"function": "relu"}},
 *             {"type": "dense", "version": 1, "config": {"units": 10, "bias": true, "init": "xavier"}}]}
 * }</pre>
 *
 * {@link #build} rebuilds an equal model (weights aside) through the providers, with every shape checked
 * as {@link SequentialBuilder} does.
 *
 * @param inputShape the model's per-sample input shape
 * @param layers     the layers in order; read-only
 */
public record Architecture(Shape inputShape, List<LayerSpec> layers) {

    public Architecture {
        Objects.requireNonNull(inputShape, "inputShape");
        layers = List.copyOf(layers);
    }

    /**
     * The architecture of {@code model}, with each layer's provider version from {@code registries}.
     *
     * @throws ProviderException when a layer's type has no provider in {@code registries}: such a model
     *                           could be saved but never loaded again
     */
    public static Architecture of(Sequential model, Registries registries) {
        List<LayerSpec> specs = new ArrayList<>();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            LayerProvider provider = registries.layers().find(layer.type()).orElseThrow(() -> new ProviderException(
                    "cannot save layer " + specs.size() + " (" + layer.type() + "): no layer provider named '"
                            + layer.type() + "' is registered, so the file could not be loaded again; known layer"
                            + " names: " + registries.layers().names()));
            specs.add(new LayerSpec(layer.type(), provider.version(), layer.config()));
        }
        return new Architecture(model.inputShape(), specs);
    }

    /**
     * A model of this architecture built through {@code registries}, with fresh weights (initialised from
     * seed 0; a model file then loads its own).
     *
     * @throws ProviderException for a layer type that is not registered (the message lists the known ones)
     * @throws org.nnj.api.ConfigException for a config the provider rejects
     * @throws org.nnj.api.ShapeException when a layer cannot take the shape before it
     */
    public Sequential build(Registries registries) {
        SequentialBuilder builder = Sequential.builder(inputShape).registries(registries);
        for (LayerSpec spec : layers) {
            builder.add(spec.type(), spec.config());
        }
        return builder.build();
    }

    /** The JSON form shown above. */
    public String toJson() {
        ObjectNode root = Json.object();
        ArrayNode shape = root.putArray("input_shape");
        for (int d : inputShape.dims()) {
            shape.add(d);
        }
        ArrayNode list = root.putArray("layers");
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec spec = layers.get(i);
            list.addObject().put("type", spec.type()).put("version", spec.version())
                    .set("config", Json.fromConfig(spec.config(), "layer " + i + " (" + spec.type() + ")"));
        }
        return Json.write(root);
    }

    /**
     * Parses the JSON form; {@code where} names it in messages.
     *
     * @throws DataFormatException naming the field that is missing or of the wrong kind
     */
    public static Architecture fromJson(String json, String where) {
        JsonNode root = Json.parse(json, where);
        if (!root.isObject()) {
            throw new DataFormatException(where + ": expected a JSON object, got " + Json.describe(root));
        }
        JsonNode shapeNode = Json.field(root, "input_shape", where);
        if (!shapeNode.isArray()) {
            throw new DataFormatException(where + ": 'input_shape' must be an array of dimensions, got "
                    + Json.describe(shapeNode));
        }
        int[] dims = new int[shapeNode.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 1) {
                throw new DataFormatException(where + ": dimension " + i + " of 'input_shape' must be a positive"
                        + " integer, got " + Json.describe(d));
            }
            dims[i] = d.intValue();
        }
        JsonNode list = Json.field(root, "layers", where);
        if (!list.isArray()) {
            throw new DataFormatException(where + ": 'layers' must be an array, got " + Json.describe(list));
        }
        List<LayerSpec> specs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode layer = list.get(i);
            String at = where + ", layer " + i;
            String type = Json.text(layer, "type", at);
            specs.add(new LayerSpec(type, Json.version(layer, at),
                    Json.toConfig(Json.field(layer, "config", at), at + " (" + type + ") config")));
        }
        return new Architecture(Shape.of(dims), specs);
    }
}
