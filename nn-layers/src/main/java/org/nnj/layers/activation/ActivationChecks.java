package org.nnj.layers.activation;

import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;
import org.nnj.api.tensor.Tensor;

/** The shape checks every activation in this package makes before calling a kernel, and its config checks. */
final class ActivationChecks {
    private ActivationChecks() {
    }

    /** {@code output} must have the shape of {@code input}. */
    static void forward(String type, Tensor input, Tensor output) {
        sameShape(type, "output", input, output);
    }

    /** {@code output}, {@code gradOutput} and {@code gradInput} must have the shape of {@code input}. */
    static void backward(String type, Tensor input, Tensor output, Tensor gradOutput, Tensor gradInput) {
        sameShape(type, "output", input, output);
        sameShape(type, "output gradient", input, gradOutput);
        sameShape(type, "input gradient", input, gradInput);
    }

    private static void sameShape(String type, String what, Tensor input, Tensor other) {
        if (!other.shape().equals(input.shape())) {
            throw new ShapeException(type + ": the " + what + " has shape " + other.shape()
                    + ", expected the input's shape " + input.shape());
        }
    }

    /** The length of the last dimension, over which softmax and log-softmax work. */
    static int lastDimension(String type, Tensor t) {
        if (t.shape().rank() == 0) {
            throw new ShapeException(type + ": needs a tensor with at least one dimension, got a scalar");
        }
        return t.dim(-1);
    }

    /** How many rows of {@code cols} the tensor holds (0 when a row is empty). */
    static int rows(Tensor t, int cols) {
        return cols == 0 ? 0 : t.size() / cols;
    }

    /**
     * {@code value} as the float the kernels take, after checking that it is finite as a float (1e300 is a finite
     * double but an infinite float), with a one-line message naming the activation and the key.
     */
    static float finiteFloat(String type, String key, double value) {
        float f = (float) value;
        if (!Float.isFinite(f)) {
            throw new ConfigException(type + ": '" + key + "' must be a finite number (as a float32), got " + value);
        }
        return f;
    }
}
