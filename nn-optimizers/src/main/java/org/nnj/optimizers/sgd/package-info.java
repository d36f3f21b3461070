/**
 * Stochastic gradient descent, with momentum, Nesterov momentum and weight decay:
 * {@link org.nnj.optimizers.sgd.Sgd} and its provider, {@code "sgd"}.
 */
package org.nnj.optimizers.sgd;
