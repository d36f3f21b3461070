package org.nnj.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nnj.api.ShapeException;
import org.nnj.api.layer.Layer;
import org.nnj.api.tensor.Shape;

/**
 * Builds a {@link Sequential}, checking each layer's input shape against the output shape of the one
 * before as it is added. Made by {@link Sequential#builder(Shape)}; not thread-safe.
 *
 * <p>The seed ({@link #seed}, default 0, so that builds are reproducible unless asked otherwise) gives
 * every layer built by name its own initialisation seed, derived from the model seed and the layer's
 * index: changing one layer does not change how the others are initialised.
 */
public final class SequentialBuilder {
    private final Shape inputShape;
    private final List<Layer> layers = new ArrayList<>();
    private Shape currentShape;
    private long seed;

    SequentialBuilder(Shape inputShape) {
        this.inputShape = Objects.requireNonNull(inputShape, "inputShape");
        this.currentShape = inputShape;
    }

    /** The seed from which the layers built by name are initialised; set it before adding them. */
    public SequentialBuilder seed(long seed) {
        this.seed = seed;
        return this;
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

    long seed() {
        return seed;
    }

    private String previous() {
        int last = layers.size() - 1;
        return last < 0 ? "the model's input" : LayerNames.of(last, layers.get(last).type());
    }
}
