package org.nnj.api.activation;

import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Tensor;

/**
 * A non-linearity: its value and its derivative, applied to a whole batch. An activation layer (in
 * {@code nn-layers}) wraps any activation, so a plugin activation is usable everywhere a built-in is.
 *
 * <p>Element-wise activations should extend {@link ElementwiseActivation} and give only the scalar
 * function and derivative. Activations that mix elements (softmax, over the last dimension) implement
 * this interface directly. Implementations are stateless and thread-safe.
 */
public interface Activation {

    /** The provider name, for example {@code "relu"}. */
    String type();

    /** The settings that rebuild this activation through its provider (for example leaky ReLU's alpha). */
    default Config config() {
        return Config.empty();
    }

    /** {@code output = f(input)}; both have the same shape, and may be the same tensor. */
    void forward(ComputeBackend backend, Tensor input, Tensor output);

    /**
     * {@code gradInput = gradOutput * f'(input)} (a Jacobian-vector product for non-element-wise
     * functions), given the {@code input} and {@code output} of the forward call.
     */
    void backward(ComputeBackend backend, Tensor input, Tensor output, Tensor gradOutput, Tensor gradInput);
}
