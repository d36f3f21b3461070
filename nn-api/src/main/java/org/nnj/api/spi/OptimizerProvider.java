package org.nnj.api.spi;

import org.nnj.api.config.Config;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.optim.OptimizerState;

/** Builds optimizers of one type from their hyper-parameters (for example {@code lr}, {@code beta1}). */
public interface OptimizerProvider extends Provider {

    Optimizer create(Config config);

    /**
     * The optimizer state {@code saved} in a checkpoint by version {@code savedVersion} of this provider,
     * rewritten in the form that the current {@link #version()} loads (a slot renamed, a scalar added):
     * the state's counterpart of {@link #upgrade}, called under the same rules (only for an older
     * {@code savedVersion}, after {@code upgrade} of the config and before
     * {@link Optimizer#loadState}). The identity by default.
     *
     * @param savedVersion the version recorded with the optimizer, at least 1 and less than {@link #version()}
     * @param saved        the state as the file holds it, keyed {@code "<parameter>/<slot>"}
     * @return the state for {@link Optimizer#loadState}; not null
     */
    default OptimizerState upgradeState(int savedVersion, OptimizerState saved) {
        return saved;
    }
}
