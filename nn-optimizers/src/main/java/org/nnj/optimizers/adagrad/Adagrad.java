package org.nnj.optimizers.adagrad;

import org.nnj.api.ConfigException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Tensor;
import org.nnj.api.optim.AbstractOptimizer;
import org.nnj.api.optim.Hyperparameters;
import org.nnj.optimizers.Bounds;

/**
 * AdaGrad (Duchi, Hazan and Singer, 2011) with PyTorch's {@code torch.optim.Adagrad} semantics: every
 * weight gets its own step size, which shrinks with the sum of the squares of all its past gradients.
 * For each parameter, at its step {@code t}:
 * <pre>
 *   g    = g + weight_decay * w                     (coupled weight decay, L2)
 *   clr  = lr / (1 + (t - 1) * lr_decay)
 *   sum += g * g
 *   w   -= clr * g / (sqrt(sum) + eps)</pre>
 * eps is added <em>outside</em> the square root.
 *
 * <p>Config: {@code lr} (default {@value #DEFAULT_LR}), {@code lr_decay} (0),
 * {@code weight_decay} (0), {@code initial_accumulator_value} (0: the value {@code sum} starts from),
 * {@code eps} ({@value #DEFAULT_EPS}, positive). Hyper-parameters are rounded to float32; {@code clr} is
 * computed in double and rounded once; the arithmetic on the tensors is float32, by the backend's
 * {@code addSquares} and {@code addcdivSqrt} kernels.
 *
 * <p>State per parameter: {@code sum} and the step count.
 */
public final class Adagrad extends AbstractOptimizer {
    /** The provider name. */
    public static final String TYPE = "adagrad";
    public static final double DEFAULT_LR = 1e-2;
    public static final double DEFAULT_EPS = 1e-10;

    private final double lrDecay;
    private final double weightDecay;
    private final double initialAccumulatorValue;
    private final double eps;

    /** AdaGrad with PyTorch's defaults. */
    public Adagrad() {
        this(DEFAULT_LR, 0, 0, 0, DEFAULT_EPS);
    }

    /** @throws ConfigException naming the key when a value is out of range */
    public Adagrad(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps) {
        super(TYPE, Bounds.learningRate(TYPE, lr), "sum");
        this.lrDecay = Hyperparameters.nonNegative(TYPE, "lr_decay", lrDecay);
        this.weightDecay = Bounds.weightDecay(TYPE, weightDecay, lr);
        this.initialAccumulatorValue = Hyperparameters.nonNegative(TYPE, "initial_accumulator_value",
                initialAccumulatorValue);
        this.eps = Hyperparameters.positive(TYPE, "eps", eps);
    }

    public double lrDecay() {
        return lrDecay;
    }

    public double weightDecay() {
        return weightDecay;
    }

    public double initialAccumulatorValue() {
        return initialAccumulatorValue;
    }

    public double eps() {
        return eps;
    }

    @Override
    public Config config() {
        return Config.of("lr", learningRate(), "lr_decay", lrDecay, "weight_decay", weightDecay,
                "initial_accumulator_value", initialAccumulatorValue, "eps", eps);
    }

    @Override
    protected void initialize(ParameterState state) {
        state.slot(0).fill((float) initialAccumulatorValue);
    }

    @Override
    protected void update(ComputeBackend backend, Parameter parameter, ParameterState state) {
        Tensor g = l2Gradient(backend, parameter, (float) weightDecay);
        Tensor w = parameter.value();
        Tensor sum = state.slot(0);
        float clr = (float) (learningRate() / (1 + (state.step() - 1) * (double) (float) lrDecay));
        int n = w.size();
        backend.addSquares(n, 1f, 1f, g.data(), g.offset(), sum.data(), sum.offset());
        backend.addcdivSqrt(n, 1f, -clr, 1f, (float) eps, g.data(), g.offset(), sum.data(), sum.offset(),
                w.data(), w.offset());
    }
}
