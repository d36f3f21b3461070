/** Activations: {@link org.nnj.api.activation.Activation} and the element-wise base class for plugins. */
package org.nnj.api.activation;
