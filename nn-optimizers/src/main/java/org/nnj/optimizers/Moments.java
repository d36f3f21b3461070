package org.nnj.optimizers;

import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.tensor.Tensor;

/**
 * The running averages that most adaptive optimizers keep, written once: the first moment (Adam's
 * {@code exp_avg}) and the second moment (Adam's {@code exp_avg_sq}, RMSprop's and AdaDelta's
 * {@code square_avg}), with PyTorch's order of operations ({@code avg.mul_(beta).add_(x, alpha=1-beta)}
 * and {@code avg.mul_(beta).addcmul_(x, x, value=1-beta)}). Every computation is in float32, with
 * {@code 1 - beta} taken in float32 from the float32 value of {@code beta}, as the backend's Adam kernel
 * does.
 */
public final class Moments {
    private Moments() {
    }

    /** {@code avg = beta * avg + (1 - beta) * x}, by the backend's scale and axpy kernels. */
    public static void average(ComputeBackend backend, float beta, Tensor x, Tensor avg) {
        int n = avg.size();
        backend.scale(n, beta, avg.data(), avg.offset());
        backend.axpy(n, 1f - beta, x.data(), x.offset(), avg.data(), avg.offset());
    }

    /** {@code avg = beta * avg + (1 - beta) * x * x}, by the backend's {@code addSquares} kernel. */
    public static void averageOfSquares(ComputeBackend backend, float beta, Tensor x, Tensor avg) {
        backend.addSquares(avg.size(), beta, 1f - beta, x.data(), x.offset(), avg.data(), avg.offset());
    }
}
