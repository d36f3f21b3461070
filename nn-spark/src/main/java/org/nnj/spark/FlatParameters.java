package org.nnj.spark;

import java.util.List;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Tensor;

/**
 * A model's parameters as one {@code float[]}, in the order of {@code Sequential.parameters()}: the form
 * that is broadcast to executors and summed by Spark's tree aggregation (one array, no per-tensor objects).
 */
final class FlatParameters {
    private FlatParameters() {
    }

    /** The total number of values. */
    static int size(List<Parameter> parameters) {
        int n = 0;
        for (Parameter p : parameters) {
            n += p.size();
        }
        return n;
    }

    /** The values, copied into a new array. */
    static float[] values(List<Parameter> parameters) {
        float[] out = new float[size(parameters)];
        int at = 0;
        for (Parameter p : parameters) {
            Tensor v = p.value();
            System.arraycopy(v.data(), v.offset(), out, at, p.size());
            at += p.size();
        }
        return out;
    }

    /** Adds the gradients into {@code sum} (same layout). */
    static void addGradients(List<Parameter> parameters, float[] sum) {
        int at = 0;
        for (Parameter p : parameters) {
            Tensor g = p.gradient();
            float[] data = g.data();
            int from = g.offset();
            for (int i = 0; i < p.size(); i++) {
                sum[at + i] += data[from + i];
            }
            at += p.size();
        }
    }

    /** Copies {@code flat} into the values. */
    static void setValues(List<Parameter> parameters, float[] flat) {
        check(parameters, flat);
        int at = 0;
        for (Parameter p : parameters) {
            p.value().copyFrom(Tensor.wrap(flat, at, p.shape()));
            at += p.size();
        }
    }

    /** Copies {@code flat} into the gradients. */
    static void setGradients(List<Parameter> parameters, float[] flat) {
        check(parameters, flat);
        int at = 0;
        for (Parameter p : parameters) {
            p.gradient().copyFrom(Tensor.wrap(flat, at, p.shape()));
            at += p.size();
        }
    }

    private static void check(List<Parameter> parameters, float[] flat) {
        if (flat.length != size(parameters)) {
            throw new IllegalArgumentException(flat.length + " values for a model of " + size(parameters));
        }
    }
}
