/**
 * Single-precision GEMM on the Vector API. {@link org.nnj.simd.gemm.Sgemm} is the entry point: it sends
 * calls at most one vector wide to {@link org.nnj.simd.gemm.NarrowGemm}, small ones to the unpacked
 * {@link org.nnj.simd.gemm.SmallGemm}, and the rest through its cache-blocking driver, split over the
 * shared worker pool. There {@link org.nnj.simd.gemm.PackA} and {@link org.nnj.simd.gemm.PackB} copy
 * blocks of the operands into zero-padded panels, {@link org.nnj.simd.gemm.MicroKernel} multiplies one
 * panel pair into a register tile of C, {@link org.nnj.simd.gemm.Blocking} sizes the tiles and blocks, and
 * {@link org.nnj.simd.gemm.Workspace} holds each thread's reusable buffers.
 */
package org.nnj.simd.gemm;
