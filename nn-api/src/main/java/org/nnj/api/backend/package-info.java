/**
 * The compute backend: {@link org.nnj.api.backend.ComputeBackend} and the kernel groups it is made of
 * (GEMM and bias kernels, element-wise maps, row-wise softmax, fused optimizer updates, batch normalisation, convolution,
 * padding and pooling), the geometries that describe a convolution or pooling call
 * ({@link org.nnj.api.backend.Conv2dGeometry}, {@link org.nnj.api.backend.Pool2dGeometry},
 * {@link org.nnj.api.backend.Pad2dGeometry}, {@link org.nnj.api.backend.PaddingMode}), the argument
 * checks every backend shares, and {@link org.nnj.api.backend.AbstractComputeBackend}, the base class that
 * runs them before a backend's own code.
 */
package org.nnj.api.backend;
