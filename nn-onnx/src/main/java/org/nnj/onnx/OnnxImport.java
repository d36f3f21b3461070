package org.nnj.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.onnx.proto.OnnxProto.ModelProto;
import org.nnj.onnx.proto.OnnxProto.OperatorSetIdProto;

/**
 * Reads an ONNX model file as an NNJ model.
 *
 * <p>The graph must be a chain (one input, one output, each node reading the previous node's output plus
 * weights) of the operators listed in {@code docs/ONNX.md}, at opsets {@value #MIN_OPSET} to
 * {@value #MAX_OPSET}. Each operator becomes a layer built by name through the registries, with the file's
 * weights: the model can be trained further and saved as an NNJ model file. Whatever NNJ cannot represent
 * exactly (a branch, an unknown operator, an attribute value such as {@code group=2}) is refused with one line
 * naming the file, the node and what to do; a model is never imported approximately.
 *
 * <pre>{@code
 * Sequential model = OnnxImport.read(Path.of("lenet.onnx"), Registries.fromServiceLoader());
 * ModelFile.save(Path.of("lenet.safetensors"), model);
 * }</pre>
 */
public final class OnnxImport {
    /** The oldest opset of the default domain this importer reads. */
    public static final int MIN_OPSET = 11;
    /** The newest opset of the default domain this importer reads. */
    public static final int MAX_OPSET = 18;

    private OnnxImport() {
    }

    /**
     * The model in the ONNX file {@code file}, built from {@code registries}' layer providers, with the file's
     * weights.
     *
     * @throws OnnxException when the file is not a valid ONNX model or holds a graph NNJ cannot represent; the
     *                       message names the node, the operator and what to do
     * @throws IOException   when the file (or its external data) cannot be read
     */
    public static Sequential read(Path file, Registries registries) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(registries, "registries");
        String name = file.toString();
        ModelProto model = parse(file, name);
        if (!model.hasGraph()) {
            throw new OnnxException(name + ": the file holds no graph; it is not an ONNX model, or it is damaged");
        }
        int opset = opset(model, name);
        TensorData data = new TensorData(file.toAbsolutePath().getParent(), name);
        GraphChain chain = GraphChain.of(model.getGraph(), name, data);
        return new GraphConverter(chain, data, opset, registries).convert();
    }

    private static ModelProto parse(Path file, String name) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 16) {
            throw new OnnxException(name + ": " + size + " bytes is more than a protobuf file can hold (2 GB); save"
                    + " the weights as external data (onnx.save_model(..., save_as_external_data=True))");
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            String why = String.valueOf(e.getMessage());
            int end = why.indexOf(". ");
            throw new OnnxException(name + ": not a valid ONNX file, the file is truncated or damaged (protobuf: "
                    + (end > 0 ? why.substring(0, end) : why).replace('\n', ' ') + ")", e);
        }
    }

    /** The opset of the default domain, checked to be one this importer reads. */
    static int opset(ModelProto model, String name) {
        for (OperatorSetIdProto id : model.getOpsetImportList()) {
            if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
                long v = id.getVersion();
                if (v < MIN_OPSET || v > MAX_OPSET) {
                    throw new OnnxException(name + ": opset " + v + " is not supported; NNJ imports opsets " + MIN_OPSET
                            + " to " + MAX_OPSET + "; re-export with opset_version in that range (for example 13)");
                }
                return (int) v;
            }
        }
        throw new OnnxException(name + ": the model declares no opset for the standard operators (opset_import);"
                + " the file is damaged");
    }
}
