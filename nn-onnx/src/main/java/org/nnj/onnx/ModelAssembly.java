package org.nnj.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnj.api.NnException;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.SequentialBuilder;
import org.nnj.core.registry.Registries;

/**
 * The model being imported: layers added by name through the registries (so that a model file can rebuild
 * them), each with the weights the file gives it, copied in when the model is complete. Errors from the
 * providers (a shape that does not fit, a value out of range) are reported at the node that made the layer.
 */
final class ModelAssembly {
    private final SequentialBuilder builder;
    private final List<Map<String, Weights>> weights = new ArrayList<>();
    private final List<OnnxNode> sources = new ArrayList<>();

    ModelAssembly(Shape inputShape, Registries registries) {
        this.builder = Sequential.builder(inputShape).registries(registries);
    }

    /** The per-sample output shape of the layers so far. */
    Shape currentShape() {
        return builder.currentShape();
    }

    /** Adds the layer {@code type} with {@code config} for {@code node}, to receive {@code values} by name. */
    void add(OnnxNode node, String type, Config config, Map<String, Weights> values) {
        try {
            builder.add(type, config);
        } catch (NnException e) {
            throw node.error(e.getMessage());
        }
        weights.add(values);
        sources.add(node);
    }

    /** The model, with the weights copied into its layers' parameters and buffers. */
    Sequential build() {
        Sequential model = builder.build();
        for (int i = 0; i < weights.size(); i++) {
            copy(model.layers().get(i), weights.get(i), sources.get(i));
        }
        return model;
    }

    private static void copy(Layer layer, Map<String, Weights> values, OnnxNode node) {
        Map<String, Tensor> targets = new LinkedHashMap<>();
        for (Parameter p : layer.parameters()) {
            targets.put(p.name(), p.value());
        }
        targets.putAll(layer.buffers());
        for (Map.Entry<String, Weights> e : values.entrySet()) {
            Tensor target = targets.get(e.getKey());
            Weights w = e.getValue();
            if (target == null || !target.shape().equals(Shape.of(w.dims()))) {
                throw node.error("the " + layer.type() + " layer built for it has " + (target == null ? "no '"
                        + e.getKey() + "'" : "'" + e.getKey() + "' of shape " + target.shape()) + " where the file"
                        + " has " + Arrays.toString(w.dims()) + "; is a plugin replacing the built-in "
                        + layer.type() + "?");
            }
            System.arraycopy(w.data(), 0, target.data(), target.offset(), w.data().length);
        }
    }
}
