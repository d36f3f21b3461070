package org.nnj.core.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.nnj.api.ProviderException;
import org.nnj.api.spi.Provider;

/**
 * The jars of a {@link PluginPath}, loaded: the class loader that sees their providers beside NNJ's own,
 * and the registries built from it. Close it when the plugins are no longer used (it closes the jars).
 *
 * <p>How the jars are loaded follows how NNJ itself runs. On the module path (nn-api is a named module) they
 * become a child {@link ModuleLayer} of NNJ's layer, resolved and bound like the module path itself: a
 * modular jar with its {@code provides}, a plain jar as an automatic module whose {@code provides} are its
 * {@code META-INF/services}. On the class path they go into a {@link java.net.URLClassLoader} under NNJ's
 * loader, where {@code META-INF/services} counts and, for a modular jar, its {@code provides} too. Either
 * way {@link #classLoader()} is the loader to give {@link Registries#fromServiceLoader(ClassLoader)}, Guice's
 * {@code NnModule}, or a thread's context class loader.
 */
public final class Plugins implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.nnj.registry");

    private final List<Path> jars;
    private final ClassLoader classLoader;
    private final ModuleLayer layer;
    private final Registries registries;

    private Plugins(List<Path> jars, ClassLoader classLoader, ModuleLayer layer, Registries registries) {
        this.jars = jars;
        this.classLoader = classLoader;
        this.layer = layer;
        this.registries = registries;
    }

    static Plugins load(PluginPath path) {
        ClassLoader nnj = Objects.requireNonNullElse(Plugins.class.getClassLoader(), ClassLoader.getSystemClassLoader());
        List<Path> jars = path.jars();
        if (jars.isEmpty()) {
            return new Plugins(jars, nnj, null, Registries.fromServiceLoader(nnj));
        }
        ModuleLayer layer = Provider.class.getModule().isNamed() ? layerOf(jars) : null;
        ClassLoader loader = layer != null ? layer.findLoader(layer.modules().iterator().next().getName())
                : PluginClassLoader.of(jars, nnj);
        try {
            Registries registries = Registries.fromServiceLoader(loader);
            requireProviders(jars, registries);
            LOG.log(System.Logger.Level.DEBUG, () -> "NNJ plugins " + jars + " loaded "
                    + (layer != null ? "as modules " + layer.modules() : "on a class loader"));
            return new Plugins(jars, loader, layer, registries);
        } catch (RuntimeException | Error e) {
            close(loader);
            throw e;
        }
    }

    /** The jars as modules of a layer above NNJ's, resolved with the services they provide bound. */
    private static ModuleLayer layerOf(List<Path> jars) {
        ModuleLayer parent = Objects.requireNonNullElse(Provider.class.getModule().getLayer(), ModuleLayer.boot());
        try {
            ModuleFinder finder = ModuleFinder.of(jars.toArray(Path[]::new));
            Set<String> roots = new TreeSet<>();
            for (ModuleReference module : finder.findAll()) {
                roots.add(module.descriptor().name());
            }
            Configuration configuration = parent.configuration().resolveAndBind(finder, ModuleFinder.of(), roots);
            return parent.defineModulesWithOneLoader(configuration, Plugins.class.getClassLoader());
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
            // Their messages name the module or jar ("Unable to derive module descriptor for x.jar").
            throw new ProviderException("plugins " + jars + " cannot be loaded as modules: " + oneLine(e));
        }
    }

    /** A jar that provides nothing was most likely given by mistake: say so rather than ignore it. */
    private static void requireProviders(List<Path> jars, Registries registries) {
        Set<Path> providing = new HashSet<>();
        for (Provider p : all(registries)) {
            ProviderLocation.file(p.getClass()).ifPresent(f -> providing.add(real(f)));
        }
        for (Path jar : jars) {
            if (!providing.contains(real(jar))) {
                throw new ProviderException("plugin " + jar + " is not an NNJ plugin: it provides no layer,"
                        + " activation, loss, optimizer or backend (no provider of org.nnj.api.spi in its"
                        + " META-INF/services or module-info that loaded; see any warnings above)");
            }
        }
    }

    private static List<Provider> all(Registries r) {
        List<Provider> all = new ArrayList<>();
        for (Collection<? extends Provider> c : List.<Collection<? extends Provider>>of(r.layers().all(),
                r.activations().all(), r.losses().all(), r.optimizers().all(), r.backends().all())) {
            all.addAll(c);
        }
        return all;
    }

    private static Path real(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        return message.replaceAll("\\s*\\R\\s*", "; ");
    }

    /** The loader that sees NNJ's providers and the plugins'. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /** The plugins' module layer, when NNJ runs on the module path and there are plugins. */
    public Optional<ModuleLayer> layer() {
        return Optional.ofNullable(layer);
    }

    /** Every provider: NNJ's, the class path's or module path's, and the plugins'. */
    public Registries registries() {
        return registries;
    }

    /** The plugin jars. */
    public List<Path> jars() {
        return jars;
    }

    /** Closes the jars of a class-path load; a module layer's stay open until it is unreachable. */
    @Override
    public void close() {
        close(classLoader);
    }

    private static void close(ClassLoader loader) {
        if (loader instanceof PluginClassLoader) {
            try {
                ((PluginClassLoader) loader).close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing the plugin jars", e);
            }
        }
    }
}
