package org.nnj.core.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Optional;

/**
 * Where a provider class was loaded from: for error messages about duplicates, for {@code ./nn plugins},
 * and to tell which jar of a plugin path provided what. Works for the class path, the module path and the
 * module layers {@link PluginPath} creates.
 */
public final class ProviderLocation {
    private ProviderLocation() {
    }

    /** For example {@code "com.acme.Dense (from file:/home/me/.m2/.../acme-layers-1.0.jar)"}. */
    public static String describe(Class<?> type) {
        return type.getName() + " (from " + location(type).map(URI::toString).orElse("unknown location") + ")";
    }

    /**
     * The jar or directory {@code type} was loaded from, if it is a file: the module's location for a class
     * in a named module (module path, or a plugin layer), else its code source.
     */
    public static Optional<Path> file(Class<?> type) {
        return location(type).filter(uri -> "file".equals(uri.getScheme())).flatMap(uri -> {
            try {
                return Optional.of(Path.of(uri));
            } catch (IllegalArgumentException | FileSystemNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Short, for listings: {@code "nn-layers-0.1.0.jar"} on the class path, {@code "module org.nnj.layers,
     * nn-layers-0.1.0.jar"} for a named module, a directory's full path, or {@code "module java.base"} for a
     * module with no file.
     */
    public static String brief(Class<?> type) {
        Optional<String> file = file(type).map(ProviderLocation::shortName);
        Module module = type.getModule();
        if (module.isNamed()) {
            return "module " + module.getName() + file.map(f -> ", " + f).orElse("");
        }
        return file.orElse("unknown location");
    }

    /** A jar by its file name (that is what users recognise), a directory by its whole path. */
    private static String shortName(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().endsWith(".jar") ? name.toString() : file.toString();
    }

    private static Optional<URI> location(Class<?> type) {
        Module module = type.getModule();
        if (module.isNamed() && module.getLayer() != null) {
            // A module's classes may come from an exploded directory or a jar; the layer knows which.
            Optional<URI> where = module.getLayer().configuration().findModule(module.getName())
                    .flatMap(m -> m.reference().location());
            if (where.isPresent()) {
                return where.filter(uri -> !"jrt".equals(uri.getScheme())); // a JDK module has no file
            }
        }
        try {
            ProtectionDomain domain = type.getProtectionDomain();
            CodeSource source = domain == null ? null : domain.getCodeSource();
            URL url = source == null ? null : source.getLocation();
            return url == null ? Optional.empty() : Optional.of(url.toURI());
        } catch (SecurityException | URISyntaxException e) {
            // A security manager, or a loader with an odd URL: the messages are still useful without it.
            return Optional.empty();
        }
    }
}
