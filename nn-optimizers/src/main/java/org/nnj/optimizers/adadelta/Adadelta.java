package org.nnj.optimizers.adadelta;

import org.nnj.api.ConfigException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Tensor;
import org.nnj.api.optim.AbstractOptimizer;
import org.nnj.api.optim.Hyperparameters;
import org.nnj.optimizers.Bounds;

/**
 * AdaDelta (Zeiler, 2012) with PyTorch's {@code torch.optim.Adadelta} semantics: RMSprop's running
 * average of squared gradients, with the step scaled by a running average of the squared past updates
 * instead of a learning rate, so that the update has the units of the weights. For each parameter:
 * <pre>
 *   g          = g + weight_decay * w                          (coupled weight decay, L2)
 *   square_avg = rho * square_avg + (1 - rho) * g * g
 *   delta      = sqrt(acc_delta + eps) / sqrt(square_avg + eps) * g
 *   acc_delta  = rho * acc_delta + (1 - rho) * delta * delta
 *   w         -= lr * delta</pre>
 * eps is added <em>inside</em> both square roots (unlike RMSprop and Adam); it also sets the size of
 * the first steps, {@code sqrt(eps)} times the gradient's sign for large gradients.
 *
 * <p>Config: {@code lr} (default {@value #DEFAULT_LR}: a factor on the paper's update, which has no
 * learning rate), {@code rho} ({@value #DEFAULT_RHO}, in [0, 1)), {@code eps} ({@value #DEFAULT_EPS},
 * positive), {@code weight_decay} (0). Hyper-parameters are rounded to float32 and the arithmetic is
 * float32. The whole step runs in the backend's fused {@code adadeltaStep} kernel (like Adam's
 * {@code adamStep}): its ratio of two square roots with eps inside both is not composed of the general
 * update kernels, and one pass over the four arrays is cheaper than several.
 *
 * <p>State per parameter: {@code square_avg}, {@code acc_delta} and the step count.
 */
public final class Adadelta extends AbstractOptimizer {
    /** The provider name. */
    public static final String TYPE = "adadelta";
    public static final double DEFAULT_LR = 1.0;
    public static final double DEFAULT_RHO = 0.9;
    public static final double DEFAULT_EPS = 1e-6;

    private final double rho;
    private final double eps;
    private final double weightDecay;

    /** AdaDelta with PyTorch's defaults. */
    public Adadelta() {
        this(DEFAULT_LR, DEFAULT_RHO, DEFAULT_EPS, 0);
    }

    /** @throws ConfigException naming the key when a value is out of range */
    public Adadelta(double lr, double rho, double eps, double weightDecay) {
        super(TYPE, Bounds.learningRate(TYPE, lr), "square_avg", "acc_delta");
        this.rho = Hyperparameters.decayRate(TYPE, "rho", rho);
        this.eps = Hyperparameters.positive(TYPE, "eps", eps);
        this.weightDecay = Bounds.weightDecay(TYPE, weightDecay, lr);
    }

    public double rho() {
        return rho;
    }

    public double eps() {
        return eps;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public Config config() {
        return Config.of("lr", learningRate(), "rho", rho, "eps", eps, "weight_decay", weightDecay);
    }

    @Override
    protected void update(ComputeBackend backend, Parameter parameter, ParameterState state) {
        Tensor g = l2Gradient(backend, parameter, (float) weightDecay);
        Tensor squareAvg = state.slot(0);
        Tensor accDelta = state.slot(1);
        Tensor w = parameter.value();
        backend.adadeltaStep(w.size(), (float) learningRate(), (float) rho, (float) eps, w.data(), w.offset(),
                g.data(), g.offset(), squareAvg.data(), squareAvg.offset(), accDelta.data(), accDelta.offset());
    }
}
