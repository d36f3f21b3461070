package org.nnj.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nnj.api.ProviderException;
import org.nnj.core.registry.PluginPath;
import org.nnj.core.registry.Plugins;
import org.nnj.core.registry.Registries;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The plugin jars of one run of {@code ./nn}, from {@code --plugin} and {@code NNJ_PLUGIN_PATH}, loaded on
 * first use and shared by every command of the run, so that all of them see the same providers.
 */
public final class PluginOptions implements AutoCloseable {
    /** The environment variable with more plugin jars or directories, separated like a class path. */
    public static final String ENVIRONMENT = "NNJ_PLUGIN_PATH";

    private final Map<String, String> environment;
    private final List<Path> options = new ArrayList<>();
    private Plugins loaded;
    private ClassLoader previousContextLoader;

    PluginOptions(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The registries of the command {@code spec} belongs to: NNJ's providers and the run's plugins. */
    @SuppressWarnings("exports") // for the program's own commands; picocli is not part of any API
    public static Registries registries(CommandSpec spec) {
        Object root = spec.root().userObject();
        return root instanceof NnCommand ? ((NnCommand) root).plugins().registries() : Registries.fromServiceLoader();
    }

    /** The plugin jars of the command {@code spec} belongs to (loading them if need be). */
    @SuppressWarnings("exports")
    public static List<Path> jars(CommandSpec spec) {
        Object root = spec.root().userObject();
        if (root instanceof NnCommand) {
            PluginOptions options = ((NnCommand) root).plugins();
            options.registries();
            synchronized (options) {
                return options.loaded.jars();
            }
        }
        return List.of();
    }

    void add(Path entry) {
        options.add(entry);
    }

    /**
     * The loaded plugins. The thread's context class loader becomes theirs until {@link #close()}, so that
     * code finding providers on its own ({@code Registries.fromServiceLoader()}) sees them too.
     */
    synchronized Registries registries() {
        if (loaded == null) {
            PluginPath path = PluginPath.of(options);
            String variable = environment.get(ENVIRONMENT);
            if (variable != null && !variable.isBlank()) {
                try {
                    path = path.plus(PluginPath.parse(variable));
                } catch (ProviderException e) {
                    throw new ProviderException(ENVIRONMENT + ": " + e.getMessage(), e);
                }
            }
            loaded = path.load();
            if (!path.isEmpty()) {
                previousContextLoader = Thread.currentThread().getContextClassLoader();
                Thread.currentThread().setContextClassLoader(loaded.classLoader());
            }
        }
        return loaded.registries();
    }

    @Override
    public synchronized void close() {
        if (loaded != null) {
            if (!loaded.jars().isEmpty()) {
                Thread.currentThread().setContextClassLoader(previousContextLoader);
            }
            loaded.close();
            loaded = null;
        }
    }
}
