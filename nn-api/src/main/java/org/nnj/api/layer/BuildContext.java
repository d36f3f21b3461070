package org.nnj.api.layer;

import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;

/**
 * What a {@link org.nnj.api.spi.LayerProvider} gets, besides the layer's config, to build a layer at a
 * place in a model: the input shape (so that a dense layer infers its input size, as Keras does), a seed
 * for initialisation, and access to the other plugins (an activation layer looks its function up by
 * name).
 */
public interface BuildContext {

    /** The per-sample input shape of the layer being built (without the batch dimension). */
    Shape inputShape();

    /** The seed for this layer's initialisation, derived from the model's seed and the layer's index. */
    long seed();

    /** A name for messages, for example {@code "layer 2 (dense)"}. */
    String layerName();

    /** The activation registered under {@code name}, built from {@code config}. */
    Activation activation(String name, Config config);
}
