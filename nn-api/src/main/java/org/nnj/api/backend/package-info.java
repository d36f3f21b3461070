/**
 * The compute backend: {@link org.nnj.api.backend.ComputeBackend} and the kernel groups it is made of
 * (GEMM and bias kernels, element-wise maps, row-wise softmax, fused optimizer updates, batch normalisation, convolution,
 * padding and pooling), the geometries that describe a convolution or pooling call
 * ({@link org.nnj.api.backend.Conv2dGeometry}, {@link org.nnj.api.backend.Pool2dGeometry},
 * {@link org.nnj.api.backend.Pad2dGeometry}, {@link org.nnj.api.backend.PaddingMode}), the argument
 * checks every backend shares, and {@link org.nnj.api.backend.AbstractComputeBackend}, the base class that
 * runs them before a backend's own code, and {@link org.nnj.api.backend.ForwardingComputeBackend}, which
 * forwards every kernel to another backend so that a backend can replace a few kernels and keep the rest.
 *
 * <h2>Argument order</h2>
 * Every kernel takes its arguments in one order, the order of BLAS ({@code sgemm}, and
 * {@code axpy(n, alpha, x, xOff, y, yOff)}):
 * <ol>
 *   <li>the flags that choose a variant of the kernel: {@code transA, transB}; {@code training};
 *       {@code countIncludePad};</li>
 *   <li>what shapes the work: the counts ({@code n}; {@code rows, cols}; {@code m, n, k};
 *       {@code n, channels, plane}) or the one geometry object ({@link org.nnj.api.backend.Conv2dGeometry},
 *       {@link org.nnj.api.backend.Pool2dGeometry}, {@link org.nnj.api.backend.Pad2dGeometry});</li>
 *   <li>the scalar coefficients, in the order the kernel's formula names them ({@code alpha}; {@code beta,
 *       alpha, c, eps}; {@code lr, beta1, beta2, eps, bc1, bc2});</li>
 *   <li>the arrays, each immediately followed by its offset and, for a matrix that has one, its leading
 *       dimension: the arrays the kernel only reads first, then those it writes (an array it reads and
 *       writes, such as {@code y} of {@code axpy}, counts as written), the workspace last.</li>
 * </ol>
 * Counts and offsets are all {@code int}, and most coefficients {@code float}: an exchanged pair compiles
 * without a warning, so one order everywhere is what lets a reader check a call at a glance. Two kernels keep
 * the order of the standard they come from, which backend authors map them onto:
 * <ul>
 *   <li>{@link org.nnj.api.backend.MatrixKernels#gemm gemm} is CBLAS's {@code sgemm} argument for argument
 *       (row-major): {@code beta} stands just before {@code C}, the matrix it scales, rather than beside
 *       {@code alpha}, so that a native GEMM is called with the arguments in the same order;</li>
 *   <li>the fused optimizer steps ({@link org.nnj.api.backend.UpdateKernels#adamStep adamStep},
 *       {@link org.nnj.api.backend.UpdateKernels#adadeltaStep adadeltaStep}) take the parameter, which they
 *       update, before its gradient, which they only read, and then the optimizer's state: the order of
 *       PyTorch's functional optimizers ({@code params, grads, exp_avgs, exp_avg_sqs}), which their
 *       formulas follow.</li>
 * </ul>
 * A kernel added later follows the same rule; the checklist in {@code docs/ARCHITECTURE.md} ("Adding a
 * kernel") lists every file it touches.
 */
package org.nnj.api.backend;
