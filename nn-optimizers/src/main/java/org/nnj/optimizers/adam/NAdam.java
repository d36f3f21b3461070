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
 * NAdam (Dozat, 2016), Adam with Nesterov momentum, with PyTorch's {@code torch.optim.NAdam} semantics
 * (those of PyTorch 2.0 and later, which fixed the product of the momentum schedule, see
 * pytorch/pytorch#92699). The momentum coefficient follows a warm-up schedule, and the update looks one
 * step ahead. For each parameter, at its step {@code t}:
 * <pre>
 *   g          = g + weight_decay * w                           (coupled weight decay, L2)
 *   mu_t       = beta1 * (1 - 0.5 * 0.96^(t * momentum_decay))
 *   mu_next    = beta1 * (1 - 0.5 * 0.96^((t + 1) * momentum_decay))
 *   mu_product = mu_product * mu_t                              (starts at 1)
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g * g
 *   denom = sqrt(v / (1 - beta2^t)) + eps
 *   w -= lr * (1 - mu_t) / (1 - mu_product) * g / denom
 *   w -= lr * mu_next / (1 - mu_product * mu_next) * m / denom</pre>
 * eps is added <em>outside</em> the square root, after the bias correction, as in Adam.
 *
 * <p>Config: {@code lr} (default {@value #DEFAULT_LR}), {@code beta1} ({@value AbstractAdam#DEFAULT_BETA1}),
 * {@code beta2} ({@value AbstractAdam#DEFAULT_BETA2}), {@code eps} ({@value AbstractAdam#DEFAULT_EPS}),
 * {@code weight_decay} (0), {@code momentum_decay} ({@value #DEFAULT_MOMENTUM_DECAY}). Hyper-parameters
 * are rounded to float32; the momentum schedule and the step factors are computed in double from them
 * and rounded once; the arithmetic on the tensors is float32, by the backend's kernels.
 *
 * <p>State per parameter: {@code exp_avg}, {@code exp_avg_sq}, the scalar {@code mu_product} (a double)
 * and the step count.
 */
public final class NAdam extends AbstractOptimizer {
    /** The provider name. */
    public static final String TYPE = "nadam";
    public static final double DEFAULT_LR = 2e-3;
    public static final double DEFAULT_MOMENTUM_DECAY = 4e-3;

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final double momentumDecay;

    /** NAdam with PyTorch's defaults. */
    public NAdam() {
        this(DEFAULT_LR, AbstractAdam.DEFAULT_BETA1, AbstractAdam.DEFAULT_BETA2, AbstractAdam.DEFAULT_EPS, 0,
                DEFAULT_MOMENTUM_DECAY);
    }

    /** @throws ConfigException naming the key when a value is out of range */
    public NAdam(double lr, double beta1, double beta2, double eps, double weightDecay, double momentumDecay) {
        super(TYPE, Bounds.learningRate(TYPE, lr), List.of("exp_avg", "exp_avg_sq"), List.of("mu_product"));
        this.beta1 = Hyperparameters.decayRate(TYPE, "beta1", beta1);
        this.beta2 = Hyperparameters.decayRate(TYPE, "beta2", beta2);
        this.eps = Hyperparameters.positive(TYPE, "eps", eps);
        this.weightDecay = Bounds.weightDecay(TYPE, weightDecay, lr);
        this.momentumDecay = Hyperparameters.nonNegative(TYPE, "momentum_decay", momentumDecay);
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

    public double momentumDecay() {
        return momentumDecay;
    }

    @Override
    public Config config() {
        return Config.of("lr", learningRate(), "beta1", beta1, "beta2", beta2, "eps", eps,
                "weight_decay", weightDecay, "momentum_decay", momentumDecay);
    }

    @Override
    protected void initialize(ParameterState state) {
        state.setScalar(0, 1.0);
    }

    @Override
    protected void update(ComputeBackend backend, Parameter parameter, ParameterState state) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        double psi = (float) momentumDecay;
        long t = state.step();
        double mu = b1 * (1 - 0.5 * Math.pow(0.96, t * psi));
        double muNext = b1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * psi));
        double muProduct = state.scalar(0) * mu;
        state.setScalar(0, muProduct);
        double lr = learningRate();
        float gradFactor = (float) (lr * (1 - mu) / (1 - muProduct));
        float momentFactor = (float) (lr * muNext / (1 - muProduct * muNext));
        float bc2 = (float) (1 - Math.pow(b2, t));
        float e = (float) eps;

        Tensor g = l2Gradient(backend, parameter, (float) weightDecay);
        Tensor m = state.slot(0);
        Tensor v = state.slot(1);
        Moments.average(backend, b1, g, m);
        Moments.averageOfSquares(backend, b2, g, v);
        Tensor w = parameter.value();
        int n = w.size();
        // Two passes with the same denominator sqrt(v / bc2) + eps: the gradient's part, then the moment's.
        backend.addcdivSqrt(n, 1f, -gradFactor, bc2, e, g.data(), g.offset(), v.data(), v.offset(),
                w.data(), w.offset());
        backend.addcdivSqrt(n, 1f, -momentFactor, bc2, e, m.data(), m.offset(), v.data(), v.offset(),
                w.data(), w.offset());
    }
}
