package org.nnj.api.backend;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.nnj.api.ConfigException;

/**
 * How the border of an image is extended beyond its edges, for padded convolutions and for
 * {@link ConvolutionKernels#pad2d}. Shown on one row {@code a b c d} padded by 2 on each side:
 *
 * <pre>
 * ZEROS      0 0 | a b c d | 0 0
 * REFLECT    c b | a b c d | c b    mirror without repeating the edge (PyTorch's and numpy's "reflect")
 * SYMMETRIC  b a | a b c d | d c    mirror repeating the edge (numpy's and TensorFlow's "symmetric")
 * REPLICATE  a a | a b c d | d d    the edge value (PyTorch's "replicate", numpy's "edge")
 * </pre>
 *
 * <p>Reflect can add at most {@code size - 1} elements on a side and symmetric at most {@code size}, as in
 * PyTorch and TensorFlow; zeros and replicate any number.
 */
public enum PaddingMode {
    /** Zeros outside the image. */
    ZEROS("zeros") {
        @Override
        public int sourceIndex(int i, int size) {
            return i >= 0 && i < size ? i : -1;
        }

        @Override
        public int maxPadding(int size) {
            return Integer.MAX_VALUE;
        }
    },
    /** Mirror about the edge element, which is not repeated: index {@code -1} reads index {@code 1}. */
    REFLECT("reflect") {
        @Override
        public int sourceIndex(int i, int size) {
            if (i < 0) {
                return -i;
            }
            return i < size ? i : 2 * (size - 1) - i;
        }

        @Override
        public int maxPadding(int size) {
            return size - 1;
        }
    },
    /** Mirror about the edge itself, which is repeated: index {@code -1} reads index {@code 0}. */
    SYMMETRIC("symmetric") {
        @Override
        public int sourceIndex(int i, int size) {
            if (i < 0) {
                return -i - 1;
            }
            return i < size ? i : 2 * size - 1 - i;
        }

        @Override
        public int maxPadding(int size) {
            return size;
        }
    },
    /** The nearest edge element: index {@code -3} reads index {@code 0}. */
    REPLICATE("replicate") {
        @Override
        public int sourceIndex(int i, int size) {
            return i < 0 ? 0 : Math.min(i, size - 1);
        }

        @Override
        public int maxPadding(int size) {
            return Integer.MAX_VALUE;
        }
    };

    private final String configName;

    PaddingMode(String configName) {
        this.configName = configName;
    }

    /**
     * The index in {@code [0, size)} that position {@code i} of the padded line reads, where {@code i} counts
     * from the first element of the unpadded line (so it is negative in the leading padding), or {@code -1}
     * for a zero. Valid for {@code -maxPadding(size) <= i < size + maxPadding(size)}.
     */
    public abstract int sourceIndex(int i, int size);

    /** How many elements this mode can add on one side of a line of {@code size} elements. */
    public abstract int maxPadding(int size);

    /** The name used in configs and messages: {@code "zeros"}, {@code "reflect"}, {@code "symmetric"}, {@code "replicate"}. */
    public String configName() {
        return configName;
    }

    /** The mode called {@code name} in a config; the message names the owner and lists the known names. */
    public static PaddingMode fromConfigName(String name, String owner) {
        for (PaddingMode mode : values()) {
            if (mode.configName.equals(name)) {
                return mode;
            }
        }
        throw new ConfigException(owner + ": padding mode must be one of "
                + Arrays.stream(values()).map(PaddingMode::configName).collect(Collectors.joining(", "))
                + ", got \"" + name + "\"");
    }
}
