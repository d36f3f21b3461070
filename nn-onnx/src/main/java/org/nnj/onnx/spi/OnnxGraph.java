package org.nnj.onnx.spi;

import org.nnj.api.tensor.Tensor;

/**
 * The ONNX graph an {@link OnnxLayerExporter} adds its layer to. Names it makes are unique in the model and
 * start with the layer's index, so that a reader of the exported file finds each layer's nodes and weights.
 */
public interface OnnxGraph {

    /** The opset of the default ONNX domain the model declares: the operators available, as that opset defines them. */
    int opset();

    /**
     * Adds a node computing {@code opType} (an operator of the default domain, for example {@code "Mul"}) of
     * {@code inputs}, in order ({@code ""} for an omitted optional input), with one output, and returns it for
     * its attributes and its output's name.
     */
    OnnxNode node(String opType, String... inputs);

    /** Adds {@code value} as a float32 weight of its shape named {@code "<layer index>.<name>"}; returns that name. */
    String initializer(String name, Tensor value);

    /**
     * Adds a one-dimensional int64 constant (shapes, pads, indices) named {@code "<layer index>.<name>"}, and
     * returns that name.
     */
    String ints(String name, long... values);

    /** Adds a float32 scalar constant named {@code "<layer index>.<name>"}, and returns that name. */
    String scalar(String name, float value);
}
