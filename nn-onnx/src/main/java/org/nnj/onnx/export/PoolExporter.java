package org.nnj.onnx.export;

import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.onnx.spi.OnnxGraph;
import org.nnj.onnx.OnnxException;
import org.nnj.onnx.spi.OnnxNode;
import org.nnj.onnx.spi.OnnxLayerExporter;

/**
 * {@code max_pool2d} as {@code MaxPool}, {@code avg_pool2d} as {@code AveragePool} with its
 * {@code count_include_pad}: the same window, stride and symmetric padding, output sizes rounded down
 * ({@code ceil_mode = 0}) in both.
 */
final class PoolExporter implements OnnxLayerExporter {
    private final String type;
    private final String operator;

    private PoolExporter(String type, String operator) {
        this.type = type;
        this.operator = operator;
    }

    static PoolExporter max() {
        return new PoolExporter("max_pool2d", "MaxPool");
    }

    static PoolExporter average() {
        return new PoolExporter("avg_pool2d", "AveragePool");
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String export(Layer layer, String input, OnnxGraph graph) {
        Config c = layer.config();
        int[] kernel = pair(c, "kernel", null);
        int[] stride = pair(c, "stride", kernel);
        int[] padding = pair(c, "padding", new int[] {0, 0});
        OnnxNode node = graph.node(operator, input).ints("kernel_shape", LayerParts.longs(kernel))
                .ints("strides", LayerParts.longs(stride))
                .ints("pads", padding[0], padding[1], padding[0], padding[1]);
        if (operator.equals("AveragePool")) {
            node.attribute("count_include_pad", c.getBoolean("count_include_pad", true) ? 1L : 0L);
        }
        return node.output();
    }

    /** {@code [height, width]} from one integer or two; {@code defaultValue} when absent. */
    static int[] pair(Config c, String key, int[] defaultValue) {
        if (!c.has(key)) {
            if (defaultValue == null) {
                throw new OnnxException("its config has no '" + key + "'");
            }
            return defaultValue.clone();
        }
        int[] v = c.getIntArray(key);
        return v.length == 1 ? new int[] {v[0], v[0]} : v;
    }
}
