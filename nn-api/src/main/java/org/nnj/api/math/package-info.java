/**
 * Numerical functions that plugins share and {@code java.lang.Math} lacks: {@link org.nnj.api.math.Erf} (the
 * error function) and {@link org.nnj.api.math.ActivationFunctions}, the reference definitions of the smooth
 * activations (ELU and SELU, GELU, softplus) that the backend kernels and the activation classes compute.
 */
package org.nnj.api.math;
