package org.nnj.optimizers.adam;

import org.nnj.api.ConfigException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Tensor;
import org.nnj.api.optim.AbstractOptimizer;
import org.nnj.api.optim.Hyperparameters;
import org.nnj.optimizers.Bounds;
import org.nnj.optimizers.Moments;

/**
 * Adamax (Kingma and Ba, 2015, section 7.1), Adam with the infinity norm in place of the second moment,
 * with PyTorch's {@code torch.optim.Adamax} semantics. For each parameter, at its step {@code t}:
 * <pre>
 *   g       = g + weight_decay * w                      (coupled weight decay, L2)
 *   m       = beta1 * m + (1 - beta1) * g
 *   exp_inf = max(beta2 * exp_inf, |g| + eps)
 *   w      -= lr / (1 - beta1^t) * m / exp_inf</pre>
 * eps is added to {@code |g|} <em>inside</em> the maximum, so it keeps {@code exp_inf} away from zero; the
 * infinity norm needs no bias correction.
 *
 * <p>Config: {@code lr} (default {@value #DEFAULT_LR}), {@code beta1} ({@value AbstractAdam#DEFAULT_BETA1}),
 * {@code beta2} ({@value AbstractAdam#DEFAULT_BETA2}), {@code eps} ({@value AbstractAdam#DEFAULT_EPS}),
 * {@code weight_decay} (0). Hyper-parameters are rounded to float32; the bias correction is computed in
 * double from the float32 beta1 and rounded once; the arithmetic is float32, by the backend's
 * {@code axpy}, {@code scale}, {@code maxAbs} and {@code addcdiv} kernels.
 *
 * <p>State per parameter: {@code exp_avg}, {@code exp_inf} and the step count.
 */
public final class Adamax extends AbstractOptimizer {
    /** The provider name. */
    public static final String TYPE = "adamax";
    public static final double DEFAULT_LR = 2e-3;

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;

    /** Adamax with PyTorch's defaults. */
    public Adamax() {
        this(DEFAULT_LR, AbstractAdam.DEFAULT_BETA1, AbstractAdam.DEFAULT_BETA2, AbstractAdam.DEFAULT_EPS, 0);
    }

    /** @throws ConfigException naming the key when a value is out of range */
    public Adamax(double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(TYPE, Bounds.learningRate(TYPE, lr), "exp_avg", "exp_inf");
        this.beta1 = Hyperparameters.decayRate(TYPE, "beta1", beta1);
        this.beta2 = Hyperparameters.decayRate(TYPE, "beta2", beta2);
        this.eps = Hyperparameters.positive(TYPE, "eps", eps);
        this.weightDecay = Bounds.weightDecay(TYPE, weightDecay, lr);
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

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public Config config() {
        return Config.of("lr", learningRate(), "beta1", beta1, "beta2", beta2, "eps", eps, "weight_decay", weightDecay);
    }

    @Override
    protected void update(ComputeBackend backend, Parameter parameter, ParameterState state) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float e = (float) eps;
        Tensor g = l2Gradient(backend, parameter, (float) weightDecay);
        Tensor m = state.slot(0);
        Tensor u = state.slot(1);
        Moments.average(backend, b1, g, m);
        float stepSize = (float) (learningRate() / (1 - Math.pow(b1, state.step())));
        Tensor w = parameter.value();
        int n = w.size();
        backend.maxAbs(n, b2, e, g.data(), g.offset(), u.data(), u.offset());
        backend.addcdiv(n, -stepSize, m.data(), m.offset(), u.data(), u.offset(), w.data(), w.offset());
    }
}
