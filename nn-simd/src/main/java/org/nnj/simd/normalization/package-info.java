/**
 * The SIMD backend's batch-normalisation kernels ({@link org.nnj.simd.normalization.BatchNorm}): per-channel
 * statistics and gradient sums in double precision, and the element-wise forward and backward maps in float
 * with the scalar reference's operations, over NCHW data one plane at a time.
 */
package org.nnj.simd.normalization;
