package org.nnj.layers.spatial;

/**
 * The short notation that 2-D layers' {@link org.nnj.api.layer.Layer#describe()} share: a size as {@code 5}
 * when both axes agree and {@code 5x3} (height x width) when they do not, a window as {@code 5x5/2}
 * (kernel / stride).
 */
public final class SpatialText {
    private SpatialText() {
    }

    /** {@code [height, width]} as {@code "3"} or {@code "3x1"}. */
    public static String size(int[] pair) {
        return pair[0] == pair[1] ? Integer.toString(pair[0]) : pair[0] + "x" + pair[1];
    }

    /** A kernel and its stride as {@code "5x5/1"} or {@code "3x3/2x1"}: the kernel always shows both axes. */
    public static String window(int[] kernel, int[] stride) {
        return kernel[0] + "x" + kernel[1] + "/" + size(stride);
    }
}
