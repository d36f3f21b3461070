package org.nnj.optimizers.adam;

import org.nnj.api.ConfigException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Tensor;
import org.nnj.optimizers.AbstractOptimizer;

/**
 * Adam (Kingma and Ba, 2015) with PyTorch's formula and defaults. For each parameter, at its step
 * {@code t}:
 * <pre>
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g * g
 *   w -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)</pre>
 * run by the backend's fused {@link ComputeBackend#adamStep} kernel.
 *
 * <p>Config: {@code lr} (default {@value #DEFAULT_LR}), {@code beta1} ({@value #DEFAULT_BETA1}),
 * {@code beta2} ({@value #DEFAULT_BETA2}), {@code eps} ({@value #DEFAULT_EPS}); {@code lr > 0},
 * {@code 0 <= beta < 1}, {@code eps > 0}.
 *
 * <p>State per parameter: {@code exp_avg} ({@code m}), {@code exp_avg_sq} ({@code v}) and the step
 * count, saved as {@code "<parameter>/exp_avg"}, {@code "<parameter>/exp_avg_sq"} and
 * {@code "<parameter>/step"}, the names PyTorch uses.
 */
public final class Adam extends AbstractOptimizer {
    /** The provider name. */
    public static final String TYPE = "adam";
    public static final double DEFAULT_LR = 1e-3;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPS = 1e-8;

    private final double beta1;
    private final double beta2;
    private final double eps;

    /** Adam with PyTorch's defaults. */
    public Adam() {
        this(DEFAULT_LR);
    }

    /** Adam with learning rate {@code lr} and the default betas and eps. */
    public Adam(double lr) {
        this(lr, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS);
    }

    /**
     * @throws ConfigException naming the key when a value is out of range
     */
    public Adam(double lr, double beta1, double beta2, double eps) {
        super(TYPE, lr, "exp_avg", "exp_avg_sq");
        this.beta1 = checkBeta("beta1", beta1);
        this.beta2 = checkBeta("beta2", beta2);
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new ConfigException(TYPE + ": 'eps' must be positive and finite, got " + eps);
        }
        this.eps = eps;
    }

    private static double checkBeta(String key, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new ConfigException(TYPE + ": '" + key + "' must be in [0, 1), got " + beta);
        }
        return beta;
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double eps() {
        return eps;
    }

    /** {@code {lr, beta1, beta2, eps}} with the current learning rate. */
    @Override
    public Config config() {
        return Config.of("lr", learningRate(), "beta1", beta1, "beta2", beta2, "eps", eps);
    }

    @Override
    protected void update(ComputeBackend backend, Parameter parameter, ParameterState state) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        // The bias corrections use the betas as the kernel does, rounded to float: then the first step's
        // corrected v is exactly g * g and the corrections cancel the bias of the moments the kernel
        // computes, rather than of moments computed with the double betas.
        long t = state.step();
        float bc1 = (float) (1 - Math.pow(b1, t));
        float bc2 = (float) (1 - Math.pow(b2, t));
        Tensor w = parameter.value();
        Tensor g = parameter.gradient();
        Tensor m = state.slot(0);
        Tensor v = state.slot(1);
        backend.adamStep(w.size(), (float) learningRate(), b1, b2, (float) eps, bc1, bc2,
                w.data(), w.offset(), g.data(), g.offset(), m.data(), m.offset(), v.data(), v.offset());
    }
}
