package org.nnj.optimizers.rmsprop;

import java.util.ArrayList;
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
 * RMSprop (Hinton's lecture 6e, 2012) with PyTorch's {@code torch.optim.RMSprop} semantics, plain or
 * centered (Graves, 2013), with or without momentum. For each parameter:
 * <pre>
 *   g          = g + weight_decay * w                        (coupled weight decay, L2)
 *   square_avg = alpha * square_avg + (1 - alpha) * g * g
 *   if centered:
 *       grad_avg = alpha * grad_avg + (1 - alpha) * g
 *       avg      = sqrt(square_avg - grad_avg * grad_avg) + eps
 *   else:
 *       avg      = sqrt(square_avg) + eps
 *   if momentum &gt; 0:
 *       buf = momentum * buf + g / avg;   w -= lr * buf
 *   else:
 *       w -= lr * g / avg</pre>
 * eps is added <em>outside</em> the square root, and there is no bias correction: the running average
 * starts at zero, so the first steps are larger than {@code lr} (by {@code 1 / sqrt(1 - alpha)}, ten
 * times for the default alpha). The momentum buffer starts at zero.
 *
 * <p>Config: {@code lr} (default {@value #DEFAULT_LR}), {@code alpha} ({@value #DEFAULT_ALPHA}, in [0,
 * 1)), {@code eps} ({@value #DEFAULT_EPS}, positive), {@code weight_decay} (0, with {@code lr * weight_decay
 * < 1}, see {@link org.nnj.optimizers.Bounds}), {@code momentum} (0, in [0, 1]),
 * {@code centered} (false). Hyper-parameters are rounded to float32 and the arithmetic is float32, by
 * the backend's {@code addSquares}, {@code scale}, {@code axpy} and {@code addcdivSqrt} kernels.
 *
 * <p>State per parameter: {@code square_avg}, {@code momentum_buffer} (with momentum), {@code grad_avg}
 * (centered) and the step count.
 */
public final class RmsProp extends AbstractOptimizer {
    /** The provider name. */
    public static final String TYPE = "rmsprop";
    public static final double DEFAULT_LR = 1e-2;
    public static final double DEFAULT_ALPHA = 0.99;
    public static final double DEFAULT_EPS = 1e-8;

    private final double alpha;
    private final double eps;
    private final double weightDecay;
    private final double momentum;
    private final boolean centered;

    /** RMSprop with PyTorch's defaults. */
    public RmsProp() {
        this(DEFAULT_LR, DEFAULT_ALPHA, DEFAULT_EPS, 0, 0, false);
    }

    /** @throws ConfigException naming the key when a value is out of range */
    public RmsProp(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        super(TYPE, Bounds.learningRate(TYPE, lr), slots(momentum, centered), List.of());
        this.alpha = Hyperparameters.decayRate(TYPE, "alpha", alpha);
        this.eps = Hyperparameters.positive(TYPE, "eps", eps);
        this.weightDecay = Bounds.weightDecay(TYPE, weightDecay, lr);
        this.momentum = Hyperparameters.fraction(TYPE, "momentum", momentum);
        this.centered = centered;
    }

    private static List<String> slots(double momentum, boolean centered) {
        List<String> slots = new ArrayList<>(List.of("square_avg"));
        if (momentum != 0) {
            slots.add("momentum_buffer");
        }
        if (centered) {
            slots.add("grad_avg");
        }
        return slots;
    }

    public double alpha() {
        return alpha;
    }

    public double eps() {
        return eps;
    }

    public double weightDecay() {
        return weightDecay;
    }

    public double momentum() {
        return momentum;
    }

    public boolean centered() {
        return centered;
    }

    @Override
    public Config config() {
        return Config.of("lr", learningRate(), "alpha", alpha, "eps", eps, "weight_decay", weightDecay,
                "momentum", momentum, "centered", centered);
    }

    @Override
    protected void update(ComputeBackend backend, Parameter parameter, ParameterState state) {
        float a = (float) alpha;
        Tensor g = l2Gradient(backend, parameter, (float) weightDecay);
        Tensor squareAvg = state.slot(0);
        Moments.averageOfSquares(backend, a, g, squareAvg);
        Tensor w = parameter.value();
        int n = w.size();
        float[] variance = squareAvg.data();
        int varianceOff = squareAvg.offset();
        if (centered) {
            Tensor gradAvg = state.slot(momentum != 0 ? 2 : 1);
            Moments.average(backend, a, g, gradAvg);
            // square_avg - grad_avg^2 in a workspace: square_avg itself is state and must keep its value.
            variance = workspace(n);
            varianceOff = 0;
            System.arraycopy(squareAvg.data(), squareAvg.offset(), variance, 0, n);
            backend.addSquares(n, 1f, -1f, gradAvg.data(), gradAvg.offset(), variance, 0);
        }
        float lr = (float) learningRate();
        float e = (float) eps;
        if (momentum == 0) {
            backend.addcdivSqrt(n, 1f, -lr, 1f, e, g.data(), g.offset(), variance, varianceOff, w.data(), w.offset());
            return;
        }
        Tensor buf = state.slot(1);
        backend.addcdivSqrt(n, (float) momentum, 1f, 1f, e, g.data(), g.offset(), variance, varianceOff,
                buf.data(), buf.offset());
        backend.axpy(n, -lr, buf.data(), buf.offset(), w.data(), w.offset());
    }
}
