package org.nnj.core.train;

import java.util.List;
import org.nnj.api.ConfigException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Tensor;

/**
 * Limits the gradients between the backward pass and the optimizer's step, as PyTorch's
 * {@code clip_grad_norm_} and {@code clip_grad_value_} do. Made by {@link #byGlobalNorm} or
 * {@link #byValue}, given to {@link Trainer.Builder#gradientClipping}.
 *
 * <ul>
 *   <li><b>By global norm</b>: the L2 norm of all the gradients together,
 *       {@code norm = sqrt(sum over every element of every gradient of g^2)}; when it exceeds
 *       {@code maxNorm}, every gradient is multiplied by {@code maxNorm / (norm + 1e-6)} (PyTorch's
 *       formula, the 1e-6 keeps it finite). The direction of the update is kept.</li>
 *   <li><b>By value</b>: every element is clamped to {@code [-clipValue, clipValue]}. The direction
 *       changes.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class GradientClipping {
    private static final double NORM_EPS = 1e-6;

    private final boolean byNorm;
    private final double limit;

    private GradientClipping(boolean byNorm, double limit) {
        this.byNorm = byNorm;
        this.limit = limit;
    }

    /** Rescales all gradients together so that their global L2 norm is at most {@code maxNorm} (positive). */
    public static GradientClipping byGlobalNorm(double maxNorm) {
        return new GradientClipping(true, checkLimit("maxNorm", maxNorm));
    }

    /** Clamps every gradient element to {@code [-clipValue, clipValue]} ({@code clipValue} positive). */
    public static GradientClipping byValue(double clipValue) {
        return new GradientClipping(false, checkLimit("clipValue", clipValue));
    }

    private static double checkLimit(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ConfigException("gradient clipping: '" + key + "' must be positive and finite, got " + value);
        }
        return value;
    }

    /**
     * The global L2 norm of the gradients of {@code parameters} (in double), without changing them.
     */
    public static double globalNorm(ComputeBackend backend, List<Parameter> parameters) {
        double sum = 0;
        for (Parameter p : parameters) {
            Tensor g = p.gradient();
            sum += backend.sumOfSquares(g.size(), g.data(), g.offset());
        }
        return Math.sqrt(sum);
    }

    /**
     * Clips the gradients of {@code parameters} in place and returns their global L2 norm <em>before</em>
     * clipping (as PyTorch's {@code clip_grad_norm_} does), so the caller can log it or notice that it is
     * not finite: then nothing is changed, since no rescaling can repair a NaN or infinite gradient.
     */
    public double apply(ComputeBackend backend, List<Parameter> parameters) {
        double norm = globalNorm(backend, parameters);
        if (!Double.isFinite(norm)) {
            return norm;
        }
        if (byNorm) {
            double coefficient = limit / (norm + NORM_EPS);
            if (coefficient < 1) {
                for (Parameter p : parameters) {
                    Tensor g = p.gradient();
                    backend.scale(g.size(), (float) coefficient, g.data(), g.offset());
                }
            }
        } else {
            float max = (float) limit;
            for (Parameter p : parameters) {
                Tensor g = p.gradient();
                float[] d = g.data();
                for (int i = g.offset(), end = g.offset() + g.size(); i < end; i++) {
                    d[i] = Math.max(-max, Math.min(max, d[i]));
                }
            }
        }
        return norm;
    }

    /** For example {@code "clip by global norm 1.0"}. */
    @Override
    public String toString() {
        return (byNorm ? "clip by global norm " : "clip by value ") + limit;
    }
}
