package org.nnj.api.layer;

import java.util.Objects;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * A trainable tensor and its gradient, of the same shape. The layer that owns it reads {@link #value()}
 * in the forward pass and <em>adds</em> into {@link #gradient()} in the backward pass (so gradients of
 * several passes accumulate, as in PyTorch); the training loop zeroes the gradients before each step and
 * an {@link org.nnj.api.optim.Optimizer} updates the values from them.
 *
 * <p>The name is local to the layer ({@code "weight"}, {@code "bias"}); a model hands out
 * {@link #withName renamed views} qualified with the layer index ({@code "0.weight"}), which share the
 * value and the gradient, so optimizers can key their state by a model-wide unique name.
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor gradient;

    /** A parameter named {@code name} holding {@code value} (not copied), with a zero gradient. */
    public Parameter(String name, Tensor value) {
        this(name, value, Tensor.zeros(value.shape()));
    }

    private Parameter(String name, Tensor value, Tensor gradient) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.gradient = gradient;
    }

    /**
     * A view of this parameter under another name, sharing the value and the gradient: updating one
     * updates the other.
     */
    public Parameter withName(String newName) {
        return new Parameter(newName, value, gradient);
    }

    public String name() {
        return name;
    }

    public Tensor value() {
        return value;
    }

    public Tensor gradient() {
        return gradient;
    }

    public Shape shape() {
        return value.shape();
    }

    /** The number of scalars in this parameter. */
    public int size() {
        return value.size();
    }

    public void zeroGradient() {
        gradient.fill(0f);
    }

    @Override
    public String toString() {
        return name + value.shape();
    }
}
