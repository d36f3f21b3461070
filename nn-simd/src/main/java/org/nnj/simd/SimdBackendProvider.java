package org.nnj.simd;

import java.util.Optional;
import org.nnj.api.ConfigException;
import org.nnj.api.ProviderException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ComputeBackendProvider;

/**
 * Provides the {@code "simd"} backend, preferred (priority 100) over the scalar reference whenever the
 * JVM was started with {@code --add-modules jdk.incubator.vector}.
 *
 * <p>This class itself touches no Vector API type, so {@link java.util.ServiceLoader} can load it in any
 * JVM; the backend and its kernels are loaded only by {@link #create}, after {@link #unavailableReason}
 * has found the module.
 *
 * <p>Config keys: {@code threads} (at least 1, default the number of available processors) and
 * {@code bits}, which may only repeat the vector width this JVM uses (256 or 512, see
 * {@link SimdSettings#BITS}): the species is fixed per JVM, so a config asking for another width is an error
 * rather than a silent mismatch.
 */
public final class SimdBackendProvider implements ComputeBackendProvider {
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public String description() {
        return "Vector API kernels (jdk.incubator.vector): packed SGEMM, vectorised element-wise maps";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Optional<String> unavailableReason() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("the module " + VECTOR_MODULE + " is not loaded: start the JVM with --add-modules "
                + VECTOR_MODULE + " to enable the SIMD backend");
    }

    @Override
    public ComputeBackend create(Config config) {
        Config c = config.describedAs("compute backend 'simd'").requireOnly("threads", "bits");
        Optional<String> reason = unavailableReason();
        if (reason.isPresent()) {
            throw new ProviderException("compute backend 'simd' is unavailable: " + reason.get());
        }
        try {
            SimdSettings.get(); // every nnj.simd.* property, before a kernel class loads with a bad one
        } catch (ConfigException e) {
            throw new ConfigException("compute backend 'simd': " + e.getMessage(), e);
        }
        int threads = c.has("threads") ? c.getIntAtLeast("threads", 1) : Runtime.getRuntime().availableProcessors();
        SimdBackend backend = new SimdBackend(threads);
        if (c.has("bits")) {
            backend.requireBits(c.getInt("bits"));
        }
        return backend;
    }
}
