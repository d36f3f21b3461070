package org.nnj.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks that a plugin declares its providers the same way for the class path and for the module path:
 * every provider in its {@code META-INF/services/org.nnj.api.spi.*} files is in a {@code provides} clause
 * of its {@code module-info.java}, and the other way round. On the class path only the files count, on the
 * module path only the descriptor, so a provider missing from one is a plugin that vanishes in one of the
 * two.
 *
 * <pre>{@code
 * @Test
 * void servicesAreDeclaredForBothPaths() {
 *     ServiceDeclarations.assertAgree(SwishProvider.class);
 * }
 * }</pre>
 */
public final class ServiceDeclarations {
    private static final String SPI_PREFIX = "org.nnj.api.spi.";

    private ServiceDeclarations() {
    }

    /**
     * Compares the declarations of the jar or classes directory that {@code anyClassOfThePlugin} was loaded
     * from.
     *
     * @throws AssertionError naming each provider declared in one place but not the other, or when there
     *                        is no compiled {@code module-info}
     */
    public static void assertAgree(Class<?> anyClassOfThePlugin) {
        Path location;
        try {
            location = Path.of(anyClassOfThePlugin.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new AssertionError("cannot tell where " + anyClassOfThePlugin.getName() + " was loaded from: " + e, e);
        }
        assertAgree(location);
    }

    /** Compares the declarations in a plugin's jar or classes directory. */
    public static void assertAgree(Path location) {
        try {
            if (Files.isDirectory(location)) {
                compare(location, location);
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(location)) {
                    compare(location, jar.getPath("/"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }

    private static void compare(Path location, Path root) throws IOException {
        Path descriptorFile = root.resolve("module-info.class");
        if (!Files.isRegularFile(descriptorFile)) {
            throw new AssertionError(location + " has no module-info.class: add a module-info.java with a provides"
                    + " clause per SPI, so that the plugin also works on the module path");
        }
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(descriptorFile)) {
            descriptor = ModuleDescriptor.read(in);
        }
        Map<String, Set<String>> provided = new TreeMap<>();
        for (ModuleDescriptor.Provides p : descriptor.provides()) {
            if (p.service().startsWith(SPI_PREFIX)) {
                provided.put(p.service(), new TreeSet<>(p.providers()));
            }
        }
        Map<String, Set<String>> listed = new TreeMap<>();
        Path services = root.resolve("META-INF/services");
        if (Files.isDirectory(services)) {
            try (Stream<Path> files = Files.list(services)) {
                for (Path f : files.toList()) {
                    String service = f.getFileName().toString();
                    if (service.startsWith(SPI_PREFIX)) {
                        listed.put(service, providers(f));
                    }
                }
            }
        }
        List<String> problems = new ArrayList<>();
        Set<String> all = new TreeSet<>(provided.keySet());
        all.addAll(listed.keySet());
        for (String service : all) {
            Set<String> inDescriptor = provided.getOrDefault(service, Set.of());
            Set<String> inFile = listed.getOrDefault(service, Set.of());
            for (String p : inFile) {
                if (!inDescriptor.contains(p)) {
                    problems.add(p + " is in META-INF/services/" + service + " but not in module " + descriptor.name()
                            + "'s 'provides " + service + "': it is missing on the module path");
                }
            }
            for (String p : inDescriptor) {
                if (!inFile.contains(p)) {
                    problems.add(p + " is provided by module " + descriptor.name() + " but not listed in"
                            + " META-INF/services/" + service + ": it is missing on the class path");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(location + ": the service declarations disagree:\n  " + String.join("\n  ", problems));
        }
    }

    /** The class names in a service file: one per line, {@code #} starts a comment. */
    private static Set<String> providers(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
