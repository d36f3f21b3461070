package org.nnj.core.backend;

import java.util.Optional;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ComputeBackendProvider;

/**
 * Provides {@link ScalarBackend} under the name {@code "scalar"}: priority 0, available in every JVM, so
 * that any faster backend wins the automatic choice and this one is always there to fall back on.
 *
 * <p>Config: {@code threads} (at least 1; default the number of available processors).
 */
public final class ScalarBackendProvider implements ComputeBackendProvider {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public String description() {
        return "plain Java loops, the reference every other backend is tested against";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public ComputeBackend create(Config config) {
        Config c = config.describedAs("scalar backend").requireOnly("threads");
        int threads = c.has("threads") ? c.getIntAtLeast("threads", 1) : Runtime.getRuntime().availableProcessors();
        return new ScalarBackend(threads);
    }
}
