package org.nnj.examples.render;

/** How a value in a range becomes a colour in the pictures of weights and activations. */
public enum ColorMap {
    /** Black at the low end of the range, white at the high end: images and activations. */
    GREY {
        @Override
        int rgb(float value, float low, float high) {
            float t = high > low ? (value - low) / (high - low) : 0f;
            int v = Math.round(255 * clamp(t));
            return v << 16 | v << 8 | v;
        }
    },
    /**
     * White at zero, red for positive and blue for negative values, saturated at {@code max(|low|, |high|)}:
     * weights, whose sign matters.
     */
    DIVERGING {
        @Override
        int rgb(float value, float low, float high) {
            float limit = Math.max(Math.abs(low), Math.abs(high));
            float t = limit > 0 ? clamp(Math.abs(value) / limit) : 0f;
            int fade = Math.round(255 * (1 - t));
            return value >= 0 ? 255 << 16 | fade << 8 | fade : fade << 16 | fade << 8 | 255;
        }
    };

    /** The packed {@code 0xRRGGBB} colour of {@code value} in {@code [low, high]}. */
    abstract int rgb(float value, float low, float high);

    private static float clamp(float t) {
        return Math.max(0f, Math.min(1f, t));
    }
}
