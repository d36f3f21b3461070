/**
 * Single-precision GEMM on the Vector API: {@link org.nnj.simd.gemm.Sgemm} is the entry point and the
 * cache-blocking driver; {@link org.nnj.simd.gemm.PackA} and {@link org.nnj.simd.gemm.PackB} copy blocks of
 * the operands into zero-padded panels; {@link org.nnj.simd.gemm.MicroKernel} multiplies one panel pair
 * into a register tile of C; {@link org.nnj.simd.gemm.SmallGemm} is the direct path for calls too small for
 * packing to pay; {@link org.nnj.simd.gemm.Workspace} holds each thread's reusable buffers.
 */
package org.nnj.simd.gemm;
