package org.nnj.spark;

import java.io.Serializable;
import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.core.io.Architecture;
import org.nnj.core.io.LayerSpec;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.SequentialBuilder;
import org.nnj.core.registry.Registries;

/**
 * What model a Spark job trains: a name of the small catalog below ({@code "mlp"}, the 784-256-128-10 ReLU
 * perceptron of {@code ./nn train --model mlp}) or an architecture in NNJ's JSON form (what a model file
 * stores under {@code nnj.architecture}, see {@link Architecture#toJson()}). Plain text, so that it is a
 * Spark ML {@code Param} and travels to executors as a string.
 *
 * @param text the catalog name or the JSON
 */
public record ModelSpec(String text) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The catalog name of the multi-layer perceptron. */
    public static final String MLP = "mlp";

    public ModelSpec {
        if (text == null || text.isBlank()) {
            throw new ConfigException("the model spec is empty; give a catalog name (" + MLP
                    + ") or an architecture as JSON");
        }
        text = text.strip();
    }

    /**
     * The model with fresh weights initialised from {@code seed}.
     *
     * @throws ConfigException for an unknown name (listing the known ones) or a layer config the provider rejects
     */
    public Sequential build(Registries registries, long seed) {
        if (text.startsWith("{")) {
            Architecture architecture = Architecture.fromJson(text, "the model spec");
            SequentialBuilder builder = Sequential.builder(architecture.inputShape()).registries(registries).seed(seed);
            for (LayerSpec layer : architecture.layers()) {
                builder.add(layer.type(), layer.config());
            }
            return builder.build();
        }
        if (!text.equals(MLP)) {
            throw new ConfigException("unknown model '" + text + "'; known models are [" + MLP
                    + "], or give an architecture as JSON");
        }
        // The same layers as ModelCatalog's "mlp" in nn-examples (which nn-spark cannot depend on).
        return Sequential.builder(Shape.of(784)).registries(registries).seed(seed)
                .add("dense", Config.of("units", 256)).add("relu", Config.empty())
                .add("dense", Config.of("units", 128)).add("relu", Config.empty())
                .add("dense", Config.of("units", 10))
                .build();
    }
}
