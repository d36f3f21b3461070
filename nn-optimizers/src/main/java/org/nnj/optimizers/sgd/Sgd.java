package org.nnj.optimizers.sgd;

import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Tensor;
import org.nnj.optimizers.AbstractOptimizer;

/**
 * Plain stochastic gradient descent: {@code w -= lr * g} for every parameter, nothing else.
 *
 * <p>Config: {@code lr} (default {@value #DEFAULT_LR}). PyTorch makes {@code lr} required; a default
 * keeps quick experiments short, and 0.01 is a safe value for the small models of the examples. Momentum,
 * Nesterov and weight decay are not implemented yet: the provider rejects those keys instead of ignoring
 * them.
 *
 * <p>The only state is the per-parameter step count that every optimizer here keeps.
 */
public final class Sgd extends AbstractOptimizer {
    /** The provider name. */
    public static final String TYPE = "sgd";
    public static final double DEFAULT_LR = 0.01;

    /** SGD with the default learning rate. */
    public Sgd() {
        this(DEFAULT_LR);
    }

    /** SGD with learning rate {@code lr} (positive and finite). */
    public Sgd(double lr) {
        super(TYPE, lr);
    }

    /** {@code {lr=...}} with the current learning rate. */
    @Override
    public Config config() {
        return Config.of("lr", learningRate());
    }

    @Override
    protected void update(ComputeBackend backend, Parameter parameter, ParameterState state) {
        Tensor w = parameter.value();
        Tensor g = parameter.gradient();
        backend.axpy(w.size(), (float) -learningRate(), g.data(), g.offset(), w.data(), w.offset());
    }
}
