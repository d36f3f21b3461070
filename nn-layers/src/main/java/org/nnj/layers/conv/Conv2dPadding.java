package org.nnj.layers.conv;

import java.util.Arrays;
import java.util.List;
import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;

/**
 * How much a {@link Conv2d} pads its input: a fixed amount per side, or {@code "same"}, resolved from the
 * input size when the layer is built. How the padding is filled is the separate
 * {@link org.nnj.api.backend.PaddingMode}.
 *
 * <h2>"same"</h2>
 * The output has {@code ceil(in / stride)} positions per axis (the input size for stride 1); the padding
 * this needs, {@code max((out - 1) * stride + dilation * (kernel - 1) + 1 - in, 0)}, is split evenly with the
 * odd one at the bottom and the right. That is TensorFlow's rule, and for stride 1 also PyTorch's
 * {@code padding='same'} (which PyTorch allows for stride 1 only).
 *
 * <h2>In a config</h2>
 * Key {@code padding}: an integer (every side), {@code [vertical, horizontal]}, {@code [top, bottom, left, right]},
 * {@code "same"}, or {@code "valid"} (no padding, the default). A layer's own config writes {@code "same"} or the
 * four sides.
 */
public final class Conv2dPadding {
    private static final Conv2dPadding SAME = new Conv2dPadding(true, new int[4]);
    private static final Conv2dPadding VALID = new Conv2dPadding(false, new int[4]);

    private final boolean same;
    private final int[] sides; // top, bottom, left, right; zeros for "same"

    private Conv2dPadding(boolean same, int[] sides) {
        this.same = same;
        this.sides = sides;
    }

    /** The output as large as the input divided by the stride (see the class comment). */
    public static Conv2dPadding same() {
        return SAME;
    }

    /** No padding. */
    public static Conv2dPadding valid() {
        return VALID;
    }

    /** {@code amount} on every side. */
    public static Conv2dPadding of(int amount) {
        return of(amount, amount, amount, amount);
    }

    /** {@code vertical} above and below, {@code horizontal} left and right. */
    public static Conv2dPadding of(int vertical, int horizontal) {
        return of(vertical, vertical, horizontal, horizontal);
    }

    /** Each side on its own. */
    public static Conv2dPadding of(int top, int bottom, int left, int right) {
        int[] s = {top, bottom, left, right};
        for (int v : s) {
            if (v < 0) {
                throw new ConfigException("conv2d: padding must not be negative, got " + Arrays.toString(s));
            }
        }
        return new Conv2dPadding(false, s);
    }

    /**
     * The padding named by key {@code padding} of {@code config}, {@link #valid()} when absent.
     *
     * @throws ConfigException naming {@code owner} and the key for anything else
     */
    public static Conv2dPadding fromConfig(Config config, String owner) {
        if (!config.has("padding")) {
            return VALID;
        }
        Object v = config.asMap().get("padding");
        if (v instanceof String) {
            switch ((String) v) {
                case "same":
                    return SAME;
                case "valid":
                case "none":
                    return VALID;
                default:
                    throw new ConfigException(owner + ": 'padding' must be \"same\", \"valid\", an integer or a list of"
                            + " 2 or 4 integers, got \"" + v + "\"");
            }
        }
        int[] p = config.getIntArray("padding");
        for (int x : p) {
            if (x < 0) {
                throw new ConfigException(owner + ": 'padding' must not be negative, got " + Arrays.toString(p));
            }
        }
        switch (p.length) {
            case 1:
                return of(p[0]);
            case 2:
                return of(p[0], p[1]);
            case 4:
                return of(p[0], p[1], p[2], p[3]);
            default:
                throw new ConfigException(owner + ": 'padding' must be one integer, [vertical, horizontal] or [top,"
                        + " bottom, left, right], got " + Arrays.toString(p));
        }
    }

    public boolean isSame() {
        return same;
    }

    /** True when no side is padded (never for "same", which depends on the input). */
    public boolean isNone() {
        return !same && sides[0] == 0 && sides[1] == 0 && sides[2] == 0 && sides[3] == 0;
    }

    /** {@code [top, bottom, left, right]} for an input of {@code height x width}. */
    public int[] resolve(int height, int width, int[] kernel, int[] stride, int[] dilation) {
        if (!same) {
            return sides.clone();
        }
        int[] vertical = sameSplit(height, kernel[0], stride[0], dilation[0]);
        int[] horizontal = sameSplit(width, kernel[1], stride[1], dilation[1]);
        return new int[] {vertical[0], vertical[1], horizontal[0], horizontal[1]};
    }

    private static int[] sameSplit(int in, int kernel, int stride, int dilation) {
        int out = (in + stride - 1) / stride;
        int span = dilation * (kernel - 1) + 1;
        int total = Math.max((out - 1) * stride + span - in, 0);
        return new int[] {total / 2, total - total / 2};
    }

    /**
     * The padding as configured, for {@link Conv2d#describe()}: {@code "same"}, {@code "valid"} (none),
     * {@code "pad 2"} (every side), {@code "pad 1x2"} (vertical x horizontal) or
     * {@code "pad t1 b2 l0 r1"}.
     */
    public String describe() {
        if (same) {
            return "same";
        }
        if (isNone()) {
            return "valid";
        }
        if (sides[0] == sides[1] && sides[2] == sides[3]) {
            return "pad " + (sides[0] == sides[2] ? Integer.toString(sides[0]) : sides[0] + "x" + sides[2]);
        }
        return "pad t" + sides[0] + " b" + sides[1] + " l" + sides[2] + " r" + sides[3];
    }

    /** {@code "same"} or {@code [top, bottom, left, right]}. */
    public Object configValue() {
        return same ? "same" : List.of(sides[0], sides[1], sides[2], sides[3]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Conv2dPadding && same == ((Conv2dPadding) o).same
                && Arrays.equals(sides, ((Conv2dPadding) o).sides);
    }

    @Override
    public int hashCode() {
        return same ? 1 : Arrays.hashCode(sides);
    }

    @Override
    public String toString() {
        return same ? "same" : "top " + sides[0] + ", bottom " + sides[1] + ", left " + sides[2] + ", right " + sides[3];
    }
}
