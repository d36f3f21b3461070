/**
 * Optimizers: {@link org.nnj.api.optim.Optimizer}, its saveable {@link org.nnj.api.optim.OptimizerState},
 * and the {@link org.nnj.api.optim.LearningRateSchedule} a training loop applies to any optimizer.
 */
package org.nnj.api.optim;
