package org.nnj.onnx.export;

import java.util.Optional;
import org.nnj.api.layer.Layer;
import org.nnj.api.tensor.Tensor;
import org.nnj.onnx.spi.OnnxGraph;
import org.nnj.onnx.spi.OnnxLayerExporter;

/**
 * {@code dense} as {@code Gemm(x, W, b)} with {@code transB = 1}: the weights keep NNJ's (and PyTorch's)
 * {@code [out, in]} layout, as PyTorch's own exporter writes {@code nn.Linear}.
 */
final class DenseExporter implements OnnxLayerExporter {

    @Override
    public String type() {
        return "dense";
    }

    @Override
    public String export(Layer layer, String input, OnnxGraph graph) {
        String weight = graph.initializer("weight", LayerParts.parameter(layer, "weight"));
        Optional<Tensor> bias = LayerParts.optionalParameter(layer, "bias");
        String[] inputs = bias.isPresent() ? new String[] {input, weight, graph.initializer("bias", bias.get())}
                : new String[] {input, weight};
        return graph.node("Gemm", inputs).attribute("transB", 1L).output();
    }
}
