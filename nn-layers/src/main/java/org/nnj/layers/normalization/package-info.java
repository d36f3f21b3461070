/**
 * Normalisation layers: {@link org.nnj.layers.normalization.BatchNorm2d} ({@code "batch_norm2d"}), per-channel
 * batch normalisation with running estimates for inference, as PyTorch's.
 */
package org.nnj.layers.normalization;
