package org.nnj.examples.render;

import java.util.Arrays;
import java.util.Objects;

/**
 * One small picture of an {@link ImageGrid}: a {@code height x width} plane of values (row-major, a copy)
 * and a caption drawn under it (lines separated by {@code '\n'}).
 */
public record Tile(float[] values, int height, int width, String caption) {

    public Tile {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(caption, "caption");
        if (height < 1 || width < 1 || values.length != height * width) {
            throw new IllegalArgumentException("a " + height + "x" + width + " tile needs " + height * width
                    + " values, got " + values.length);
        }
        values = values.clone();
    }

    /** The plane at {@code offset} in {@code data}. */
    public static Tile of(float[] data, int offset, int height, int width, String caption) {
        return new Tile(Arrays.copyOfRange(data, offset, offset + height * width), height, width, caption);
    }

    float min() {
        float m = Float.POSITIVE_INFINITY;
        for (float v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
