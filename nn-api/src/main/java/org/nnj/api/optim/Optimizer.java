package org.nnj.api.optim;

import java.util.List;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;

/**
 * Updates parameters from their gradients: one {@link #step} per mini-batch, after the backward pass.
 *
 * <p>An optimizer owns per-parameter state (momentum buffers, moment estimates, step counts), created
 * lazily on the first step for each parameter and kept by parameter name; {@link #saveState} and
 * {@link #loadState} let a resumed run continue exactly. Hyper-parameters come from a plain
 * {@link Config}; the learning rate can be changed between steps (schedules do).
 *
 * <p>An optimizer is used by one training loop at a time and is not thread-safe.
 */
public interface Optimizer {

    /** The provider name, for example {@code "adam"}. */
    String type();

    /** The hyper-parameters that rebuild this optimizer through its provider. */
    Config config();

    /** Updates every parameter in place from its gradient. Parameter names must be unique in the list. */
    void step(ComputeBackend backend, List<Parameter> parameters);

    double learningRate();

    void setLearningRate(double learningRate);

    /** A copy of the optimizer's state, keyed by parameter name. */
    OptimizerState saveState();

    /** Restores a state made by {@link #saveState} of an optimizer of the same type. */
    void loadState(OptimizerState state);
}
