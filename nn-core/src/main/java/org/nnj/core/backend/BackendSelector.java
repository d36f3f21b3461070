package org.nnj.core.backend;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.nnj.api.ProviderException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ComputeBackendProvider;
import org.nnj.core.registry.ProviderRegistry;

/**
 * Chooses the compute backend a program runs on, and says so in exactly one log line (logger
 * {@code "org.nnj"}).
 *
 * <p>The choice: a backend forced by name (the system property {@value #PROPERTY}, or a name the caller
 * passes, such as a {@code --backend} option) if there is one; otherwise the available backend with the
 * highest {@link ComputeBackendProvider#priority() priority} (ties go to the name first in alphabetical
 * order, so the choice is stable). Backends that would have won but cannot run in this JVM are named in
 * the log line with their reason, which tells the user how to enable them, for example:
 *
 * <pre>
 * NNJ backend: scalar (2 threads); chosen by priority 0; simd unavailable: start the JVM with --add-modules jdk.incubator.vector
 * </pre>
 *
 * That line is a WARNING when a better backend was unavailable and INFO otherwise.
 */
public final class BackendSelector {
    /** The system property that forces a backend by name: {@code -Dnnj.backend=scalar}. */
    public static final String PROPERTY = "nnj.backend";

    private static final System.Logger LOG = System.getLogger("org.nnj");

    private BackendSelector() {
    }

    /**
     * Which provider to use, and why.
     *
     * @param provider       the chosen provider
     * @param reason         why it was chosen, for the log line
     * @param betterSkipped  true when a provider of higher rank could not run in this JVM
     */
    public record Selection(ComputeBackendProvider provider, String reason, boolean betterSkipped) {
        public Selection {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(reason, "reason");
        }

        /** The one line logged for {@code backend}, built by the chosen provider. */
        public String logLine(ComputeBackend backend) {
            return "NNJ backend: " + backend.description() + "; " + reason;
        }
    }

    /**
     * The backend forced by the system property {@value #PROPERTY}, or else the automatic choice, built
     * from {@code config} (for example {@code threads}).
     */
    public static ComputeBackend select(ProviderRegistry<ComputeBackendProvider> backends, Config config) {
        return select(backends, config, null, System.getProperty(PROPERTY));
    }

    /**
     * The backend named {@code forcedName} (a command line passes its {@code --backend} option here); when
     * that is null or blank, the one forced by the system property {@value #PROPERTY}; else the automatic
     * choice.
     */
    public static ComputeBackend select(ProviderRegistry<ComputeBackendProvider> backends, Config config,
                                        String forcedName) {
        return select(backends, config, forcedName, System.getProperty(PROPERTY));
    }

    /**
     * Like {@link #select(ProviderRegistry, Config, String)}, with the value of the system property given
     * by the caller instead of read from the JVM (tests; embedders with their own settings).
     */
    public static ComputeBackend select(ProviderRegistry<ComputeBackendProvider> backends, Config config,
                                        String forcedName, String propertyValue) {
        Selection selection = choose(backends, forcedName, propertyValue);
        ComputeBackend backend = selection.provider().create(Objects.requireNonNull(config, "config"));
        if (backend == null) {
            throw new ProviderException("backend provider '" + selection.provider().name() + "' ("
                    + selection.provider().getClass().getName() + ") returned null");
        }
        LOG.log(selection.betterSkipped() ? Level.WARNING : Level.INFO, selection.logLine(backend));
        return backend;
    }

    /**
     * The choice alone, without building the backend or logging. {@code forcedName} wins over
     * {@code propertyValue}; when both are null or blank the choice is automatic.
     *
     * @throws ProviderException for an unknown forced name (listing the known ones), a forced backend that
     *                           cannot run here (with its reason), or when no backend can run at all
     */
    public static Selection choose(ProviderRegistry<ComputeBackendProvider> backends, String forcedName,
                                   String propertyValue) {
        Objects.requireNonNull(backends, "backends");
        if (forcedName != null && !forcedName.isBlank()) {
            return forced(backends, forcedName.trim(), "forced by name");
        }
        if (propertyValue != null && !propertyValue.isBlank()) {
            return forced(backends, propertyValue.trim(), "forced by -D" + PROPERTY + "=" + propertyValue.trim());
        }
        List<ComputeBackendProvider> ranked = new ArrayList<>(backends.all());
        ranked.sort(Comparator.comparingInt(ComputeBackendProvider::priority).reversed()
                .thenComparing(ComputeBackendProvider::name));
        List<String> skipped = new ArrayList<>();
        for (ComputeBackendProvider p : ranked) {
            Optional<String> why = p.unavailableReason();
            if (why.isEmpty()) {
                StringBuilder reason = new StringBuilder("chosen by priority ").append(p.priority());
                skipped.forEach(s -> reason.append("; ").append(s));
                return new Selection(p, reason.toString(), !skipped.isEmpty());
            }
            skipped.add(p.name() + " unavailable: " + why.get());
        }
        if (ranked.isEmpty()) {
            throw new ProviderException("no compute backend is registered (" + ComputeBackendProvider.class.getName()
                    + "); nn-core provides 'scalar': is it on the class path?");
        }
        throw new ProviderException("no compute backend can run in this JVM: " + String.join("; ", skipped));
    }

    private static Selection forced(ProviderRegistry<ComputeBackendProvider> backends, String name, String how) {
        ComputeBackendProvider p = backends.get(name);
        Optional<String> why = p.unavailableReason();
        if (why.isPresent()) {
            throw new ProviderException("backend '" + name + "' was " + how + " but cannot run in this JVM: "
                    + why.get());
        }
        return new Selection(p, how, false);
    }
}
