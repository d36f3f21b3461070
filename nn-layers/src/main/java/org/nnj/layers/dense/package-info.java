/**
 * The fully connected layer: {@link org.nnj.layers.dense.Dense} ({@code y = x W^T + b}, weights
 * {@code [out, in]} as in PyTorch), its weight initialisations ({@link org.nnj.layers.dense.DenseInit}) and
 * its provider, registered as {@code "dense"}.
 */
package org.nnj.layers.dense;
