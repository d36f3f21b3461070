package org.nnj.onnx.export;

import org.nnj.api.layer.Layer;
import org.nnj.api.tensor.Tensor;
import org.nnj.onnx.spi.OnnxGraph;
import org.nnj.onnx.spi.OnnxLayerExporter;

/**
 * {@code batch_norm2d} as {@code BatchNormalization} in inference: the running mean and variance normalise, as
 * NNJ's inference does. A layer without {@code affine} gets a weight of ones and a bias of zeros, which ONNX
 * requires.
 */
final class BatchNormExporter implements OnnxLayerExporter {

    @Override
    public String type() {
        return "batch_norm2d";
    }

    @Override
    public String export(Layer layer, String input, OnnxGraph graph) {
        int channels = layer.inputShape().dim(0);
        Tensor weight = LayerParts.optionalParameter(layer, "weight").orElseGet(() -> {
            Tensor ones = Tensor.zeros(channels);
            ones.fill(1f);
            return ones;
        });
        Tensor bias = LayerParts.optionalParameter(layer, "bias").orElseGet(() -> Tensor.zeros(channels));
        return graph.node("BatchNormalization", input, graph.initializer("weight", weight),
                        graph.initializer("bias", bias),
                        graph.initializer("running_mean", LayerParts.buffer(layer, "running_mean")),
                        graph.initializer("running_var", LayerParts.buffer(layer, "running_var")))
                .attribute("epsilon", (float) layer.config().getDouble("eps", 1e-5)).output();
    }
}
