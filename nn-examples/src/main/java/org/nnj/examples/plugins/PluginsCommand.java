package org.nnj.examples.plugins;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nnj.api.spi.ComputeBackendProvider;
import org.nnj.api.spi.Provider;
import org.nnj.core.registry.ProviderRegistry;
import org.nnj.core.registry.Registries;
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
            "path or module path, each with its version and its module or jar. A",
            "plugin's jar on the module path shows up here and in every model."
        })
public final class PluginsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Registries registries = Registries.fromServiceLoader();
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

    /** {@code module org.nnj.layers} on the module path, else the jar or directory the class came from. */
    static String source(Class<?> type) {
        Module module = type.getModule();
        if (module.isNamed()) {
            return "module " + module.getName();
        }
        var codeSource = type.getProtectionDomain().getCodeSource();
        if (codeSource == null || codeSource.getLocation() == null) {
            return "class path";
        }
        String path = codeSource.getLocation().getPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.endsWith(".jar") ? path.substring(path.lastIndexOf('/') + 1) : path;
    }
}
