package org.nnj.onnx;

import java.util.Arrays;

/**
 * The window attributes that {@code Conv}, {@code MaxPool} and {@code AveragePool} share, read for 2-D
 * images: {@code kernel_shape}, {@code strides}, {@code dilations}, and the padding, either explicit
 * ({@code pads}, ONNX's order {@code [top, left, bottom, right]}) or {@code auto_pad}
 * ({@code SAME_UPPER}: the odd one at the end, as NNJ's {@code "same"}; {@code SAME_LOWER}: at the start;
 * {@code VALID}: none).
 *
 * @param sides NNJ's order, {@code [top, bottom, left, right]}
 */
record SpatialAttributes(int[] kernel, int[] stride, int[] dilation, int[] sides) {

    /**
     * The attributes of {@code node} for an input of {@code height x width}.
     *
     * @param kernel the kernel size when it is known from the weights (Conv), or null to require
     *               {@code kernel_shape} (pools)
     */
    static SpatialAttributes of(OnnxNode node, int height, int width, int[] kernel) {
        int[] k = kernel;
        long[] shape = node.getInts("kernel_shape", null);
        if (shape != null) {
            int[] declared = pair(node, "kernel_shape", shape, 1);
            if (k != null && !Arrays.equals(k, declared)) {
                throw node.error("attribute kernel_shape=" + Arrays.toString(declared) + " disagrees with the weights' "
                        + Arrays.toString(k) + "; the file is inconsistent");
            }
            k = declared;
        }
        if (k == null) {
            throw node.error("has no kernel_shape; the file does not follow the operator's definition");
        }
        int[] stride = pair(node, "strides", node.getInts("strides", new long[] {1, 1}), 1);
        int[] dilation = pair(node, "dilations", node.getInts("dilations", new long[] {1, 1}), 1);
        String autoPad = node.getString("auto_pad", "NOTSET");
        int[] sides;
        switch (autoPad) {
            case "NOTSET":
                sides = explicit(node);
                break;
            case "VALID":
                refusePadsWith(node, autoPad);
                sides = new int[4];
                break;
            case "SAME_UPPER":
            case "SAME_LOWER":
                refusePadsWith(node, autoPad);
                boolean upper = autoPad.equals("SAME_UPPER");
                int[] v = same(height, k[0], stride[0], dilation[0], upper);
                int[] h = same(width, k[1], stride[1], dilation[1], upper);
                sides = new int[] {v[0], v[1], h[0], h[1]};
                break;
            default:
                throw node.error("attribute auto_pad=" + autoPad + " is not one of NOTSET, VALID, SAME_UPPER,"
                        + " SAME_LOWER");
        }
        return new SpatialAttributes(k, stride, dilation, sides);
    }

    /** Whether the padding is the same above and below, and left and right (what NNJ's pools take). */
    boolean symmetric() {
        return sides[0] == sides[1] && sides[2] == sides[3];
    }

    boolean unpadded() {
        return sides[0] == 0 && sides[1] == 0 && sides[2] == 0 && sides[3] == 0;
    }

    private static int[] explicit(OnnxNode node) {
        long[] pads = node.getInts("pads", new long[4]);
        int[] p = node.toInts(pads, "pads");
        if (p.length != 4) {
            throw node.error("attribute pads=" + Arrays.toString(pads) + " does not have 4 values; NNJ imports 2-D"
                    + " convolutions and pooling only");
        }
        for (int x : p) {
            if (x < 0) {
                throw node.error("attribute pads=" + Arrays.toString(pads) + " is negative");
            }
        }
        return new int[] {p[0], p[2], p[1], p[3]}; // ONNX [t, l, b, r] -> [t, b, l, r]
    }

    private static void refusePadsWith(OnnxNode node, String autoPad) {
        long[] pads = node.getInts("pads", null);
        if (pads != null && Arrays.stream(pads).anyMatch(x -> x != 0)) {
            throw node.error("has both auto_pad=" + autoPad + " and pads=" + Arrays.toString(pads)
                    + "; ONNX allows only one of them");
        }
    }

    /** The padding before and after for "same" output size {@code ceil(in / stride)}. */
    private static int[] same(int in, int kernel, int stride, int dilation, boolean upper) {
        int out = (in + stride - 1) / stride;
        int total = Math.max((out - 1) * stride + dilation * (kernel - 1) + 1 - in, 0);
        int small = total / 2;
        return upper ? new int[] {small, total - small} : new int[] {total - small, small};
    }

    private static int[] pair(OnnxNode node, String name, long[] values, int min) {
        int[] v = node.toInts(values, name);
        if (v.length != 2) {
            throw node.error("attribute " + name + "=" + Arrays.toString(values) + " does not have 2 values; NNJ imports"
                    + " 2-D convolutions and pooling only");
        }
        if (v[0] < min || v[1] < min) {
            throw node.error("attribute " + name + "=" + Arrays.toString(values) + " must be at least " + min);
        }
        return v;
    }
}
