package org.nnj.onnx.spi;

/** A node just added to an {@link OnnxGraph}: its attributes are set here, and its output's name read. */
public interface OnnxNode {

    /** Sets the integer attribute {@code name}. */
    OnnxNode attribute(String name, long value);

    /** Sets the float attribute {@code name}. */
    OnnxNode attribute(String name, float value);

    /** Sets the string attribute {@code name}. */
    OnnxNode attribute(String name, String value);

    /** Sets the attribute {@code name} to a list of integers (kernel shapes, strides, pads). */
    OnnxNode ints(String name, long... values);

    /** The name of the node's output tensor. */
    String output();
}
