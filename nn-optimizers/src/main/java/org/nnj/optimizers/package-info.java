/**
 * The built-in optimizers, one package per family, from simple to complex:
 * {@link org.nnj.optimizers.sgd} (SGD, momentum, Nesterov), {@link org.nnj.optimizers.adagrad},
 * {@link org.nnj.optimizers.rmsprop} (plain and centered), {@link org.nnj.optimizers.adadelta},
 * {@link org.nnj.optimizers.adam} (Adam, AMSGrad, AdamW, Adamax, NAdam); and the learning-rate schedules
 * in {@link org.nnj.optimizers.schedule}. Each optimizer follows {@code torch.optim}'s formula and
 * defaults, documented on its class.
 *
 * <p>Here: the {@link org.nnj.optimizers.AbstractOptimizer} base class, which keeps per-parameter state
 * by name and saves it, the running averages most optimizers share ({@link org.nnj.optimizers.Moments})
 * and the checks of hyper-parameters ({@link org.nnj.optimizers.Hyperparameters}). Every optimizer is a
 * plugin built through its {@link org.nnj.api.spi.OptimizerProvider}, exactly like a third party's.
 */
package org.nnj.optimizers;
