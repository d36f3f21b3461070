package org.nnj.optimizers.sgd;

import org.nnj.api.ConfigException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Tensor;
import org.nnj.api.optim.AbstractOptimizer;
import org.nnj.api.optim.Hyperparameters;
import org.nnj.optimizers.Bounds;

/**
 * Stochastic gradient descent, with PyTorch's {@code torch.optim.SGD} semantics: momentum, dampening,
 * Nesterov momentum and weight decay. For each parameter, at its step {@code t}:
 * <pre>
 *   g = g + weight_decay * w                       (coupled weight decay, L2)
 *   if momentum != 0:
 *       buf = (t == 1) ? g : momentum * buf + (1 - dampening) * g
 *       g   = nesterov ? g + momentum * buf : buf
 *   w -= lr * g</pre>
 * Note that the momentum buffer starts as the first gradient itself, undamped, and that the learning rate
 * multiplies the buffer (PyTorch's form, not Sutskever's {@code v = mu v - lr g}: the two differ when the
 * learning rate changes during training).
 *
 * <p>Config: {@code lr} (default {@value #DEFAULT_LR}, as in PyTorch 2.2 and later; at most
 * {@value org.nnj.optimizers.Bounds#MAX_LEARNING_RATE}), {@code momentum} (0, in [0, 1]), {@code dampening}
 * (0, in [0, 1]), {@code nesterov} (false; needs momentum &gt; 0 and dampening 0), {@code weight_decay} (0,
 * with {@code lr * weight_decay < 1}; see {@link org.nnj.optimizers.Bounds}). Every value except {@code lr} is rounded to float32 once, when the
 * optimizer is built; the arithmetic is float32, by the backend's {@code axpy} and {@code scale} kernels.
 *
 * <p>State per parameter: {@code momentum_buffer} (only when momentum is not 0) and the step count.
 */
public final class Sgd extends AbstractOptimizer {
    /** The provider name. */
    public static final String TYPE = "sgd";
    public static final double DEFAULT_LR = 1e-3;

    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;

    /** SGD with the default learning rate and nothing else. */
    public Sgd() {
        this(DEFAULT_LR);
    }

    /** Plain SGD, {@code w -= lr * g}, with learning rate {@code lr} (positive and finite). */
    public Sgd(double lr) {
        this(lr, 0, 0, false, 0);
    }

    /**
     * @throws ConfigException naming the key when a value is out of range, or when Nesterov momentum is
     *                         asked for without momentum or with dampening
     */
    public Sgd(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        super(TYPE, Bounds.learningRate(TYPE, lr), momentum == 0 ? new String[0] : new String[] {"momentum_buffer"});
        this.momentum = Hyperparameters.fraction(TYPE, "momentum", momentum);
        this.dampening = Hyperparameters.fraction(TYPE, "dampening", dampening);
        this.weightDecay = Bounds.weightDecay(TYPE, weightDecay, lr);
        if (nesterov && (momentum == 0 || dampening != 0)) {
            throw new ConfigException(TYPE + ": 'nesterov' needs 'momentum' > 0 and 'dampening' 0, got momentum "
                    + momentum + " and dampening " + dampening);
        }
        this.nesterov = nesterov;
    }

    public double momentum() {
        return momentum;
    }

    public double dampening() {
        return dampening;
    }

    public boolean nesterov() {
        return nesterov;
    }

    public double weightDecay() {
        return weightDecay;
    }

    /** Every setting, with the current learning rate. */
    @Override
    public Config config() {
        return Config.of("lr", learningRate(), "momentum", momentum, "dampening", dampening, "nesterov", nesterov,
                "weight_decay", weightDecay);
    }

    @Override
    protected void update(ComputeBackend backend, Parameter parameter, ParameterState state) {
        Tensor w = parameter.value();
        int n = w.size();
        float lr = (float) learningRate();
        if (momentum == 0) {
            Tensor g = l2Gradient(backend, parameter, (float) weightDecay);
            backend.axpy(n, -lr, g.data(), g.offset(), w.data(), w.offset());
            return;
        }
        // Nesterov adds the buffer into the gradient: then the gradient must be a copy it may write.
        Tensor g = nesterov ? l2GradientCopy(backend, parameter, (float) weightDecay)
                : l2Gradient(backend, parameter, (float) weightDecay);
        Tensor buf = state.slot(0);
        if (state.step() == 1) {
            buf.copyFrom(g);
        } else {
            backend.scale(n, (float) momentum, buf.data(), buf.offset());
            backend.axpy(n, 1f - (float) dampening, g.data(), g.offset(), buf.data(), buf.offset());
        }
        Tensor direction = buf;
        if (nesterov) {
            backend.axpy(n, (float) momentum, buf.data(), buf.offset(), g.data(), g.offset());
            direction = g;
        }
        backend.axpy(n, -lr, direction.data(), direction.offset(), w.data(), w.offset());
    }
}
