package org.nnj.onnx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nnj.api.tensor.Shape;
import org.nnj.onnx.proto.OnnxProto.AttributeProto;
import org.nnj.onnx.proto.OnnxProto.GraphProto;
import org.nnj.onnx.proto.OnnxProto.NodeProto;
import org.nnj.onnx.proto.OnnxProto.TensorProto;
import org.nnj.onnx.proto.OnnxProto.TensorShapeProto;
import org.nnj.onnx.proto.OnnxProto.TypeProto;
import org.nnj.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * An ONNX graph checked to be what a {@link org.nnj.core.model.Sequential} can be: one input, one output, and
 * nodes that each read the output of the node before (plus constants: initializers and {@code Constant}
 * nodes). A branch, a second input, a value read twice, or a node reading something else is refused with the
 * node's name and what it reads.
 */
final class GraphChain {
    private final String file;
    private final Map<String, TensorProto> constants = new HashMap<>();
    private final List<OnnxNode> nodes = new ArrayList<>();
    /** The Constant nodes and the folded ones: not layers. */
    private final Set<NodeProto> folded = Collections.newSetFromMap(new IdentityHashMap<>());
    private Shape inputShape;

    private GraphChain(String file) {
        this.file = file;
    }

    /**
     * The chain of {@code graph}, read from the model file {@code file} (for messages); integer computations
     * on constants are folded with {@code data}'s values.
     */
    static GraphChain of(GraphProto graph, String file, TensorData data) throws IOException {
        GraphChain chain = new GraphChain(file);
        chain.read(graph, new ConstantFolding(data));
        return chain;
    }

    /** The nodes in order, without {@code Constant} nodes. */
    List<OnnxNode> nodes() {
        return nodes;
    }

    /** The per-sample input shape: the graph input's shape without its batch dimension. */
    Shape inputShape() {
        return inputShape;
    }

    /** The tensor of initializer or {@code Constant} output {@code name}, or null when it is neither. */
    TensorProto constant(String name) {
        return constants.get(name);
    }

    private void read(GraphProto graph, ConstantFolding folding) throws IOException {
        for (TensorProto t : graph.getInitializerList()) {
            constants.put(t.getName(), t);
        }
        if (graph.getSparseInitializerCount() > 0) {
            throw new OnnxException(file + ": the graph has sparse initializers; NNJ imports dense weights only");
        }
        for (NodeProto n : graph.getNodeList()) {
            if (!isDefaultDomain(n)) {
                continue;
            }
            if (n.getOpType().equals("Constant")) {
                constants.put(single(n, n.getOutputList()), constantValue(new OnnxNode(n, file)));
                folded.add(n);
            } else if (foldable(n)) {
                List<TensorProto> in = new ArrayList<>();
                for (String name : n.getInputList()) {
                    in.add(name.isEmpty() ? null : constants.get(name));
                }
                constants.put(single(n, n.getOutputList()), folding.fold(new OnnxNode(n, file), in));
                folded.add(n);
            }
        }
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : graph.getInputList()) {
            if (!constants.containsKey(v.getName())) { // IR < 4 lists initializers among the inputs
                inputs.add(v);
            }
        }
        if (inputs.size() != 1) {
            throw new OnnxException(file + ": the graph has " + inputs.size() + " inputs "
                    + inputs.stream().map(ValueInfoProto::getName).toList() + "; NNJ imports models with exactly one"
                    + " input (a chain of layers)");
        }
        if (graph.getOutputCount() != 1) {
            throw new OnnxException(file + ": the graph has " + graph.getOutputCount() + " outputs "
                    + graph.getOutputList().stream().map(ValueInfoProto::getName).toList() + "; NNJ imports models"
                    + " with exactly one output (a chain of layers)");
        }
        inputShape = sampleShape(inputs.get(0));
        Map<String, Integer> reads = new LinkedHashMap<>();
        for (NodeProto n : graph.getNodeList()) {
            if (folded.contains(n)) {
                continue;
            }
            for (String in : n.getInputList()) {
                if (!in.isEmpty() && !constants.containsKey(in)) {
                    reads.merge(in, 1, Integer::sum);
                }
            }
        }
        String current = inputs.get(0).getName();
        String output = graph.getOutput(0).getName();
        for (NodeProto n : graph.getNodeList()) {
            if (folded.contains(n)) {
                continue;
            }
            OnnxNode node = new OnnxNode(n, file);
            if (!isDefaultDomain(n)) {
                throw node.error("operator domain '" + n.getDomain() + "' is not supported; NNJ imports the"
                        + " standard ONNX operators (domain ai.onnx) only");
            }
            List<String> data = new ArrayList<>();
            for (String in : n.getInputList()) {
                if (!in.isEmpty() && !constants.containsKey(in)) {
                    data.add(in);
                }
            }
            if (data.size() != 1 || !data.get(0).equals(current)) {
                throw node.error("reads " + data + " but the previous node's output is '" + current + "'; NNJ"
                        + " imports graphs that are a chain of layers (each node reads the one before, plus"
                        + " weights); branches, skip connections and shape computations are not supported"
                        + (n.getOpType().equals("Shape") || n.getOpType().equals("Reshape")
                        ? " (a flatten written as x.view(x.size(0), -1) exports as one: use torch.flatten(x, 1))"
                        : ""));
            }
            if (reads.getOrDefault(current, 0) > 1 || current.equals(output)) {
                throw node.error("'" + current + "' is read by " + reads.get(current) + " nodes"
                        + (current.equals(output) ? " and is the graph's output" : "") + "; NNJ imports graphs that"
                        + " are a chain of layers, without branches");
            }
            if (n.getOutputCount() == 0 || n.getOutput(0).isEmpty()) {
                throw node.error("has no output");
            }
            for (int i = 1; i < n.getOutputCount(); i++) {
                String extra = n.getOutput(i);
                if (!extra.isEmpty() && (reads.containsKey(extra) || extra.equals(output))) {
                    throw node.error("its output " + i + " '" + extra + "' is used; NNJ imports only the first"
                            + " output of a node (for example not Dropout's mask or MaxPool's indices)");
                }
            }
            nodes.add(node);
            current = n.getOutput(0);
        }
        if (!current.equals(output)) {
            throw new OnnxException(file + ": the graph's output is '" + output + "' but the chain of nodes ends in '"
                    + current + "'; NNJ imports graphs that are a chain of layers");
        }
    }

    /**
     * Whether {@code n} is an integer computation on constants ({@link ConstantFolding}): one of its operators,
     * with every input an integer constant.
     */
    private boolean foldable(NodeProto n) {
        if (!ConstantFolding.OPERATORS.contains(n.getOpType()) || n.getInputCount() == 0) {
            return false;
        }
        for (String name : n.getInputList()) {
            TensorProto t = name.isEmpty() ? null : constants.get(name);
            if (!name.isEmpty() && (t == null || t.getDataType() != TensorProto.DataType.INT64_VALUE
                    && t.getDataType() != TensorProto.DataType.INT32_VALUE)) {
                return false;
            }
        }
        return true;
    }

    private String single(NodeProto n, List<String> outputs) {
        if (outputs.size() != 1) {
            throw new OnnxNode(n, file).error("has " + outputs.size() + " outputs, expected 1");
        }
        return outputs.get(0);
    }

    /** A {@code Constant} node's value as a tensor: attribute value, value_float(s) or value_int(s). */
    private static TensorProto constantValue(OnnxNode node) {
        node.requireOnly("value", "value_float", "value_floats", "value_int", "value_ints");
        AttributeProto value = node.attribute("value");
        if (value != null) {
            return value.getT().toBuilder().setName(node.proto().getOutput(0)).build();
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(node.proto().getOutput(0));
        if (node.has("value_float")) {
            return t.setDataType(TensorProto.DataType.FLOAT_VALUE).addFloatData(node.getFloat("value_float", 0)).build();
        }
        if (node.has("value_floats")) {
            AttributeProto a = node.attribute("value_floats");
            return t.setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(a.getFloatsCount())
                    .addAllFloatData(a.getFloatsList()).build();
        }
        if (node.has("value_int")) {
            return t.setDataType(TensorProto.DataType.INT64_VALUE).addInt64Data(node.getInt("value_int", 0)).build();
        }
        if (node.has("value_ints")) {
            AttributeProto a = node.attribute("value_ints");
            return t.setDataType(TensorProto.DataType.INT64_VALUE).addDims(a.getIntsCount())
                    .addAllInt64Data(a.getIntsList()).build();
        }
        throw node.error("has no value; NNJ reads the attributes value, value_float(s) and value_int(s)");
    }

    private Shape sampleShape(ValueInfoProto input) {
        String where = file + ": graph input '" + input.getName() + "'";
        TypeProto type = input.getType();
        if (!type.hasTensorType()) {
            throw new OnnxException(where + " is not a tensor; NNJ imports models that take one float tensor");
        }
        int elem = type.getTensorType().getElemType();
        if (elem != TensorProto.DataType.FLOAT_VALUE) {
            throw new OnnxException(where + " has element type " + TensorData.typeName(elem) + "; NNJ imports models"
                    + " that take float32 input");
        }
        if (!type.getTensorType().hasShape()) {
            throw new OnnxException(where + " has no shape; NNJ needs the input's shape ([N, features] or"
                    + " [N, C, H, W]); export the model with an example input of that shape");
        }
        List<TensorShapeProto.Dimension> dims = type.getTensorType().getShape().getDimList();
        if (dims.size() < 2) {
            throw new OnnxException(where + " has rank " + dims.size() + "; NNJ needs a batch dimension first, then"
                    + " the sample's ([N, features] or [N, C, H, W])");
        }
        int[] sample = new int[dims.size() - 1];
        for (int i = 1; i < dims.size(); i++) {
            TensorShapeProto.Dimension d = dims.get(i);
            if (!d.hasDimValue() || d.getDimValue() < 1 || d.getDimValue() > Integer.MAX_VALUE) {
                throw new OnnxException(where + ": dimension " + i + " is " + (d.hasDimParam() ? "symbolic ('"
                        + d.getDimParam() + "')" : d.hasDimValue() ? String.valueOf(d.getDimValue()) : "unknown")
                        + "; NNJ builds a model for one sample shape, so only the batch dimension (0) may be dynamic;"
                        + " export with fixed sizes for the others");
            }
            sample[i - 1] = (int) d.getDimValue();
        }
        return Shape.of(sample);
    }

    private static boolean isDefaultDomain(NodeProto n) {
        return n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
    }
}
