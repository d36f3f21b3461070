/**
 * The built-in losses, each summing over the outputs of a sample and taking the mean over the batch:
 * {@link org.nnj.layers.loss.MeanSquaredError} ({@code "mse"}),
 * {@link org.nnj.layers.loss.BinaryCrossEntropyWithLogits} ({@code "bce_with_logits"}, fused with the
 * sigmoid) and {@link org.nnj.layers.loss.SoftmaxCrossEntropy} ({@code "softmax_cross_entropy"}, fused with
 * the softmax). The fused ones take logits, are numerically stable for any logit, and turn logits into
 * probabilities with {@link org.nnj.api.loss.Loss#probabilities}. For models that end with their own
 * non-linearity, with PyTorch's semantics: {@link org.nnj.layers.loss.NegativeLogLikelihood} ({@code "nll"},
 * on log-probabilities, after {@code log_softmax}) and {@link org.nnj.layers.loss.BinaryCrossEntropy}
 * ({@code "bce"}, on probabilities, after a sigmoid; logarithms clamped at -100). Each has a provider listed
 * in {@code META-INF/services}.
 */
package org.nnj.layers.loss;
