/**
 * The built-in optimizers, one package each ({@link org.nnj.optimizers.sgd}, {@link org.nnj.optimizers.adam}),
 * and here the {@link org.nnj.optimizers.AbstractOptimizer} base class that keeps per-parameter state by
 * name and saves it. Every optimizer is a plugin built through its
 * {@link org.nnj.api.spi.OptimizerProvider}, exactly like a third party's.
 */
package org.nnj.optimizers;
