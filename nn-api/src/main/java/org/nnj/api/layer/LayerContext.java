package org.nnj.api.layer;

import java.util.random.RandomGenerator;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * What one call of one layer gets from the model that runs it, and where it keeps what its backward pass
 * needs. A new context (or a reset one) is used for every forward pass, so a layer never stores per-call
 * state in its own fields: that is what makes inference on one model from many threads safe.
 *
 * <p>Life cycle: the model calls {@link Layer#forward} with a context, and later {@link Layer#backward}
 * with <em>the same</em> context; whatever the forward pass {@link #save saved} is there to read.
 */
public interface LayerContext {

    /** The backend that runs this layer's kernels. */
    ComputeBackend backend();

    /** True in training (dropout drops, batch norm uses batch statistics), false in inference. */
    boolean isTraining();

    /** A random source for this call, seeded by the model's training seed (dropout masks). */
    RandomGenerator random();

    /**
     * False when nobody will read the gradient with respect to this layer's input (the first layer of a
     * model): {@link Layer#backward} may then skip computing it and return {@code null}.
     */
    boolean needsInputGradient();

    /**
     * A tensor of the given shape whose contents are undefined. The model may hand out the same buffer
     * again at the same point of a later step, so a layer must not keep it beyond the step; use it for
     * outputs and gradients rather than allocating, and there is no per-batch allocation in steady state.
     */
    Tensor allocate(Shape shape);

    /** Like {@link #allocate} but filled with zeros. */
    default Tensor allocateZeroed(Shape shape) {
        Tensor t = allocate(shape);
        t.fill(0f);
        return t;
    }

    /** Keeps values for the backward pass of this call (replacing what was saved before). */
    void save(Object... values);

    /**
     * Value {@code index} of what the forward pass saved, checked to be of {@code type}.
     *
     * @throws IllegalStateException if nothing was saved at {@code index} or it is of another type
     */
    <T> T saved(int index, Class<T> type);
}
