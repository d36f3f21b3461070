/**
 * The vectorised element-wise, row-wise and optimizer-update kernels of the SIMD backend. Each loops over
 * whole vectors and finishes with a scalar tail; none validates its arguments (the backend does).
 */
package org.nnj.simd.elementwise;
