package org.nnj.onnx.export;

import org.nnj.api.layer.Layer;
import org.nnj.onnx.spi.OnnxGraph;
import org.nnj.onnx.spi.OnnxLayerExporter;

/**
 * {@code dropout} as {@code Identity}: an exported model is for inference, where (inverted) dropout passes its
 * input through, and an Identity cannot be switched into training by a runtime.
 */
final class DropoutExporter implements OnnxLayerExporter {

    @Override
    public String type() {
        return "dropout";
    }

    @Override
    public String export(Layer layer, String input, OnnxGraph graph) {
        return graph.node("Identity", input).output();
    }
}
