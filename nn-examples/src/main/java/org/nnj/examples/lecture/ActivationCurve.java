package org.nnj.examples.lecture;

import org.nnj.api.activation.Activation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.tensor.Tensor;

/**
 * An activation's value and derivative at evenly spaced {@code x}, computed by the activation's own
 * {@code forward} and {@code backward} on a backend, not by a second formula. Each {@code x} is the first
 * element of a row {@code [x, 0]}; the derivative is the backward pass of the gradient {@code [1, 0]},
 * that is {@code d y_0 / d x_0}. For an element-wise function that is {@code f(x)} and {@code f'(x)}; for
 * one that mixes the elements of a row (softmax over the last dimension) it is the first component's.
 * Whether it mixes is found by looking: the first output of {@code [x, 0]} against that of {@code [x, 1]}.
 *
 * @param mixes true when the activation's first output depends on the other element of the row
 */
record ActivationCurve(double[] x, double[] value, double[] derivative, boolean mixes) {

    /** The curve of {@code activation} at {@code points} values of {@code x} from {@code from} to {@code to}. */
    static ActivationCurve of(Activation activation, ComputeBackend backend, double from, double to, int points) {
        double[] x = new double[points];
        float[] rows = new float[2 * points];
        float[] shifted = new float[2 * points];
        float[] gradOutput = new float[2 * points];
        for (int i = 0; i < points; i++) {
            x[i] = from + (to - from) * i / (points - 1);
            rows[2 * i] = (float) x[i];
            shifted[2 * i] = (float) x[i];
            shifted[2 * i + 1] = 1;
            gradOutput[2 * i] = 1;
        }
        Tensor input = Tensor.of(rows, points, 2);
        Tensor output = Tensor.zeros(points, 2);
        activation.forward(backend, input, output);
        Tensor gradInput = Tensor.zeros(points, 2);
        activation.backward(backend, input, output, Tensor.of(gradOutput, points, 2), gradInput);
        Tensor other = Tensor.zeros(points, 2);
        activation.forward(backend, Tensor.of(shifted, points, 2), other);
        double[] value = new double[points];
        double[] derivative = new double[points];
        boolean mixes = false;
        for (int i = 0; i < points; i++) {
            value[i] = output.get(i, 0);
            derivative[i] = gradInput.get(i, 0);
            mixes |= Float.compare(output.get(i, 0), other.get(i, 0)) != 0;
        }
        return new ActivationCurve(x, value, derivative, mixes);
    }
}
