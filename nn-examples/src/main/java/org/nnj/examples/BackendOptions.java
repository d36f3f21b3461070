package org.nnj.examples;

import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.core.backend.BackendSelector;
import org.nnj.core.registry.Registries;
import picocli.CommandLine.Option;

/** The options that choose the compute backend, shared by every command that trains. */
public final class BackendOptions {

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads one kernel may use (default: the number of cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Force a compute backend by name (e.g. scalar, simd); default: the fastest available.")
    String backend;

    /** The chosen backend; one log line says which and why. */
    public ComputeBackend create(Registries registries) {
        if (threads < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--threads must be at least 1, got " + threads);
        }
        return BackendSelector.select(registries.backends(), Config.of("threads", threads), backend);
    }

    public int threads() {
        return threads;
    }
}
