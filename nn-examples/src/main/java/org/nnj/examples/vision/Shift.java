package org.nnj.examples.vision;

import java.util.Arrays;

/**
 * A translation of an image by whole pixels in one of four directions; what moves out is lost and the
 * pixels that come in are 0, the background of Fashion-MNIST.
 */
enum Shift {
    LEFT(-1, 0), RIGHT(1, 0), UP(0, -1), DOWN(0, 1);

    private final int dx;
    private final int dy;

    Shift(int dx, int dy) {
        this.dx = dx;
        this.dy = dy;
    }

    /** {@code "left"}, {@code "right"}, {@code "up"}, {@code "down"}. */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Writes the {@code height x width} plane at {@code srcOff} moved {@code pixels} in this direction to
     * {@code dst} at {@code dstOff}.
     */
    void apply(float[] src, int srcOff, int height, int width, int pixels, float[] dst, int dstOff) {
        int sx = dx * pixels;
        int sy = dy * pixels;
        Arrays.fill(dst, dstOff, dstOff + height * width, 0f);
        for (int r = Math.max(0, sy); r < Math.min(height, height + sy); r++) {
            int from = Math.max(0, sx);
            int to = Math.min(width, width + sx);
            if (from < to) {
                System.arraycopy(src, srcOff + (r - sy) * width + from - sx, dst, dstOff + r * width + from, to - from);
            }
        }
    }

    /** Every image of {@code images} ({@code n} planes of {@code height x width}) moved by {@code pixels}. */
    float[] applyAll(float[] images, int n, int height, int width, int pixels) {
        float[] out = new float[images.length];
        int plane = height * width;
        for (int i = 0; i < n; i++) {
            apply(images, i * plane, height, width, pixels, out, i * plane);
        }
        return out;
    }
}
