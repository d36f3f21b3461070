package org.nnj.examples.plugins;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nnj.api.spi.ComputeBackendProvider;
import org.nnj.api.spi.Provider;
import org.nnj.core.registry.ProviderLocation;
import org.nnj.core.registry.ProviderRegistry;
import org.nnj.core.registry.Registries;
import org.nnj.examples.PluginOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the plugins this JVM finds, with where each comes from: the first thing to check when a model will not load. */
@Command(name = "plugins",
        mixinStandardHelpOptions = true,
        description = {
            "List the plugins found, and where each comes from.",
            "",
            "Layers, activations, losses, optimizers and backends found on the class",
            "path or module path and in the plugin jars, each with its version and its",
            "module or jar.",
            "",
            "To use a plugin, give its jar (or a directory of jars) to any command:",
            "  ./nn --plugin my-plugin.jar plugins",
            "  ./nn --plugin my-plugin.jar train --activation swish --save m.st",
            "  ./nn --plugin my-plugin.jar predict --model m.st --images IDX",
            "or list them in NNJ_PLUGIN_PATH (separated by '${sys:path.separator}'):",
            "  NNJ_PLUGIN_PATH=my-plugin.jar:plugins/ ./nn plugins",
            "A model file saved with a plugin needs the same plugin to load.",
            ""
        })
public final class PluginsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Registries registries = PluginOptions.registries(spec);
        List<Path> jars = PluginOptions.jars(spec);
        if (!jars.isEmpty()) {
            out.printf("plugin path (%d):%n", jars.size());
            jars.forEach(jar -> out.println("  " + jar));
        }
        list(out, registries.layers());
        list(out, registries.activations());
        list(out, registries.losses());
        list(out, registries.optimizers());
        list(out, registries.backends());
        out.flush();
        return 0;
    }

    private static void list(PrintWriter out, ProviderRegistry<?> registry) {
        String kind = registry.kind();
        out.printf("%s (%d):%n", kind.endsWith("s") ? kind + "es" : kind + "s", registry.size());
        for (Provider p : registry.all()) {
            String extra = p instanceof ComputeBackendProvider
                    ? ", priority " + ((ComputeBackendProvider) p).priority()
                    + ((ComputeBackendProvider) p).unavailableReason().map(r -> ", unavailable: " + r).orElse("")
                    : "";
            out.printf("  %-22s v%d  %s  [%s]%s%n", p.name(), p.version(), p.getClass().getName(), source(p.getClass()),
                    extra);
        }
    }

    /** {@code module org.nnj.layers, nn-layers-0.1.0.jar} on the module path, else the jar or directory. */
    static String source(Class<?> type) {
        return ProviderLocation.brief(type);
    }
}
