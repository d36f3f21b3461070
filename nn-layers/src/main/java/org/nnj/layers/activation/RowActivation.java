package org.nnj.layers.activation;

import org.nnj.api.activation.Activation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.tensor.Tensor;

/**
 * An activation over the last dimension, one row at a time (softmax, log-softmax): the shape checks and the
 * split into rows are here, the row kernels in the subclass. The backward pass gets the forward output, which is
 * what both kernels' Jacobian-vector products are cheapest from.
 */
abstract class RowActivation implements Activation {

    /** {@code y = f(x)} on {@code rows} rows of {@code cols}. */
    abstract void forwardRows(ComputeBackend backend, int rows, int cols, float[] x, int xOff, float[] y, int yOff);

    /** {@code dx} from the output {@code y} and {@code dy}, on {@code rows} rows of {@code cols}. */
    abstract void backwardRows(ComputeBackend backend, int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                               float[] dx, int dxOff);

    @Override
    public final void forward(ComputeBackend backend, Tensor input, Tensor output) {
        ActivationChecks.forward(type(), input, output);
        int cols = ActivationChecks.lastDimension(type(), input);
        forwardRows(backend, ActivationChecks.rows(input, cols), cols, input.data(), input.offset(), output.data(),
                output.offset());
    }

    @Override
    public final void backward(ComputeBackend backend, Tensor input, Tensor output, Tensor gradOutput,
                               Tensor gradInput) {
        ActivationChecks.backward(type(), input, output, gradOutput, gradInput);
        int cols = ActivationChecks.lastDimension(type(), input);
        backwardRows(backend, ActivationChecks.rows(input, cols), cols, output.data(), output.offset(),
                gradOutput.data(), gradOutput.offset(), gradInput.data(), gradInput.offset());
    }

    @Override
    public String toString() {
        return type();
    }
}
