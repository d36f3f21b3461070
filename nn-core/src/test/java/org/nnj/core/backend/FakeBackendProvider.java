package org.nnj.core.backend;

import java.util.Optional;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ComputeBackendProvider;

/** A backend provider with any name, priority and availability; it builds scalar backends. */
final class FakeBackendProvider implements ComputeBackendProvider {
    private final String name;
    private final int priority;
    private final String unavailableReason;

    FakeBackendProvider(String name, int priority, String unavailableReason) {
        this.name = name;
        this.priority = priority;
        this.unavailableReason = unavailableReason;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    @Override
    public ComputeBackend create(Config config) {
        return new ScalarBackend(config.getInt("threads", 1));
    }
}
