/** AdaDelta: {@link org.nnj.optimizers.adadelta.Adadelta} and its provider, {@code "adadelta"}. */
package org.nnj.optimizers.adadelta;
