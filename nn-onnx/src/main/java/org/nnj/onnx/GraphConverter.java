package org.nnj.onnx;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.onnx.proto.OnnxProto.TensorProto;

/**
 * Turns a {@link GraphChain} into a {@link Sequential}: each supported operator becomes an NNJ layer built by
 * name through the registries (so a model file can rebuild it), and its initializers become the layer's
 * parameters and buffers in NNJ's layout. See {@code docs/ONNX.md} for what each operator accepts.
 *
 * <p>Some operators merge: {@code MatMul} followed by an {@code Add} of a constant is one dense layer, and a
 * {@code Pad} becomes the padding of the convolution or average pooling after it (or a {@code pad2d} layer).
 * {@code Identity} needs no layer; {@code Dropout} becomes one, inactive at inference, so that the model
 * trains as it was designed.
 */
final class GraphConverter {
    /** The operators this importer knows, for the message about one it does not. */
    static final List<String> OPERATORS = List.of("Gemm", "MatMul", "Add (after MatMul)", "Conv", "MaxPool",
            "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Softmax",
            "LogSoftmax", "Flatten", "Reshape (as a flatten)", "BatchNormalization", "Dropout", "Identity",
            "Pad", "Constant");

    private final Constants constants;
    private final int opset;
    private final ModelAssembly model;
    private final SpatialOperators spatial;
    private final List<OnnxNode> nodes;

    GraphConverter(GraphChain chain, TensorData data, int opset, Registries registries) {
        this.constants = new Constants(chain, data);
        this.opset = opset;
        this.model = new ModelAssembly(chain.inputShape(), registries);
        this.spatial = new SpatialOperators(model, constants);
        this.nodes = chain.nodes();
    }

    /** The model, with the file's weights. */
    Sequential convert() throws IOException {
        for (int i = 0; i < nodes.size(); i++) {
            OnnxNode node = nodes.get(i);
            spatial.beforeNode(node);
            OnnxNode next = i + 1 < nodes.size() ? nodes.get(i + 1) : null;
            i += convert(node, next);
        }
        spatial.beforeNode(null);
        return model.build();
    }

    /** Adds the layers of {@code node}; returns how many of the following nodes it merged (0 or 1). */
    private int convert(OnnxNode node, OnnxNode next) throws IOException {
        switch (node.opType()) {
            case "Gemm":
                gemm(node);
                return 0;
            case "MatMul":
                return matMul(node, next);
            case "Conv":
                spatial.conv(node);
                return 0;
            case "MaxPool":
                spatial.pool(node, false);
                return 0;
            case "AveragePool":
                spatial.pool(node, true);
                return 0;
            case "GlobalAveragePool":
            case "GlobalMaxPool":
                spatial.globalPool(node);
                return 0;
            case "Relu":
                activation(node.requireOnly(), "relu", Config.empty());
                return 0;
            case "Sigmoid":
                activation(node.requireOnly(), "sigmoid", Config.empty());
                return 0;
            case "Tanh":
                activation(node.requireOnly(), "tanh", Config.empty());
                return 0;
            case "LeakyRelu":
                activation(node.requireOnly("alpha"), "leaky_relu",
                        Config.of("alpha", decimal(node.getFloat("alpha", 0.01f))));
                return 0;
            case "Softmax":
                softmax(node, "softmax");
                return 0;
            case "LogSoftmax":
                softmax(node, "log_softmax");
                return 0;
            case "Flatten":
                flatten(node);
                return 0;
            case "Reshape":
                reshape(node);
                return 0;
            case "BatchNormalization":
                batchNorm(node);
                return 0;
            case "Dropout":
                dropout(node);
                return 0;
            case "Identity":
                node.requireOnly();
                return 0;
            case "Pad":
                spatial.pad(node);
                return 0;
            default:
                throw node.error("operator " + node.opType() + " is not supported; NNJ imports " + String.join(", ",
                        OPERATORS) + " (see docs/ONNX.md)");
        }
    }

    // ---- dense -------------------------------------------------------------------------------------------

    private void gemm(OnnxNode node) throws IOException {
        node.requireOnly("alpha", "beta", "transA", "transB");
        node.requireIntIn("transA", 0, "NNJ's dense layer multiplies the input as it is; export without transA", 0);
        node.requireIntIn("transB", 0, "the file does not follow the operator's definition", 0, 1);
        int in = features(node);
        String bName = node.input(1);
        int[] bDims = constants.dims(node, bName, "B (the weights)");
        if (bDims.length != 2) {
            throw node.error("input B '" + bName + "' has shape " + Arrays.toString(bDims) + "; expected a matrix");
        }
        boolean transB = node.getInt("transB", 0) == 1;
        int out = transB ? bDims[0] : bDims[1];
        int inB = transB ? bDims[1] : bDims[0];
        if (inB != in) {
            throw node.error("input B '" + bName + "' has shape " + Arrays.toString(bDims) + " (transB="
                    + (transB ? 1 : 0) + "), which takes " + inB + " features, but the layer before gives " + in);
        }
        float[] b = constants.floats(node, bName, "B");
        float[] w = Weights.scale(transB ? b : Weights.transpose(b, in, out), node.getFloat("alpha", 1f));
        float[] bias = null;
        float beta = node.getFloat("beta", 1f);
        if (!node.input(2).isEmpty() && beta != 0f) {
            bias = Weights.scale(broadcastBias(node, node.input(2), out), beta);
        }
        dense(node, w, in, out, bias);
    }

    private int matMul(OnnxNode node, OnnxNode next) throws IOException {
        node.requireOnly();
        int in = features(node);
        String bName = node.input(1);
        int[] bDims = constants.dims(node, bName, "B (the weights)");
        if (bDims.length != 2 || bDims[0] != in) {
            throw node.error("input B '" + bName + "' has shape " + Arrays.toString(bDims) + "; NNJ imports a MatMul"
                    + " as a dense layer, which needs weights [" + in + ", units] for the " + in + " features of the"
                    + " layer before");
        }
        int out = bDims[1];
        float[] w = Weights.transpose(constants.floats(node, bName, "B"), in, out);
        float[] bias = null;
        int merged = 0;
        if (next != null && next.opType().equals("Add")) {
            String output = node.proto().getOutput(0);
            String other = next.input(0).equals(output) ? next.input(1) : next.input(0);
            if (constants.has(other)) {
                next.requireOnly();
                bias = broadcastBias(next, other, out);
                merged = 1;
            }
        }
        dense(node, w, in, out, bias);
        return merged;
    }

    private void dense(OnnxNode node, float[] w, int in, int out, float[] bias) {
        Map<String, Weights> values = new LinkedHashMap<>();
        values.put("weight", new Weights(w, new int[] {out, in}));
        if (bias != null) {
            values.put("bias", new Weights(bias, new int[] {out}));
        }
        model.add(node, "dense", Config.of("units", out, "bias", bias != null), values);
    }

    /** A bias of {@code out} values from a tensor of {@code out} values or one value (broadcast). */
    private float[] broadcastBias(OnnxNode node, String name, int out) throws IOException {
        int[] d = constants.dims(node, name, "the bias");
        int size = Arrays.stream(d).reduce(1, (a, b) -> a * b);
        boolean row = d.length == 0 || d[d.length - 1] == size; // [], [k], [1, k]
        if (!row || size != out && size != 1) {
            throw node.error("the bias '" + name + "' has shape " + Arrays.toString(d) + "; NNJ's dense layer takes"
                    + " a bias of " + out + " values (one per unit), or one value for all");
        }
        float[] v = constants.floats(node, name, "the bias");
        if (size == out) {
            return v;
        }
        float[] b = new float[out];
        Arrays.fill(b, v[0]);
        return b;
    }

    /** The number of features per sample, which a dense layer needs as a vector. */
    private int features(OnnxNode node) {
        Shape shape = model.currentShape();
        if (shape.rank() != 1) {
            throw node.error("reads a tensor of per-sample shape " + shape + "; NNJ imports " + node.opType()
                    + " as a dense layer, which needs [features]: add a Flatten before it");
        }
        return shape.dim(0);
    }

    // ---- the rest ------------------------------------------------------------------------------------------

    private void activation(OnnxNode node, String name, Config config) {
        model.add(node, name, config, Map.of());
    }

    /**
     * Softmax and log-softmax over the last axis, NNJ's form. From opset 13 the axis is the one normalised
     * over (default -1); before, the input was flattened to 2-D at {@code axis} (default 1), which is the last
     * axis only when {@code axis} is the last one.
     */
    private void softmax(OnnxNode node, String name) {
        node.requireOnly("axis");
        int rank = model.currentShape().rank() + 1;
        long axis = node.getInt("axis", opset >= 13 ? -1 : 1);
        long normalised = axis < 0 ? axis + rank : axis;
        if (normalised != rank - 1) {
            throw node.error("attribute axis=" + axis + " on a tensor of rank " + rank + " (opset " + opset + ") is"
                    + " not the last axis; NNJ's " + name + " normalises over the last axis only; export with"
                    + " dim=-1 (after a flatten for images)");
        }
        model.add(node, name, Config.empty(), Map.of());
    }

    private void flatten(OnnxNode node) {
        node.requireOnly("axis");
        int rank = model.currentShape().rank() + 1;
        long axis = node.getInt("axis", 1);
        if ((axis < 0 ? axis + rank : axis) != 1) {
            throw node.error("attribute axis=" + axis + " is not supported; NNJ flattens everything but the batch"
                    + " (axis=1)");
        }
        model.add(node, "flatten", Config.empty(), Map.of());
    }

    /** A Reshape that keeps the batch and flattens the rest: {@code [0, -1]}, {@code [N, -1]}, {@code [-1, k]}. */
    private void reshape(OnnxNode node) throws IOException {
        node.requireOnly("allowzero");
        long[] target = constants.longs(node, node.input(1), "shape");
        int size = model.currentShape().size();
        boolean allowZero = node.getInt("allowzero", 0) == 1;
        boolean flat = target.length == 2
                && (target[1] == -1 && (target[0] >= 1 || target[0] == 0 && !allowZero)
                || target[1] == size && (target[0] == -1 || target[0] >= 1 || target[0] == 0 && !allowZero));
        if (!flat) {
            throw node.error("reshapes to " + Arrays.toString(target) + " a tensor of per-sample shape "
                    + model.currentShape() + "; NNJ imports a Reshape only as a flatten to [batch, " + size + "]"
                    + " ([0, -1], [N, -1] or [-1, " + size + "]); use torch.flatten(x, 1)");
        }
        if (model.currentShape().rank() != 1) {
            model.add(node, "flatten", Config.empty(), Map.of());
        }
    }

    private void batchNorm(OnnxNode node) throws IOException {
        node.requireOnly("epsilon", "momentum", "training_mode");
        node.requireIntIn("training_mode", 0, "NNJ imports the inference form; export the model in eval mode", 0);
        if (node.proto().getOutputCount() > 1) {
            for (int i = 1; i < node.proto().getOutputCount(); i++) {
                if (!node.proto().getOutput(i).isEmpty()) {
                    throw node.error("has training outputs (running mean and variance); NNJ imports the inference"
                            + " form; export the model in eval mode");
                }
            }
        }
        Shape shape = model.currentShape();
        if (shape.rank() != 3) {
            throw node.error("normalises a tensor of per-sample shape " + shape + "; NNJ has batch normalisation"
                    + " for images [C, H, W] only (batch_norm2d)");
        }
        int channels = shape.dim(0);
        String[] names = {"weight", "bias", "running_mean", "running_var"};
        String[] roles = {"scale", "B", "input_mean", "input_var"};
        Map<String, Weights> values = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            String input = node.input(i + 1);
            int[] d = constants.dims(node, input, roles[i]);
            if (d.length != 1 || d[0] != channels) {
                throw node.error("input " + roles[i] + " '" + input + "' has shape " + Arrays.toString(d)
                        + "; expected [" + channels + "], one per channel");
            }
            values.put(names[i], new Weights(constants.floats(node, input, roles[i]), d));
        }
        // ONNX's momentum weighs the old running value, PyTorch's and NNJ's the new batch statistic.
        double momentum = BigDecimal.ONE.subtract(BigDecimal.valueOf(decimal(node.getFloat("momentum", 0.9f))))
                .doubleValue();
        model.add(node, "batch_norm2d", Config.of("eps", decimal(node.getFloat("epsilon", 1e-5f)),
                "momentum", momentum, "affine", true), values);
    }

    private void dropout(OnnxNode node) throws IOException {
        double ratio;
        if (opset >= 12) {
            node.requireOnly("seed");
            ratio = node.input(1).isEmpty() ? 0.5 : decimal(constants.floats(node, node.input(1), "ratio")[0]);
            if (!node.input(2).isEmpty()) {
                TensorProto t = constants.tensor(node, node.input(2), "training_mode");
                if (t.getDataType() != TensorProto.DataType.BOOL_VALUE || t.getRawData().size() > 0
                        && t.getRawData().byteAt(0) != 0 || t.getInt32DataCount() > 0 && t.getInt32Data(0) != 0) {
                    throw node.error("input training_mode is true or not a boolean; NNJ imports the inference form;"
                            + " export the model in eval mode");
                }
            }
        } else {
            node.requireOnly("ratio", "seed");
            ratio = decimal(node.getFloat("ratio", 0.5f));
        }
        if (!(ratio >= 0 && ratio < 1)) {
            throw node.error("ratio " + ratio + " is not in [0, 1)");
        }
        model.add(node, "dropout", Config.of("p", ratio), Map.of());
    }

    /**
     * The shortest decimal that rounds to {@code value}: the number the exporter was given (0.1, not
     * 0.10000000149), so that a saved config reads as the user wrote it.
     */
    private static double decimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }
}
