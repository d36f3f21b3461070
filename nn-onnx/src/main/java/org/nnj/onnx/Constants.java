package org.nnj.onnx;

import java.io.IOException;
import org.nnj.onnx.proto.OnnxProto.TensorProto;

/**
 * The constant inputs of nodes (weights, shapes, pads, ratios): initializers and {@code Constant} outputs,
 * decoded by {@link TensorData}. An input that the graph computes instead is refused, naming the node.
 */
final class Constants {
    private final GraphChain chain;
    private final TensorData data;

    Constants(GraphChain chain, TensorData data) {
        this.chain = chain;
        this.data = data;
    }

    /** Whether {@code name} is a constant. */
    boolean has(String name) {
        return chain.constant(name) != null;
    }

    /** The constant input {@code name} of {@code node} ({@code role} names it in messages). */
    TensorProto tensor(OnnxNode node, String name, String role) {
        if (name.isEmpty()) {
            throw node.error("has no input " + role);
        }
        TensorProto t = chain.constant(name);
        if (t == null) {
            throw node.error("input " + role + " '" + name + "' is computed by the graph; NNJ imports " + role
                    + " only from an initializer or a Constant node");
        }
        return t;
    }

    int[] dims(OnnxNode node, String name, String role) {
        return data.dims(tensor(node, name, role));
    }

    float[] floats(OnnxNode node, String name, String role) throws IOException {
        return data.floats(tensor(node, name, role));
    }

    long[] longs(OnnxNode node, String name, String role) throws IOException {
        return data.longs(tensor(node, name, role));
    }
}
