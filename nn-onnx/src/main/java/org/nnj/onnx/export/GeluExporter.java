package org.nnj.onnx.export;

import org.nnj.api.layer.Layer;
import org.nnj.onnx.OnnxException;
import org.nnj.onnx.spi.OnnxGraph;
import org.nnj.onnx.spi.OnnxLayerExporter;

/**
 * {@code gelu}, which ONNX has as one operator only from opset 20, composed of opset-13 operators as PyTorch's
 * exporter does:
 * <ul>
 *   <li>exact: {@code 0.5 * x * (1 + Erf(x / sqrt(2)))};</li>
 *   <li>{@code approximate = "tanh"}: {@code 0.5 * x * (1 + Tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))}.</li>
 * </ul>
 * For {@code x} below about -5 the runtime's {@code 1 + Erf} cancels in float32 where NNJ's {@code erfc} form
 * does not; the values there are below 2e-6 in magnitude, and the difference smaller still.
 */
final class GeluExporter implements OnnxLayerExporter {
    private static final float SQRT_HALF = (float) Math.sqrt(0.5);
    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);

    @Override
    public String type() {
        return "gelu";
    }

    @Override
    public String export(Layer layer, String input, OnnxGraph graph) {
        String approximate = layer.config().getString("approximate", "none");
        String inner;
        if (approximate.equals("none")) {
            String scaled = graph.node("Mul", input, graph.scalar("sqrt_half", SQRT_HALF)).output();
            inner = graph.node("Erf", scaled).output();
        } else if (approximate.equals("tanh")) {
            String square = graph.node("Mul", input, input).output();
            String cube = graph.node("Mul", square, input).output();
            String cubic = graph.node("Mul", cube, graph.scalar("cubic", 0.044715f)).output();
            String sum = graph.node("Add", input, cubic).output();
            String u = graph.node("Mul", sum, graph.scalar("sqrt_2_over_pi", SQRT_2_OVER_PI)).output();
            inner = graph.node("Tanh", u).output();
        } else {
            throw new OnnxException("'approximate' must be none or tanh, got " + approximate);
        }
        String onePlus = graph.node("Add", inner, graph.scalar("one", 1f)).output();
        String half = graph.node("Mul", input, graph.scalar("half", 0.5f)).output();
        return graph.node("Mul", half, onePlus).output();
    }
}
