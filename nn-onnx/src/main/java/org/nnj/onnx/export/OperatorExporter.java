package org.nnj.onnx.export;

import java.util.function.BiConsumer;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.api.math.ActivationFunctions;
import org.nnj.onnx.spi.OnnxGraph;
import org.nnj.onnx.spi.OnnxLayerExporter;
import org.nnj.onnx.spi.OnnxNode;

/**
 * An activation that is one ONNX operator of the same definition: relu, sigmoid, tanh, identity, softmax and
 * log_softmax (over the last axis, {@code axis = -1}), leaky_relu ({@code alpha}), elu ({@code alpha}) and selu
 * (NNJ's float constants as {@code alpha} and {@code gamma}).
 */
final class OperatorExporter implements OnnxLayerExporter {
    private final String type;
    private final String operator;
    /** Sets the node's attributes from the layer's config. */
    private final BiConsumer<Config, OnnxNode> attributes;

    private OperatorExporter(String type, String operator, BiConsumer<Config, OnnxNode> attributes) {
        this.type = type;
        this.operator = operator;
        this.attributes = attributes;
    }

    /** The activations that map one to one. */
    static OnnxLayerExporter[] all() {
        return new OnnxLayerExporter[] {
            plain("relu", "Relu"),
            plain("sigmoid", "Sigmoid"),
            plain("tanh", "Tanh"),
            plain("identity", "Identity"),
            new OperatorExporter("softmax", "Softmax", (c, n) -> n.attribute("axis", -1L)),
            new OperatorExporter("log_softmax", "LogSoftmax", (c, n) -> n.attribute("axis", -1L)),
            new OperatorExporter("leaky_relu", "LeakyRelu",
                    (c, n) -> n.attribute("alpha", (float) c.getDouble("alpha", 0.01))),
            new OperatorExporter("elu", "Elu", (c, n) -> n.attribute("alpha", (float) c.getDouble("alpha", 1.0))),
            new OperatorExporter("selu", "Selu", (c, n) -> n.attribute("alpha", (float) ActivationFunctions.SELU_ALPHA)
                    .attribute("gamma", (float) ActivationFunctions.SELU_SCALE)),
        };
    }

    private static OperatorExporter plain(String type, String operator) {
        return new OperatorExporter(type, operator, (c, n) -> { });
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String export(Layer layer, String input, OnnxGraph graph) {
        OnnxNode node = graph.node(operator, input);
        attributes.accept(layer.config(), node);
        return node.output();
    }
}
