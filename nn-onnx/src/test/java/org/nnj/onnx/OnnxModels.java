package org.nnj.onnx;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nnj.onnx.proto.OnnxProto.AttributeProto;
import org.nnj.onnx.proto.OnnxProto.GraphProto;
import org.nnj.onnx.proto.OnnxProto.ModelProto;
import org.nnj.onnx.proto.OnnxProto.NodeProto;
import org.nnj.onnx.proto.OnnxProto.TensorProto;
import org.nnj.onnx.proto.OnnxProto.TensorShapeProto;
import org.nnj.onnx.proto.OnnxProto.TypeProto;
import org.nnj.onnx.proto.OnnxProto.ValueInfoProto;

/** Small ONNX models written with the generated protobuf builders, for the cases no exporter makes. */
final class OnnxModels {
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
    private int opset = 13;

    /** A graph whose input {@code name} has the batch dimension "N" and then {@code sample}. */
    static OnnxModels withInput(String name, long... sample) {
        OnnxModels m = new OnnxModels();
        m.graph.addInput(value(name, sample));
        return m;
    }

    /** A graph whose input is {@code input}, as it is. */
    static OnnxModels withInput(ValueInfoProto input) {
        OnnxModels m = new OnnxModels();
        m.graph.addInput(input);
        return m;
    }

    static ValueInfoProto value(String name, long... sample) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (long d : sample) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    OnnxModels opset(int version) {
        this.opset = version;
        return this;
    }

    OnnxModels output(String name) {
        graph.addOutput(ValueInfoProto.newBuilder().setName(name));
        return this;
    }

    /** A float initializer stored as little-endian raw_data. */
    OnnxModels weights(String name, float[] values, long... dims) {
        graph.addInitializer(floats(name, values, dims));
        return this;
    }

    OnnxModels initializer(TensorProto tensor) {
        graph.addInitializer(tensor);
        return this;
    }

    /** An int64 initializer (shapes, pads). */
    OnnxModels ints(String name, long[] values, long... dims) {
        graph.addInitializer(longs(name, values, dims));
        return this;
    }

    OnnxModels node(NodeProto node) {
        graph.addNode(node);
        return this;
    }

    static TensorProto floats(String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    static TensorProto longs(String name, long[] values, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE);
        for (long v : values) {
            t.addInt64Data(v);
        }
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    /** A node: {@code op}, its inputs, its output and attributes as name/value pairs (Long, Float, String, long[]). */
    static NodeProto node(String op, String name, String[] inputs, String output, Object... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        for (int i = 0; i < attributes.length; i += 2) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setName((String) attributes[i]);
            Object v = attributes[i + 1];
            if (v instanceof Long || v instanceof Integer) {
                a.setType(AttributeProto.AttributeType.INT).setI(((Number) v).longValue());
            } else if (v instanceof Float || v instanceof Double) {
                a.setType(AttributeProto.AttributeType.FLOAT).setF(((Number) v).floatValue());
            } else if (v instanceof String) {
                a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8((String) v));
            } else if (v instanceof long[]) {
                a.setType(AttributeProto.AttributeType.INTS);
                for (long x : (long[]) v) {
                    a.addInts(x);
                }
            } else if (v instanceof TensorProto) {
                a.setType(AttributeProto.AttributeType.TENSOR).setT((TensorProto) v);
            } else {
                throw new IllegalArgumentException("attribute value " + v);
            }
            n.addAttribute(a);
        }
        return n.build();
    }

    ModelProto build() {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("nnj-test")
                .addOpsetImport(org.nnj.onnx.proto.OnnxProto.OperatorSetIdProto.newBuilder().setDomain("")
                        .setVersion(opset))
                .setGraph(graph).build();
    }

    /** Writes the model to {@code file} and returns the path. */
    Path write(Path file) throws IOException {
        Files.write(file, build().toByteArray());
        return file;
    }
}
