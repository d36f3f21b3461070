package org.nnj.onnx;

import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.onnx.spi.OnnxGraph;
import org.nnj.onnx.spi.OnnxLayerExporter;

/** The plugin's exporter of {@link TestScaleLayer}, found by ServiceLoader (src/test/resources/META-INF/services). */
public final class TestScaleExporter implements OnnxLayerExporter {

    /** ServiceLoader's constructor. */
    public TestScaleExporter() {
    }

    @Override
    public String type() {
        return TestScaleLayer.TYPE;
    }

    @Override
    public String export(Layer layer, String input, OnnxGraph graph) {
        Config c = layer.config();
        String scaled = graph.node("Mul", input, graph.scalar("factor", (float) c.getDouble("factor"))).output();
        return graph.node("Add", scaled, graph.scalar("shift", (float) c.getDouble("shift"))).output();
    }
}
