/** Optimizers: {@link org.nnj.api.optim.Optimizer} and its saveable {@link org.nnj.api.optim.OptimizerState}. */
package org.nnj.api.optim;
