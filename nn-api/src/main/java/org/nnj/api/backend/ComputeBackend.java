package org.nnj.api.backend;

/**
 * Runs every heavy kernel of the framework: layers, losses and optimizers call it and never loop over
 * big arrays themselves, so one backend (the scalar reference, the Vector API one, a native one) speeds
 * up every built-in and every plugin at once.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Kernels work on {@code float[]} arrays with offsets, BLAS-style; a
 *       {@link org.nnj.api.tensor.Tensor} hands over its {@code data()} and {@code offset()}.</li>
 *   <li>Every kernel orders its arguments alike: flags, then what shapes the work (counts such as {@code n}
 *       or {@code rows, cols}, or a geometry), then scalar coefficients, then each array followed at once by
 *       its offset (and its leading dimension), read-only arrays before written ones:
 *       {@code axpy(n, alpha, x, xOff, y, yOff)}, {@code softmaxRows(rows, cols, x, xOff, y, yOff)}. The
 *       {@linkplain org.nnj.api.backend package description} states the rule and its two exceptions
 *       ({@code gemm} keeps CBLAS's order, the fused optimizer steps PyTorch's).</li>
 *   <li>Arguments are validated before any element is touched; a bad argument throws
 *       {@link org.nnj.api.ShapeException} naming it.</li>
 *   <li>A backend is thread-safe: kernels may be called from several threads at once (inference on one
 *       model from many threads). It may itself split large kernels over its {@link #threads()} worker
 *       threads, drawn from one shared pool; it never starts threads per call.</li>
 *   <li>Results of different backends agree to float32 rounding; the scalar reference backend in
 *       {@code nn-core} is the oracle that other backends are tested against.</li>
 * </ul>
 *
 * <p>Backends are found through {@link org.nnj.api.spi.ComputeBackendProvider}. To write one, extend
 * {@link AbstractComputeBackend}: it validates every kernel's arguments as this contract requires and then
 * calls a protected {@code do...} method that only computes. To replace a few kernels of an existing
 * backend (a native GEMM under the SIMD backend's other kernels), extend {@link ForwardingComputeBackend}.
 */
public interface ComputeBackend extends MatrixKernels, ElementwiseKernels, RowKernels, UpdateKernels,
        NormalizationKernels, ConvolutionKernels, PoolingKernels {

    /** The provider name of this backend, for example {@code "scalar"} or {@code "simd"}. */
    String name();

    /** How many threads the backend may use for one kernel call (1 means the calling thread only). */
    int threads();

    /** One line for logs and reports, for example {@code "simd (512-bit, 2 threads)"}. */
    default String description() {
        return name() + " (" + threads() + (threads() == 1 ? " thread)" : " threads)");
    }
}
