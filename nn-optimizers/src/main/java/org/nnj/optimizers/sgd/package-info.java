/** Stochastic gradient descent: {@link org.nnj.optimizers.sgd.Sgd} and its provider, {@code "sgd"}. */
package org.nnj.optimizers.sgd;
