package org.nnj.examples;

import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.core.backend.BackendSelector;
import org.nnj.core.registry.Registries;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options that choose the compute backend, shared by every command that trains. */
public final class BackendOptions {

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads one kernel may use, 1 to 4 times the cores (default: the number of cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Force a compute backend by name (e.g. scalar, simd); default: the fastest available.")
    String backend;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Checks the options before the command starts any work: {@code --threads} from 1 to 4 x the cores. */
    public void check() {
        Checks.of(command).threads("--threads", threads);
    }

    /** The chosen backend; one log line says which and why. */
    public ComputeBackend create(Registries registries) {
        check();
        return BackendSelector.select(registries.backends(), Config.of("threads", threads), backend);
    }

    public int threads() {
        return threads;
    }
}
