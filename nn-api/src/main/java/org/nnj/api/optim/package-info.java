/**
 * Optimizers: {@link org.nnj.api.optim.Optimizer}, its saveable {@link org.nnj.api.optim.OptimizerState},
 * the {@link org.nnj.api.optim.LearningRateSchedule} a training loop applies to any optimizer, and what
 * an optimizer plugin builds on: {@link org.nnj.api.optim.AbstractOptimizer} (per-parameter state, the
 * learning rate, saving and restoring) and the range checks of {@link org.nnj.api.optim.Hyperparameters}.
 */
package org.nnj.api.optim;
