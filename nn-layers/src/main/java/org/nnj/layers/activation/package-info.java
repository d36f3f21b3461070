/**
 * The built-in activations and the layer that applies any activation.
 *
 * <ul>
 *   <li>Element-wise, each extending {@link org.nnj.api.activation.ElementwiseActivation} (whose scalar
 *       {@code apply}/{@code derivative} document the maths and serve the gradient checker) and running
 *       the backend's kernels for whole tensors: {@link org.nnj.layers.activation.Sigmoid}
 *       ({@code "sigmoid"}), {@link org.nnj.layers.activation.Tanh} ({@code "tanh"}),
 *       {@link org.nnj.layers.activation.Relu} ({@code "relu"}), {@link org.nnj.layers.activation.LeakyRelu}
 *       ({@code "leaky_relu"}, key {@code alpha}), {@link org.nnj.layers.activation.Elu} ({@code "elu"}, key
 *       {@code alpha}), {@link org.nnj.layers.activation.Selu} ({@code "selu"}),
 *       {@link org.nnj.layers.activation.Gelu} ({@code "gelu"}, key {@code approximate}),
 *       {@link org.nnj.layers.activation.Softplus} ({@code "softplus"}, keys {@code beta} and {@code threshold})
 *       and {@link org.nnj.layers.activation.Identity} ({@code "identity"}).</li>
 *   <li>{@link org.nnj.layers.activation.Softmax} ({@code "softmax"}) and
 *       {@link org.nnj.layers.activation.LogSoftmax} ({@code "log_softmax"}, stable), over the last
 *       dimension.</li>
 *   <li>{@link org.nnj.layers.activation.ActivationLayer} ({@code "activation"}), which wraps any
 *       {@link org.nnj.api.activation.Activation}, a plugin's included.</li>
 * </ul>
 * Each has a provider listed in {@code META-INF/services}.
 */
package org.nnj.layers.activation;
