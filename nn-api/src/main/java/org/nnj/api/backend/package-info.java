/**
 * The compute backend: {@link org.nnj.api.backend.ComputeBackend} and the kernel groups it is made of
 * (GEMM and bias kernels, element-wise maps, row-wise softmax, fused optimizer updates).
 */
package org.nnj.api.backend;
