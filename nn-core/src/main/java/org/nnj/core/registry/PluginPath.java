package org.nnj.core.registry;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipException;
import org.nnj.api.ProviderException;

/**
 * The plugin jars to load on top of what the class path or module path already holds: each entry a jar, or
 * a directory whose {@code *.jar} files are taken (not its subdirectories). Immutable.
 *
 * <p>{@link #of} checks every entry before anything is loaded, so a wrong path fails with one line naming
 * it: a path that does not exist, a directory without jars, a file that is not a readable jar. {@link
 * #load()} then makes the jars' providers visible ({@link Plugins}) and checks that each jar provided
 * something.
 *
 * <pre>{@code
 * try (Plugins plugins = PluginPath.of(List.of(Path.of("my-plugin.jar"))).load()) {
 *     Registries registries = plugins.registries();     // the built-ins and my-plugin's providers
 * }
 * }</pre>
 */
public final class PluginPath {
    private final List<Path> jars;

    private PluginPath(List<Path> jars) {
        this.jars = List.copyOf(jars);
    }

    /** No plugins: {@link #load()} gives what the class path or module path holds. */
    public static PluginPath empty() {
        return new PluginPath(List.of());
    }

    /**
     * The jars of {@code entries}, in order, each jar once.
     *
     * @throws ProviderException naming the entry, when it does not exist, is a directory with no jars, or
     *                           is not a readable jar
     */
    public static PluginPath of(Collection<Path> entries) {
        Set<Path> jars = new LinkedHashSet<>();
        for (Path entry : entries) {
            Objects.requireNonNull(entry, "entry");
            jars.addAll(jarsOf(entry.toAbsolutePath().normalize()));
        }
        return new PluginPath(new ArrayList<>(jars));
    }

    /**
     * The entries of a path list such as {@code NNJ_PLUGIN_PATH}, separated by {@link File#pathSeparator};
     * empty entries are ignored.
     */
    public static PluginPath parse(String pathList) {
        List<Path> entries = new ArrayList<>();
        for (String entry : pathList.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry.strip()));
            }
        }
        return of(entries);
    }

    /** This path followed by {@code other}'s jars that it does not hold yet. */
    public PluginPath plus(PluginPath other) {
        Set<Path> all = new LinkedHashSet<>(jars);
        all.addAll(other.jars);
        return new PluginPath(new ArrayList<>(all));
    }

    /** The jars, absolute, in order. */
    public List<Path> jars() {
        return jars;
    }

    public boolean isEmpty() {
        return jars.isEmpty();
    }

    /**
     * Loads the jars: into a child module layer when NNJ runs on the module path (a plain jar becomes an
     * automatic module), into a class loader when it runs on the class path (a modular jar's {@code
     * provides} count there too).
     *
     * @throws ProviderException when a jar provides nothing to NNJ, a provider's name is taken by another
     *                           one (naming both jars), or the jars cannot be loaded together
     */
    public Plugins load() {
        return Plugins.load(this);
    }

    private static List<Path> jarsOf(Path entry) {
        if (Files.isDirectory(entry)) {
            List<Path> found = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(entry, "*.jar")) {
                files.forEach(f -> {
                    if (Files.isRegularFile(f)) {
                        found.add(f);
                    }
                });
            } catch (IOException e) {
                throw new ProviderException("plugin directory " + entry + " cannot be read: " + reason(e));
            }
            if (found.isEmpty()) {
                throw new ProviderException("plugin directory " + entry + " holds no .jar files");
            }
            found.sort(null); // the same order on every machine, whatever the directory's
            found.forEach(PluginPath::checkJar);
            return found;
        }
        if (!Files.exists(entry)) {
            throw new ProviderException("plugin " + entry + " does not exist");
        }
        checkJar(entry);
        return List.of(entry);
    }

    /** Opening the jar reads its central directory: a truncated or non-zip file fails here, by name. */
    private static void checkJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            file.getManifest(); // also parses the manifest, which the module system reads too
        } catch (IOException | SecurityException e) {
            throw new ProviderException("plugin " + jar + " is not a readable jar: " + reason(e));
        }
    }

    private static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof ZipException && e.getMessage() != null) {
            return e.getMessage();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** For example {@code "PluginPath[/home/me/swish.jar]"}. */
    @Override
    public String toString() {
        return "PluginPath" + jars;
    }
}
