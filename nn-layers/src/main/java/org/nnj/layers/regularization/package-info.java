/** Regularisation layers: {@link org.nnj.layers.regularization.Dropout} ({@code "dropout"}, inverted, training only). */
package org.nnj.layers.regularization;
