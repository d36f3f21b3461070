package org.nnj.api.spi;

import java.util.Optional;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;

/**
 * Builds a compute backend. When several are available the one with the highest {@link #priority()} is
 * chosen, unless the user forces one by name.
 */
public interface ComputeBackendProvider extends Provider {

    /** Higher wins the automatic choice; the scalar reference backend has 0. */
    int priority();

    /**
     * Empty when this backend can run in this JVM; otherwise why not, written so that the user knows how
     * to fix it (for example {@code "start the JVM with --add-modules jdk.incubator.vector"}).
     */
    Optional<String> unavailableReason();

    /**
     * A backend configured by {@code config}. Every backend understands {@code threads} (an integer, at
     * least 1: how many threads one kernel call may use; default the number of available processors).
     */
    ComputeBackend create(Config config);
}
