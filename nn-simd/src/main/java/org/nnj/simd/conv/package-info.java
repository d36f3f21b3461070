/**
 * The SIMD backend's convolutions and explicit padding: {@link org.nnj.simd.conv.SimdConvolution} lowers
 * groups of images with a vectorised im2col ({@code Lowering}) and multiplies them with the SIMD GEMM,
 * folding gradients back with col2im; {@code ConvolutionPlan} says how a call is split over threads and
 * how the workspace is laid out; {@link org.nnj.simd.conv.Padding} is pad2d and its backward pass.
 */
package org.nnj.simd.conv;
