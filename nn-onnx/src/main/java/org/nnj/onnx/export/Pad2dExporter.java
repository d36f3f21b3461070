package org.nnj.onnx.export;

import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.onnx.OnnxException;
import org.nnj.onnx.spi.OnnxGraph;
import org.nnj.onnx.spi.OnnxLayerExporter;

/**
 * {@code pad2d} (the layer an imported {@code Pad} becomes when no convolution or pooling can absorb it) as
 * {@code Pad} in mode constant, reflect or edge, or symmetric padding gathered as {@link Conv2dExporter} does
 * it, so that ONNX -> NNJ -> ONNX keeps such a model.
 */
final class Pad2dExporter implements OnnxLayerExporter {

    @Override
    public String type() {
        return "pad2d";
    }

    @Override
    public String export(Layer layer, String input, OnnxGraph graph) {
        Config c = layer.config();
        int[] p = c.getIntArray("padding");
        if (p.length != 4) {
            throw new OnnxException("pad2d: 'padding' " + c.asMap().get("padding") + " is not four sizes"
                    + " [top, bottom, left, right]");
        }
        return Conv2dExporter.pad(graph, input, p, Conv2dExporter.mode(c.getString("mode", "zeros")),
                layer.inputShape().dim(1), layer.inputShape().dim(2));
    }
}
