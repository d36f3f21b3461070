package org.nnj.onnx;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nnj.api.backend.PaddingMode;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;

/**
 * The image operators: {@code Conv}, {@code MaxPool}, {@code AveragePool}, the global pools, and {@code Pad},
 * which is merged into the convolution or average pooling after it where that computes the same (zeros add to
 * the layer's own padding; reflect and edge become a convolution's padding mode), and is a {@code pad2d}
 * layer of its own otherwise.
 */
final class SpatialOperators {
    private final ModelAssembly model;
    private final Constants constants;
    private PendingPad pad;

    SpatialOperators(ModelAssembly model, Constants constants) {
        this.model = model;
        this.constants = constants;
    }

    /**
     * Before {@code next} (null: the end of the graph): a {@code Pad} waiting to be merged becomes a
     * {@code pad2d} layer of its own when {@code next} cannot take it.
     */
    void beforeNode(OnnxNode next) {
        if (pad != null && (next == null || !next.opType().equals("Conv") && !next.opType().equals("AveragePool")
                && !next.opType().equals("Pad"))) {
            flushPad();
        }
    }

    /** The waiting {@code Pad} as a {@code pad2d} layer. */
    private void flushPad() {
        PendingPad p = pad;
        pad = null;
        model.add(p.node(), "pad2d", Config.of("padding", p.sides(), "mode", p.mode().configName()), Map.of());
    }

    void conv(OnnxNode node) throws IOException {
        node.requireOnly("auto_pad", "dilations", "group", "kernel_shape", "pads", "strides");
        node.requireIntIn("group", 1, "NNJ's conv2d has no groups (grouped and depthwise convolutions are not"
                + " supported); use a model with group=1", 1);
        Shape shape = image(node);
        String wName = node.input(1);
        int[] wDims = constants.dims(node, wName, "W (the weights)");
        if (wDims.length != 4) {
            throw node.error("input W '" + wName + "' has shape " + Arrays.toString(wDims) + "; NNJ imports 2-D"
                    + " convolutions, with weights [filters, channels, kh, kw]");
        }
        if (wDims[1] != shape.dim(0)) {
            throw node.error("input W '" + wName + "' has shape " + Arrays.toString(wDims) + " for " + wDims[1]
                    + " channels, but the layer before gives " + shape.dim(0) + " channels " + shape);
        }
        int[] kernel = {wDims[2], wDims[3]};
        SpatialAttributes a = SpatialAttributes.of(node, shape.dim(1), shape.dim(2), kernel);
        if (pad != null && pad.mode() != PaddingMode.ZEROS && !a.unpadded()) {
            // Reflect or edge, then zeros: two fill modes, which one conv2d does not do.
            flushPad();
            shape = image(node);
            a = SpatialAttributes.of(node, shape.dim(1), shape.dim(2), kernel);
        }
        int[] sides = a.sides().clone();
        PaddingMode mode = PaddingMode.ZEROS;
        if (pad != null) {
            if (pad.mode() == PaddingMode.ZEROS) {
                for (int s = 0; s < 4; s++) {
                    sides[s] += pad.sides()[s];
                }
            } else {
                sides = pad.sides().clone();
                mode = pad.mode();
            }
            pad = null;
        }
        Map<String, Weights> values = new LinkedHashMap<>();
        values.put("weight", new Weights(constants.floats(node, wName, "W"), wDims));
        boolean bias = !node.input(2).isEmpty();
        if (bias) {
            String bName = node.input(2);
            int[] bDims = constants.dims(node, bName, "B (the bias)");
            if (bDims.length != 1 || bDims[0] != wDims[0]) {
                throw node.error("input B '" + bName + "' has shape " + Arrays.toString(bDims) + "; expected ["
                        + wDims[0] + "], one per filter");
            }
            values.put("bias", new Weights(constants.floats(node, bName, "B"), bDims));
        }
        model.add(node, "conv2d", Config.of("filters", wDims[0], "kernel", a.kernel(), "stride", a.stride(),
                "dilation", a.dilation(), "padding", sides, "padding_mode", mode.configName(), "bias", bias), values);
    }

    void pool(OnnxNode node, boolean average) {
        if (average) {
            node.requireOnly("auto_pad", "ceil_mode", "count_include_pad", "kernel_shape", "pads", "strides");
        } else {
            node.requireOnly("auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides");
        }
        Shape shape = image(node);
        SpatialAttributes a = SpatialAttributes.of(node, shape.dim(1), shape.dim(2), null);
        if (a.dilation()[0] != 1 || a.dilation()[1] != 1) {
            throw node.error("attribute dilations=" + Arrays.toString(a.dilation()) + " is not supported; NNJ's"
                    + " pooling has no dilation");
        }
        boolean countPad = node.getInt("count_include_pad", 0) == 1;
        if (pad != null && !mergesInto(a, countPad)) {
            flushPad();
            shape = image(node);
            a = SpatialAttributes.of(node, shape.dim(1), shape.dim(2), null);
        }
        int[] sides = a.sides().clone();
        if (pad != null) {
            for (int s = 0; s < 4; s++) {
                sides[s] += pad.sides()[s];
            }
            countPad = true; // the padded zeros are values of the input, counted in every average
            pad = null;
        }
        if (sides[0] != sides[1] || sides[2] != sides[3]) {
            throw node.error("pads " + Arrays.toString(sides) + " (top, bottom, left, right) are not the same on both"
                    + " sides; NNJ's pooling pads symmetrically; export with symmetric padding");
        }
        if (node.getInt("ceil_mode", 0) != 0) {
            for (int axis = 0; axis < 2; axis++) {
                int span = shape.dim(axis + 1) + 2 * sides[axis * 2] - a.kernel()[axis];
                if (span >= 0 && span % a.stride()[axis] != 0) {
                    throw node.error("attribute ceil_mode=1 gives a larger output than NNJ's pooling, which rounds"
                            + " down; export with ceil_mode=False");
                }
            }
        }
        Config config = Config.of("kernel", a.kernel(), "stride", a.stride(), "padding",
                new int[] {sides[0], sides[2]});
        if (average) {
            config = config.with("count_include_pad", countPad);
        }
        model.add(node, average ? "avg_pool2d" : "max_pool2d", config, Map.of());
    }

    void globalPool(OnnxNode node) {
        node.requireOnly();
        Shape shape = image(node);
        int[] window = {shape.dim(1), shape.dim(2)};
        model.add(node, node.opType().equals("GlobalAveragePool") ? "avg_pool2d" : "max_pool2d",
                Config.of("kernel", window, "stride", window), Map.of());
    }

    void pad(OnnxNode node) throws IOException {
        node.requireOnly("mode");
        String modeName = node.getString("mode", "constant");
        PaddingMode mode;
        switch (modeName) {
            case "constant":
                mode = PaddingMode.ZEROS;
                break;
            case "reflect":
                mode = PaddingMode.REFLECT;
                break;
            case "edge":
                mode = PaddingMode.REPLICATE;
                break;
            default:
                throw node.error("attribute mode=" + modeName + " is not supported; NNJ pads with constant (zero),"
                        + " reflect or edge");
        }
        Shape shape = image(node);
        int rank = shape.rank() + 1;
        long[] pads = constants.longs(node, node.input(1), "pads");
        int[] axes = new int[rank];
        for (int i = 0; i < rank; i++) {
            axes[i] = i;
        }
        if (!node.input(3).isEmpty()) {
            long[] given = constants.longs(node, node.input(3), "axes");
            axes = new int[given.length];
            for (int i = 0; i < given.length; i++) {
                axes[i] = (int) (given[i] < 0 ? given[i] + rank : given[i]);
            }
        }
        if (pads.length != 2 * axes.length) {
            throw node.error("input pads has " + pads.length + " values for " + axes.length + " axes; the file does"
                    + " not follow the operator's definition");
        }
        long[] before = new long[rank];
        long[] after = new long[rank];
        for (int i = 0; i < axes.length; i++) {
            before[axes[i]] = pads[i];
            after[axes[i]] = pads[i + axes.length];
        }
        if (before[0] != 0 || after[0] != 0 || before[1] != 0 || after[1] != 0) {
            throw node.error("pads " + Arrays.toString(pads) + " pad the batch or the channels; NNJ pads only the"
                    + " height and width of images");
        }
        for (long p : pads) {
            if (p < 0 || p > Integer.MAX_VALUE) {
                throw node.error("pads " + Arrays.toString(pads) + " hold a negative value (a crop); NNJ does not"
                        + " import crops");
            }
        }
        if (mode == PaddingMode.ZEROS && !node.input(2).isEmpty()) {
            float[] value = constants.floats(node, node.input(2), "constant_value");
            if (value.length != 1 || value[0] != 0f) {
                throw node.error("constant_value " + Arrays.toString(value) + " is not supported; NNJ pads with zeros"
                        + " (or reflect, edge)");
            }
        }
        PendingPad p = new PendingPad(node, mode,
                new int[] {(int) before[2], (int) after[2], (int) before[3], (int) after[3]});
        if (p.isZero()) {
            return; // nothing to pad (PyTorch writes such Pads before some average pools)
        }
        if (pad != null && pad.mode() == mode && mode != PaddingMode.REFLECT) { // zeros or edges twice: once, wider
            int[] sum = pad.sides().clone();
            for (int s = 0; s < 4; s++) {
                sum[s] += p.sides()[s];
            }
            pad = new PendingPad(pad.node(), mode, sum);
            return;
        }
        if (pad != null) {
            flushPad();
        }
        pad = p;
    }

    /**
     * Whether the waiting {@code Pad} can become the padding of an average pool with attributes {@code a}:
     * zeros, counted in the averages (as the pool's own padding, or the pool has none), symmetric once added.
     */
    private boolean mergesInto(SpatialAttributes a, boolean countPad) {
        int[] s = pad.sides();
        int[] own = a.sides();
        return pad.mode() == PaddingMode.ZEROS && (countPad || a.unpadded())
                && s[0] + own[0] == s[1] + own[1] && s[2] + own[2] == s[3] + own[3];
    }

    /** The per-sample shape, checked to be an image {@code [C, H, W]}. */
    private Shape image(OnnxNode node) {
        Shape shape = model.currentShape();
        if (shape.rank() != 3) {
            throw node.error("reads a tensor of per-sample shape " + shape + "; NNJ imports " + node.opType()
                    + " for images [C, H, W] only");
        }
        return shape;
    }
}
