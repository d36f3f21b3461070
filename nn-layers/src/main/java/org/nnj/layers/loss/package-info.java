/**
 * The built-in losses, each summing over the outputs of a sample and taking the mean over the batch:
 * {@link org.nnj.layers.loss.MeanSquaredError} ({@code "mse"}),
 * {@link org.nnj.layers.loss.BinaryCrossEntropyWithLogits} ({@code "bce_with_logits"}, fused with the
 * sigmoid) and {@link org.nnj.layers.loss.SoftmaxCrossEntropy} ({@code "softmax_cross_entropy"}, fused with
 * the softmax). The fused ones take logits, are numerically stable for any logit, and turn logits into
 * probabilities with {@link org.nnj.api.loss.Loss#probabilities}. Each has a provider listed in
 * {@code META-INF/services}.
 */
package org.nnj.layers.loss;
