/**
 * The SIMD backend's max and average pooling kernels ({@link org.nnj.simd.pooling.MaxPooling},
 * {@link org.nnj.simd.pooling.AvgPooling}), with loops of their own for the 2x2, stride-2 windows of the
 * common models.
 */
package org.nnj.simd.pooling;
