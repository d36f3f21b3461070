package com.example.nnjplugin;

import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.optim.AbstractOptimizer;
import org.nnj.api.optim.Hyperparameters;

/**
 * Lion, "EvoLved Sign Momentum" (Chen et al., 2023), with the reference implementation's formula. For
 * each parameter, with its gradient {@code g} and momentum {@code m}:
 * <pre>
 *   w = w * (1 - lr * weight_decay)
 *   w = w - lr * sign(beta1 * m + (1 - beta1) * g)
 *   m = beta2 * m + (1 - beta2) * g</pre>
 * Every coordinate moves by exactly {@code lr} (or stays, where the sign is 0), so Lion wants a learning
 * rate 3 to 10 times smaller than Adam's.
 *
 * <p>Config: {@code lr} (default {@value #DEFAULT_LR}), {@code beta1} ({@value #DEFAULT_BETA1}),
 * {@code beta2} ({@value #DEFAULT_BETA2}), {@code weight_decay} (0). State: the momentum slot
 * {@code "exp_avg"}; {@link AbstractOptimizer} keeps it per parameter, saves it and checks it on loading.
 */
public final class Lion extends AbstractOptimizer {
    /** The provider name. */
    public static final String TYPE = "lion";
    public static final double DEFAULT_LR = 1e-4;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.99;

    private final double beta1;
    private final double beta2;
    private final double weightDecay;

    public Lion(double lr, double beta1, double beta2, double weightDecay) {
        super(TYPE, lr, "exp_avg");
        this.beta1 = Hyperparameters.decayRate(TYPE, "beta1", beta1);
        this.beta2 = Hyperparameters.decayRate(TYPE, "beta2", beta2);
        this.weightDecay = Hyperparameters.nonNegative(TYPE, "weight_decay", weightDecay);
    }

    @Override
    public Config config() {
        return Config.of("lr", learningRate(), "beta1", beta1, "beta2", beta2, "weight_decay", weightDecay);
    }

    /** A plain loop: no backend kernel computes a sign, and Lion's tensors are the parameters' size. */
    @Override
    protected void update(ComputeBackend backend, Parameter p, ParameterState state) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float lr = (float) learningRate();
        float decay = (float) (1 - learningRate() * weightDecay);
        float[] w = p.value().data();
        float[] g = p.gradient().data();
        float[] m = state.slot(0).data();
        int wo = p.value().offset(), go = p.gradient().offset(), mo = state.slot(0).offset();
        for (int i = 0; i < p.size(); i++) {
            float c = b1 * m[mo + i] + (1 - b1) * g[go + i];
            w[wo + i] = w[wo + i] * decay - lr * Math.signum(c);
            m[mo + i] = b2 * m[mo + i] + (1 - b2) * g[go + i];
        }
    }
}
