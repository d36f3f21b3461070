package org.nnj.examples.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.spi.ToolProvider;
import org.nnj.api.spi.ActivationProvider;

/**
 * Real plugin jars for the tests, compiled from source against nn-api with the JDK's compiler: the classes
 * must not be on the test class path, or a class loader would find them there instead of in the jar.
 */
final class PluginJars {
    private PluginJars() {
    }

    /** x / (1 + |x|): a plugin activation that NNJ does not have. */
    static final String SOFTSIGN = "softsign";

    /** A jar with activation {@code name} (x / (1 + |x|)) in package {@code pkg}, declared in META-INF/services only. */
    static Path plain(Path dir, String jarName, String pkg, String name) throws IOException {
        Map<String, String> sources = activation(pkg, name);
        return jar(dir, jarName, sources, Map.of("META-INF/services/" + ActivationProvider.class.getName(),
                pkg + ".Provider\n"), false);
    }

    /** The same as a modular jar whose module-info {@code provides} it, with no META-INF/services. */
    static Path modular(Path dir, String jarName, String pkg, String name) throws IOException {
        Map<String, String> sources = activation(pkg, name);
        sources.put("module-info.java", "module " + pkg + " {\n  requires org.nnj.api;\n"
                + "  provides org.nnj.api.spi.ActivationProvider with " + pkg + ".Provider;\n}\n");
        return jar(dir, jarName, sources, Map.of(), true);
    }

    /** A jar with a class and no providers: not a plugin. */
    static Path notAPlugin(Path dir, String jarName) throws IOException {
        return jar(dir, jarName, new TreeMap<>(Map.of("com/acme/util/Util.java",
                "package com.acme.util;\npublic final class Util { private Util() { } }\n")), Map.of(), false);
    }

    private static Map<String, String> activation(String pkg, String name) {
        String dir = pkg.replace('.', '/') + "/";
        Map<String, String> sources = new TreeMap<>();
        sources.put(dir + "Softsign.java", "package " + pkg + ";\n"
                + "import org.nnj.api.activation.ElementwiseActivation;\n"
                + "import org.nnj.api.config.Config;\n"
                + "public final class Softsign extends ElementwiseActivation {\n"
                + "  public String type() { return \"" + name + "\"; }\n"
                + "  public Config config() { return Config.empty(); }\n"
                + "  public float apply(float x) { return x / (1 + Math.abs(x)); }\n"
                + "  public float derivative(float x, float y) { float d = 1 + Math.abs(x); return 1 / (d * d); }\n"
                + "}\n");
        sources.put(dir + "Provider.java", "package " + pkg + ";\n"
                + "import org.nnj.api.activation.Activation;\n"
                + "import org.nnj.api.config.Config;\n"
                + "public final class Provider implements org.nnj.api.spi.ActivationProvider {\n"
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public Activation create(Config config) {\n"
                + "    config.describedAs(\"activation '" + name + "'\").requireOnly();\n"
                + "    return new Softsign();\n"
                + "  }\n"
                + "}\n");
        return sources;
    }

    private static Path jar(Path dir, String jarName, Map<String, String> sources, Map<String, String> resources,
                            boolean modular) throws IOException {
        Path src = Files.createTempDirectory(dir, "src");
        Path classes = Files.createTempDirectory(dir, "classes");
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(),
                modular ? "--module-path" : "-classpath", nnApi().toString()));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        // java.util.spi's ToolProvider: the JDK's javac without javax.tools, which the test module does not read.
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        assertEquals(0, javac.run(System.out, System.err, args.toArray(String[]::new)), "javac " + args);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        Path jar = dir.resolve(jarName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                put(out, classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
            for (Map.Entry<String, String> e : resources.entrySet()) {
                put(out, e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static void put(OutputStream stream, String name, byte[] bytes) throws IOException {
        JarOutputStream out = (JarOutputStream) stream;
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    /** nn-api's jar or classes directory, as the test class path has it. */
    static Path nnApi() {
        try {
            return Path.of(ActivationProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
