package org.nnj.core.registry;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.nnj.api.spi.Provider;

/**
 * Finds the providers of one SPI with {@link ServiceLoader}, instantiating each on its own: a provider
 * whose class is missing, cannot be linked or whose constructor throws is skipped with a warning naming
 * the class and the cause, and the others still load. One broken jar does not break discovery.
 */
public final class ServiceLoading {
    private static final System.Logger LOG = System.getLogger("org.nnj.registry");

    /** A safeguard against a service iterator that fails forever without advancing. */
    private static final int MAX_FAILURES = 1000;

    private ServiceLoading() {
    }

    /**
     * What a discovery found: the providers that loaded, in class path order, and one message per
     * provider that was skipped.
     */
    public record Discovered<P>(List<P> providers, List<String> skipped) {
        public Discovered {
            providers = List.copyOf(providers);
            skipped = List.copyOf(skipped);
        }
    }

    /** The providers of {@code spi} visible to {@code classLoader}; failures are logged and skipped. */
    public static <P extends Provider> List<P> load(Class<P> spi, ClassLoader classLoader) {
        return discover(spi, classLoader).providers();
    }

    /** Like {@link #load}, and also tells which providers were skipped and why. */
    public static <P extends Provider> Discovered<P> discover(Class<P> spi, ClassLoader classLoader) {
        Objects.requireNonNull(spi, "spi");
        List<P> providers = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Iterator<ServiceLoader.Provider<P>> it = ServiceLoader.load(spi, classLoader).stream().iterator();
        while (skipped.size() < MAX_FAILURES) {
            ServiceLoader.Provider<P> handle;
            try {
                if (!it.hasNext()) {
                    break;
                }
                handle = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                // A listed class that is missing, not a subtype or cannot be linked: the iterator has
                // moved past it, so the next one can still load.
                skip(spi, skipped, "a provider listed in META-INF/services/" + spi.getName(), e);
                continue;
            }
            try {
                providers.add(handle.get());
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                skip(spi, skipped, handle.type().getName(), e);
            }
        }
        return new Discovered<>(providers, skipped);
    }

    private static void skip(Class<?> spi, List<String> skipped, String what, Throwable error) {
        String message = "skipped " + spi.getSimpleName() + " " + what + ": " + causes(error);
        skipped.add(message);
        LOG.log(Level.WARNING, message);
    }

    /** The error and its causes on one line, the root cause last: that is the one to fix. */
    private static String causes(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error));
        Throwable cause = error.getCause();
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }
}
