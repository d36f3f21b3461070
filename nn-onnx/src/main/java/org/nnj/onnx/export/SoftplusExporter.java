package org.nnj.onnx.export;

import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.onnx.spi.OnnxGraph;
import org.nnj.onnx.spi.OnnxLayerExporter;

/**
 * {@code softplus} with PyTorch's {@code beta} and {@code threshold}: {@code x} where {@code beta * x >
 * threshold}, else {@code Softplus(beta * x) / beta}, as {@code Where(Greater(beta * x, threshold), x,
 * Div(Softplus(beta * x), beta))} (without the Mul and Div when {@code beta = 1}).
 *
 * <p>ONNX's Softplus is {@code log(exp(x) + 1)} alone, and many runtimes compute it so, which overflows to
 * infinity above {@code x = 88}; the {@code Where} keeps NNJ's threshold and with it finite outputs (the
 * infinite branch is not selected), even with the default threshold, where a plain Softplus would otherwise do.
 */
final class SoftplusExporter implements OnnxLayerExporter {

    @Override
    public String type() {
        return "softplus";
    }

    @Override
    public String export(Layer layer, String input, OnnxGraph graph) {
        Config c = layer.config();
        float beta = (float) c.getDouble("beta", 1.0);
        float threshold = (float) c.getDouble("threshold", 20.0);
        String scaled = beta == 1f ? input : graph.node("Mul", input, graph.scalar("beta", beta)).output();
        String smooth = graph.node("Softplus", scaled).output();
        if (beta != 1f) {
            smooth = graph.node("Div", smooth, graph.scalar("beta_divisor", beta)).output();
        }
        String above = graph.node("Greater", scaled, graph.scalar("threshold", threshold)).output();
        return graph.node("Where", above, input, smooth).output();
    }
}
