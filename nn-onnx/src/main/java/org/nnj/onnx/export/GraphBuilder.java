package org.nnj.onnx.export;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nnj.api.tensor.Tensor;
import org.nnj.onnx.OnnxException;
import org.nnj.onnx.proto.OnnxProto.AttributeProto;
import org.nnj.onnx.proto.OnnxProto.GraphProto;
import org.nnj.onnx.proto.OnnxProto.NodeProto;
import org.nnj.onnx.proto.OnnxProto.TensorProto;
import org.nnj.onnx.spi.OnnxGraph;
import org.nnj.onnx.spi.OnnxNode;

/**
 * The {@link OnnxGraph} the exporters write into: an ONNX {@code GraphProto} under construction. Every name it
 * makes starts with the current layer's index ({@code "3.weight"}, {@code "3/Gemm"}), and a name given twice
 * is refused, so one layer cannot overwrite another's tensors.
 */
final class GraphBuilder implements OnnxGraph {
    private final List<NodeProto.Builder> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final int opset;
    private final Set<String> names = new HashSet<>();
    private String prefix = "";
    /** How many nodes of each operator the current layer has, for their names. */
    private final Map<String, Integer> operators = new HashMap<>();

    GraphBuilder(int opset) {
        this.opset = opset;
    }

    /** From now on, names start with {@code index}. */
    void beginLayer(int index) {
        prefix = Integer.toString(index);
        operators.clear();
    }

    /** Reserves a name that the graph itself uses (its input). */
    void reserve(String name) {
        names.add(name);
    }

    @Override
    public int opset() {
        return opset;
    }

    @Override
    public OnnxNode node(String opType, String... inputs) {
        Objects.requireNonNull(opType, "opType");
        int n = operators.merge(opType, 1, Integer::sum);
        String name = unique(prefix + "/" + opType + (n == 1 ? "" : "_" + n));
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setName(name).addOutput(name);
        for (String input : inputs) {
            node.addInput(Objects.requireNonNull(input, "input"));
        }
        nodes.add(node);
        return new Node(node);
    }

    @Override
    public String initializer(String name, Tensor value) {
        String full = unique(prefix + "." + name);
        ByteBuffer bytes = ByteBuffer.allocate(4 * value.size()).order(ByteOrder.LITTLE_ENDIAN);
        float[] data = value.data();
        for (int i = 0; i < value.size(); i++) {
            bytes.putFloat(data[value.offset() + i]);
        }
        bytes.flip();
        TensorProto.Builder t = TensorProto.newBuilder().setName(full)
                .setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(bytes));
        for (int d : value.shape().dims()) {
            t.addDims(d);
        }
        initializers.add(t.build());
        return full;
    }

    @Override
    public String ints(String name, long... values) {
        String full = unique(prefix + "." + name);
        TensorProto.Builder t = TensorProto.newBuilder().setName(full)
                .setDataType(TensorProto.DataType.INT64_VALUE).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        initializers.add(t.build());
        return full;
    }

    @Override
    public String scalar(String name, float value) {
        String full = unique(prefix + "." + name);
        initializers.add(TensorProto.newBuilder().setName(full).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addFloatData(value).build());
        return full;
    }

    /**
     * Names the tensor {@code last} {@code output}: renames the output of the node that computes it, or adds an
     * Identity node when no node does (a model that only reshapes, or has no layers).
     */
    void finish(String last, String output, GraphProto.Builder graph) {
        if (!renameOutput(last, output)) {
            nodes.add(NodeProto.newBuilder().setOpType("Identity").setName(output).addInput(last).addOutput(output));
        }
        for (NodeProto.Builder node : nodes) {
            graph.addNode(node.build());
        }
        graph.addAllInitializer(initializers);
    }

    /** Renames the tensor {@code last} wherever a node computes or reads it; whether a node computes it. */
    private boolean renameOutput(String last, String output) {
        if (nodes.stream().noneMatch(n -> n.getOutputList().contains(last))) {
            return false; // the graph input, or a constant
        }
        for (NodeProto.Builder node : nodes) {
            for (int i = 0; i < node.getInputCount(); i++) {
                if (node.getInput(i).equals(last)) {
                    node.setInput(i, output);
                }
            }
            for (int o = 0; o < node.getOutputCount(); o++) {
                if (node.getOutput(o).equals(last)) {
                    node.setOutput(o, output);
                }
            }
        }
        return true;
    }

    private String unique(String name) {
        if (!names.add(name)) {
            throw new OnnxException("the name '" + name + "' is used twice in the graph; give each tensor of a layer"
                    + " its own name");
        }
        return name;
    }

    /** A node in the graph, for its attributes. */
    private static final class Node implements OnnxNode {
        private final NodeProto.Builder node;

        Node(NodeProto.Builder node) {
            this.node = node;
        }

        @Override
        public OnnxNode attribute(String name, long value) {
            node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
                    .setI(value).build());
            return this;
        }

        @Override
        public OnnxNode attribute(String name, float value) {
            node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
                    .setF(value).build());
            return this;
        }

        @Override
        public OnnxNode attribute(String name, String value) {
            node.addAttribute(AttributeProto.newBuilder().setName(name)
                    .setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(value)).build());
            return this;
        }

        @Override
        public OnnxNode ints(String name, long... values) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
                    .setType(AttributeProto.AttributeType.INTS);
            for (long v : values) {
                a.addInts(v);
            }
            node.addAttribute(a.build());
            return this;
        }

        @Override
        public String output() {
            return node.getOutput(0);
        }
    }
}
