package org.nnj.onnx.export;

import java.util.List;
import org.nnj.api.layer.Layer;
import org.nnj.api.tensor.Shape;
import org.nnj.core.model.Sequential;
import org.nnj.onnx.OnnxException;
import org.nnj.onnx.proto.OnnxProto.GraphProto;
import org.nnj.onnx.proto.OnnxProto.ModelProto;
import org.nnj.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.nnj.onnx.proto.OnnxProto.TensorProto;
import org.nnj.onnx.proto.OnnxProto.TensorShapeProto;
import org.nnj.onnx.proto.OnnxProto.TypeProto;
import org.nnj.onnx.proto.OnnxProto.ValueInfoProto;
import org.nnj.onnx.spi.OnnxLayerExporter;

/**
 * A {@link Sequential} as an ONNX model: one graph input {@value #INPUT} of shape {@code [N, ...inputShape]}
 * ({@code N} symbolic), the layers' nodes in order, one output {@value #OUTPUT}, weights as initializers named
 * as in NNJ's model files ({@code "0.weight"}).
 */
public final class ModelExport {
    /** The graph input's name. */
    public static final String INPUT = "input";
    /** The graph output's name. */
    public static final String OUTPUT = "output";
    /** The symbolic batch dimension. */
    public static final String BATCH = "N";
    /** ONNX's IR version for opset 13 (ONNX 1.8). */
    static final long IR_VERSION = 7;

    private ModelExport() {
    }

    /**
     * The ONNX model of {@code model} at {@code opset}.
     *
     * @throws OnnxException naming the layer (index and type) that has no ONNX form, or whose exporter failed
     */
    public static ModelProto of(Sequential model, int opset, String producerVersion) {
        Exporters exporters = Exporters.standard();
        GraphBuilder graph = new GraphBuilder(opset);
        graph.reserve(INPUT);
        graph.reserve(OUTPUT);
        String current = INPUT;
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            String name = "layer " + i + " (" + describe(layer) + ")";
            OnnxLayerExporter exporter;
            try {
                exporter = exporters.find(layer).orElse(null);
            } catch (OnnxException e) {
                throw new OnnxException(name + ": " + e.getMessage(), e);
            }
            if (exporter == null) {
                throw new OnnxException(name + ": no ONNX form for " + what(layer) + "; add an"
                        + " org.nnj.onnx.spi.OnnxLayerExporter for '" + Exporters.key(layer) + "' to the class path"
                        + " (see docs/ONNX.md), or export a model without it");
            }
            graph.beginLayer(i);
            try {
                current = exporter.export(layer, current, graph);
                if (current == null || current.isEmpty()) {
                    throw new OnnxException("its ONNX exporter " + exporter.getClass().getName()
                            + " returned no output name");
                }
            } catch (OnnxException e) {
                throw new OnnxException(name + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new OnnxException(name + ": its ONNX exporter " + exporter.getClass().getName() + " failed: "
                        + e, e);
            }
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName("nnj")
                .addInput(value(INPUT, model.inputShape()))
                .addOutput(value(OUTPUT, model.outputShape()));
        graph.finish(current, OUTPUT, g);
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("NNJ")
                .setProducerVersion(producerVersion)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset).build())
                .setGraph(g.build()).build();
    }

    private static String describe(Layer layer) {
        return Exporters.ACTIVATION_LAYER.equals(layer.type()) ? Exporters.ACTIVATION_LAYER + " " + Exporters.key(layer)
                : layer.type();
    }

    private static String what(Layer layer) {
        return Exporters.ACTIVATION_LAYER.equals(layer.type()) ? "the activation '" + Exporters.key(layer) + "'"
                : "layers of type '" + layer.type() + "'";
    }

    /** A float32 tensor {@code name} of shape {@code [N, ...shape]}. */
    private static ValueInfoProto value(String name, Shape shape) {
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH).build());
        for (int d : shape.dims()) {
            dims.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d).build());
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(dims.build()).build()).build()).build();
    }
}
