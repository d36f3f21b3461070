package org.nnj.onnx.export;

import org.nnj.api.layer.Layer;
import org.nnj.onnx.spi.OnnxGraph;
import org.nnj.onnx.spi.OnnxLayerExporter;

/** {@code flatten} as {@code Flatten(axis = 1)}: the batch dimension stays, the rest becomes one, row-major alike. */
final class FlattenExporter implements OnnxLayerExporter {

    @Override
    public String type() {
        return "flatten";
    }

    @Override
    public String export(Layer layer, String input, OnnxGraph graph) {
        return graph.node("Flatten", input).attribute("axis", 1L).output();
    }
}
