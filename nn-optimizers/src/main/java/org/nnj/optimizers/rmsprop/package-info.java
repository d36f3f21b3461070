/** RMSprop, plain and centered: {@link org.nnj.optimizers.rmsprop.RmsProp} and its provider, {@code "rmsprop"}. */
package org.nnj.optimizers.rmsprop;
