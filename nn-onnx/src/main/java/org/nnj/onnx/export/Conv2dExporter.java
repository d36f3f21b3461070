package org.nnj.onnx.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nnj.api.backend.PaddingMode;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.api.tensor.Tensor;
import org.nnj.onnx.OnnxException;
import org.nnj.onnx.spi.OnnxGraph;
import org.nnj.onnx.spi.OnnxLayerExporter;

/**
 * {@code conv2d} as {@code Conv}, its padding written as its mode needs:
 * <ul>
 *   <li>zeros: in Conv's own {@code pads};</li>
 *   <li>reflect and replicate: a {@code Pad} node before the Conv, in mode {@code reflect} or {@code edge}
 *       (numpy's names, which ONNX uses);</li>
 *   <li>symmetric, which ONNX's Pad lacks: a {@code Gather} of rows and one of columns before the Conv, whose
 *       constant indices are exactly the source rows and columns that {@link PaddingMode#SYMMETRIC} reads;
 *       standard operators, so any runtime runs it.</li>
 * </ul>
 * Padding {@code "same"} is resolved for the layer's input size as the layer resolves it (the odd extra
 * element after), so the file holds explicit sizes.
 */
final class Conv2dExporter implements OnnxLayerExporter {

    @Override
    public String type() {
        return "conv2d";
    }

    @Override
    public String export(Layer layer, String input, OnnxGraph graph) {
        Config c = layer.config();
        int[] kernel = PoolExporter.pair(c, "kernel", null);
        int[] stride = PoolExporter.pair(c, "stride", new int[] {1, 1});
        int[] dilation = PoolExporter.pair(c, "dilation", new int[] {1, 1});
        int height = layer.inputShape().dim(1);
        int width = layer.inputShape().dim(2);
        int[] sides = sides(c, height, width, kernel, stride, dilation); // top, bottom, left, right
        PaddingMode mode = mode(c.getString("padding_mode", "zeros"));
        boolean padded = sides[0] != 0 || sides[1] != 0 || sides[2] != 0 || sides[3] != 0;
        String source = input;
        long[] convPads = {sides[0], sides[2], sides[1], sides[3]};
        if (padded && mode != PaddingMode.ZEROS) {
            source = pad(graph, input, sides, mode, height, width);
            convPads = new long[4];
        }
        List<String> inputs = new ArrayList<>(List.of(source, graph.initializer("weight",
                LayerParts.parameter(layer, "weight"))));
        Optional<Tensor> bias = LayerParts.optionalParameter(layer, "bias");
        bias.ifPresent(b -> inputs.add(graph.initializer("bias", b)));
        return graph.node("Conv", inputs.toArray(new String[0])).ints("kernel_shape", LayerParts.longs(kernel))
                .ints("strides", LayerParts.longs(stride)).ints("dilations", LayerParts.longs(dilation))
                .ints("pads", convPads).output();
    }

    /**
     * {@code input} padded by {@code sides} ({@code [top, bottom, left, right]}) in {@code mode}: a {@code Pad}
     * node (modes constant, reflect, edge), or for symmetric padding the rows and columns it reads, gathered.
     */
    static String pad(OnnxGraph graph, String input, int[] sides, PaddingMode mode, int height, int width) {
        if (mode == PaddingMode.SYMMETRIC) {
            return symmetric(graph, input, sides, height, width);
        }
        String onnxMode = mode == PaddingMode.ZEROS ? "constant" : mode == PaddingMode.REFLECT ? "reflect" : "edge";
        return graph.node("Pad", input, graph.ints("pads", 0, 0, sides[0], sides[2], 0, 0, sides[1], sides[3]))
                .attribute("mode", onnxMode).output();
    }

    /** Symmetric padding: the rows, then the columns, that the padded image reads, gathered in order. */
    private static String symmetric(OnnxGraph graph, String input, int[] sides, int height, int width) {
        String rows = input;
        if (sides[0] != 0 || sides[1] != 0) {
            rows = graph.node("Gather", input, graph.ints("pad_rows", sourceIndices(sides[0], sides[1], height)))
                    .attribute("axis", 2L).output();
        }
        if (sides[2] == 0 && sides[3] == 0) {
            return rows;
        }
        return graph.node("Gather", rows, graph.ints("pad_columns", sourceIndices(sides[2], sides[3], width)))
                .attribute("axis", 3L).output();
    }

    /** For each position of a line of {@code size} padded by {@code before} and {@code after}: the index it reads. */
    static long[] sourceIndices(int before, int after, int size) {
        long[] indices = new long[before + size + after];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = PaddingMode.SYMMETRIC.sourceIndex(i - before, size);
        }
        return indices;
    }

    static PaddingMode mode(String name) {
        switch (name) {
            case "none":
            case "zero":
                return PaddingMode.ZEROS;
            default:
                return PaddingMode.fromConfigName(name, "padding_mode");
        }
    }

    /** {@code [top, bottom, left, right]}: the configured sides, or "same" resolved as the layer does. */
    private static int[] sides(Config c, int height, int width, int[] kernel, int[] stride, int[] dilation) {
        Object padding = c.asMap().get("padding");
        if (padding == null || "valid".equals(padding)) {
            return new int[4];
        }
        if ("same".equals(padding)) {
            int[] vertical = sameSplit(height, kernel[0], stride[0], dilation[0]);
            int[] horizontal = sameSplit(width, kernel[1], stride[1], dilation[1]);
            return new int[] {vertical[0], vertical[1], horizontal[0], horizontal[1]};
        }
        int[] p = c.getIntArray("padding");
        switch (p.length) {
            case 1:
                return new int[] {p[0], p[0], p[0], p[0]};
            case 2:
                return new int[] {p[0], p[0], p[1], p[1]};
            case 4:
                return p;
            default:
                throw new OnnxException("'padding' " + padding + " is not one, two or four sizes");
        }
    }

    /** TensorFlow's and PyTorch's "same": the output is {@code ceil(in / stride)}, the odd element after. */
    private static int[] sameSplit(int in, int kernel, int stride, int dilation) {
        int out = (in + stride - 1) / stride;
        int span = dilation * (kernel - 1) + 1;
        int total = Math.max((out - 1) * stride + span - in, 0);
        return new int[] {total / 2, total - total / 2};
    }
}
