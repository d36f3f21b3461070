package org.nnj.optimizers.adam;

import java.util.List;
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
 * Adam and AdamW in one place: they share the moments, the bias corrections and the AMSGrad variant,
 * and differ only in how weight decay enters, as in PyTorch. For each parameter, at its step {@code t}:
 * <pre>
 *   coupled (Adam):     g  = g + weight_decay * w
 *   decoupled (AdamW):  w *= 1 - lr * weight_decay
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g * g
 *   amsgrad:  v_max = max(v_max, v), and v_max replaces v below
 *   w -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)</pre>
 * eps is added <em>outside</em> the square root, after the bias correction of {@code v}. Without AMSGrad
 * the update is the backend's fused {@link ComputeBackend#adamStep} kernel; with it, the backend's
 * {@link ComputeBackend#addSquares}, {@link ComputeBackend#maxAbs} and {@link ComputeBackend#addcdivSqrt}
 * kernels, with the denominator {@code sqrt(v_max / (1 - beta2^t)) + eps} (the same value up to float32
 * rounding).
 *
 * <p>Hyper-parameters are rounded to float32 once; the bias corrections are computed in double from the
 * float32 betas and rounded once, and the arithmetic on the tensors is float32.
 *
 * <p>State per parameter: {@code exp_avg} ({@code m}), {@code exp_avg_sq} ({@code v}),
 * {@code max_exp_avg_sq} (with AMSGrad) and the step count, PyTorch's names.
 */
public abstract class AbstractAdam extends AbstractOptimizer {
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPS = 1e-8;

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean amsgrad;
    private final boolean decoupled;

    /**
     * @param decoupled true for AdamW's weight decay (the weights shrink by {@code lr * weight_decay}),
     *                  false for Adam's (added to the gradient)
     * @throws ConfigException naming the key when a value is out of range
     */
    protected AbstractAdam(String type, double lr, double beta1, double beta2, double eps, double weightDecay,
                           boolean amsgrad, boolean decoupled) {
        super(type, Bounds.learningRate(type, lr),
                amsgrad ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq") : List.of("exp_avg", "exp_avg_sq"),
                List.of());
        this.beta1 = Hyperparameters.decayRate(type, "beta1", beta1);
        this.beta2 = Hyperparameters.decayRate(type, "beta2", beta2);
        this.eps = Hyperparameters.positive(type, "eps", eps);
        this.weightDecay = Bounds.weightDecay(type, weightDecay, lr);
        this.amsgrad = amsgrad;
        this.decoupled = decoupled;
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

    public boolean amsgrad() {
        return amsgrad;
    }

    /** {@code {lr, beta1, beta2, eps, weight_decay, amsgrad}} with the current learning rate. */
    @Override
    public Config config() {
        return Config.of("lr", learningRate(), "beta1", beta1, "beta2", beta2, "eps", eps,
                "weight_decay", weightDecay, "amsgrad", amsgrad);
    }

    @Override
    protected final void update(ComputeBackend backend, Parameter parameter, ParameterState state) {
        Tensor w = parameter.value();
        Tensor g;
        if (decoupled) {
            if (weightDecay != 0) {
                backend.scale(w.size(), (float) (1 - learningRate() * (float) weightDecay), w.data(), w.offset());
            }
            g = parameter.gradient();
        } else {
            g = l2Gradient(backend, parameter, (float) weightDecay);
        }
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        // The bias corrections use the betas as the kernel does, rounded to float: then the first step's
        // corrected v is exactly g * g and the corrections cancel the bias of the moments the kernel
        // computes, rather than of moments computed with the double betas.
        long t = state.step();
        float bc1 = (float) (1 - Math.pow(b1, t));
        float bc2 = (float) (1 - Math.pow(b2, t));
        float lr = (float) learningRate();
        Tensor m = state.slot(0);
        Tensor v = state.slot(1);
        if (!amsgrad) {
            backend.adamStep(w.size(), lr, b1, b2, (float) eps, bc1, bc2,
                    w.data(), w.offset(), g.data(), g.offset(), m.data(), m.offset(), v.data(), v.offset());
            return;
        }
        Moments.average(backend, b1, g, m);
        Moments.averageOfSquares(backend, b2, g, v);
        Tensor vMax = state.slot(2);
        int n = w.size();
        // v is never negative, so max(1 * v_max, |v| + 0) is AMSGrad's max(v_max, v).
        backend.maxAbs(n, 1f, 0f, v.data(), v.offset(), vMax.data(), vMax.offset());
        backend.addcdivSqrt(n, 1f, -(lr / bc1), bc2, (float) eps, m.data(), m.offset(), vMax.data(), vMax.offset(),
                w.data(), w.offset());
    }
}
