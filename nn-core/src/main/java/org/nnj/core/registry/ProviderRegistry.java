package org.nnj.core.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.nnj.api.ProviderException;
import org.nnj.api.spi.Provider;

/**
 * The providers of one kind of plugin (layers, losses, ...), by name. Immutable and thread-safe.
 *
 * <p>Built with {@link #of}, which enforces the naming rules of {@link Provider}: a name is lower case
 * letters, digits, {@code '_'} and {@code '-'}, and no two providers share one. Both violations throw a
 * {@link ProviderException} naming the classes involved (and, for duplicates, the jars they came from),
 * so a clash between two plugins is reported when the registry is built, not when a model is loaded.
 *
 * @param <P> the provider interface, for example {@link org.nnj.api.spi.LayerProvider}
 */
public final class ProviderRegistry<P extends Provider> {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+");

    private final String kind;
    private final Class<P> spi;
    private final SortedMap<String, P> byName;
    private final SortedSet<String> names;

    private ProviderRegistry(String kind, Class<P> spi, SortedMap<String, P> byName) {
        this.kind = kind;
        this.spi = spi;
        this.byName = Collections.unmodifiableSortedMap(byName);
        this.names = Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
    }

    /**
     * A registry of {@code providers}.
     *
     * @param kind      what the providers build, singular, for messages: {@code "layer"}, {@code "loss"}
     * @param spi       the provider interface; every provider must implement it
     * @param providers the providers, in any order
     * @throws ProviderException for a provider with a bad name or a name another one has too
     */
    public static <P extends Provider> ProviderRegistry<P> of(String kind, Class<P> spi,
                                                               Collection<? extends P> providers) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(spi, "spi");
        SortedMap<String, P> byName = new TreeMap<>();
        for (P provider : providers) {
            if (!spi.isInstance(provider)) {
                throw new ProviderException(kind + " registry: "
                        + (provider == null ? "a null provider" : provider.getClass().getName())
                        + " is not a " + spi.getName());
            }
            String name = nameOf(kind, provider);
            P previous = byName.putIfAbsent(name, provider);
            if (previous != null) {
                throw new ProviderException("two " + kind + " providers are named '" + name + "': "
                        + ProviderLocation.describe(previous.getClass()) + " and "
                        + ProviderLocation.describe(provider.getClass())
                        + "; remove one of them (from the class path, module path or plugin path) or rename one");
            }
        }
        return new ProviderRegistry<>(kind, spi, byName);
    }

    private static String nameOf(String kind, Provider provider) {
        String name;
        try {
            name = provider.name();
        } catch (RuntimeException e) {
            throw new ProviderException(kind + " provider " + provider.getClass().getName()
                    + " failed to report its name: " + e, e);
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ProviderException(kind + " provider " + provider.getClass().getName() + " has the name "
                    + (name == null ? "null" : "'" + name + "'")
                    + "; names must be non-empty and use only lower case letters, digits, '_' and '-'");
        }
        return name;
    }

    /** What the providers build, for messages: {@code "layer"}, {@code "optimizer"}. */
    public String kind() {
        return kind;
    }

    /** The provider interface. */
    public Class<P> spi() {
        return spi;
    }

    /**
     * The provider named {@code name}.
     *
     * @throws ProviderException if there is none; the message lists the known names
     */
    public P get(String name) {
        P provider = name == null ? null : byName.get(name);
        if (provider == null) {
            throw new ProviderException(unknownMessage(name));
        }
        return provider;
    }

    /** The provider named {@code name}, if there is one. */
    public Optional<P> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /** The known names, sorted. */
    public SortedSet<String> names() {
        return names;
    }

    /** Every provider, in the order of their names. */
    public Collection<P> all() {
        return byName.values();
    }

    /** The number of providers. */
    public int size() {
        return byName.size();
    }

    private String unknownMessage(String name) {
        String what = "unknown " + kind + " '" + name + "'";
        if (byName.isEmpty()) {
            return what + ": no " + kind + " providers are registered (" + spi.getName()
                    + "). Is the jar that provides it on the class path?";
        }
        List<String> close = new ArrayList<>();
        for (String known : names) {
            if (name != null && loose(known).equals(loose(name))) {
                close.add(known);
            }
        }
        return what + "; known " + kind + " names: " + names
                + (close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)")
                + ". Is the jar that provides it on the class path?";
    }

    /** {@code "LeakyReLU"} and {@code "leaky_relu"} are the same name to a person typing it. */
    private static String loose(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** For example {@code "layer registry [conv2d, dense, relu]"}. */
    @Override
    public String toString() {
        return kind + " registry " + names;
    }
}
