package org.nnj.onnx.export;

import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.onnx.spi.OnnxGraph;
import org.nnj.onnx.spi.OnnxLayerExporter;

/**
 * {@code softplus} with PyTorch's {@code beta} and {@code threshold}: {@code x} where {@code beta * x >
 * threshold}, else {@code Softplus(beta * x) / beta}. ONNX's Softplus is {@code log(1 + exp(x))} alone, so:
 * <ul>
 *   <li>{@code beta = 1} and {@code threshold >= 20} (PyTorch's default is 20): plain {@code Softplus}, since
 *       above 20 {@code log(1 + exp(x))} and {@code x} are the same float;</li>
 *   <li>otherwise {@code Where(Greater(beta * x, threshold), x, Div(Softplus(beta * x), beta))}.</li>
 * </ul>
 */
final class SoftplusExporter implements OnnxLayerExporter {
    /** Above this, {@code log1p(exp(-t))} is below half an ulp of {@code t} in float32: softplus is {@code t}. */
    private static final double IRRELEVANT_THRESHOLD = 20;

    @Override
    public String type() {
        return "softplus";
    }

    @Override
    public String export(Layer layer, String input, OnnxGraph graph) {
        Config c = layer.config();
        float beta = (float) c.getDouble("beta", 1.0);
        float threshold = (float) c.getDouble("threshold", 20.0);
        if (beta == 1f && threshold >= IRRELEVANT_THRESHOLD) {
            return graph.node("Softplus", input).output();
        }
        String scaled = beta == 1f ? input : graph.node("Mul", input, graph.scalar("beta", beta)).output();
        String smooth = graph.node("Softplus", scaled).output();
        if (beta != 1f) {
            smooth = graph.node("Div", smooth, graph.scalar("beta_divisor", beta)).output();
        }
        String above = graph.node("Greater", scaled, graph.scalar("threshold", threshold)).output();
        return graph.node("Where", above, input, smooth).output();
    }
}
