/** AdaGrad: {@link org.nnj.optimizers.adagrad.Adagrad} and its provider, {@code "adagrad"}. */
package org.nnj.optimizers.adagrad;
