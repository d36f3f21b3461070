/**
 * The built-in optimizers, one package per family, from simple to complex:
 * {@link org.nnj.optimizers.sgd} (SGD, momentum, Nesterov), {@link org.nnj.optimizers.adagrad},
 * {@link org.nnj.optimizers.rmsprop} (plain and centered), {@link org.nnj.optimizers.adadelta},
 * {@link org.nnj.optimizers.adam} (Adam, AMSGrad, AdamW, Adamax, NAdam); and the learning-rate schedules
 * in {@link org.nnj.optimizers.schedule}. Each optimizer follows {@code torch.optim}'s formula and
 * defaults, documented on its class.
 *
 * <p>Here: the running averages most optimizers share ({@link org.nnj.optimizers.Moments}). Every
 * optimizer extends nn-api's {@link org.nnj.api.optim.AbstractOptimizer}, which keeps per-parameter
 * state by name and saves it, and checks its hyper-parameters with
 * {@link org.nnj.api.optim.Hyperparameters}: it is a plugin built through its
 * {@link org.nnj.api.spi.OptimizerProvider}, exactly like a third party's.
 */
package org.nnj.optimizers;
