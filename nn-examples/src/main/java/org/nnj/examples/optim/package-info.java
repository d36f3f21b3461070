/**
 * The lecture's optimizer demos: {@code ./nn optimizers} (one MLP on Fashion-MNIST trained with each
 * optimizer for the same budget), {@code ./nn optimizer-paths} (the optimizers' 2-D paths on Rosenbrock's
 * and Beale's functions over their contour lines) and {@code ./nn vanishing-gradients} (per-layer
 * gradient norms of a deep sigmoid MLP against ReLU ones).
 */
package org.nnj.examples.optim;
