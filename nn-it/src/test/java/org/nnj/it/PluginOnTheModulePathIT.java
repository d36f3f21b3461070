package org.nnj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.core.data.FashionMnist;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;

/**
 * The outsider's plugin jar, as maven-invoker-plugin built it from the staged NNJ artifacts, on the module path next
 * to the real command line (nn-examples' jar and its {@code target/lib}): {@code plugins} finds the plugin through
 * its {@code provides} clauses (no META-INF/services is read for named modules), and {@code predict} loads and runs
 * a model file that needs its layer and activation.
 */
class PluginOnTheModulePathIT {
    private static final String MAIN = "org.nnj.examples/org.nnj.examples.Main";

    @TempDir
    Path dir;

    private static Path property(String name) {
        String value = System.getProperty(name);
        assertTrue(value != null, "system property " + name + " is not set; run this test through Maven (nn-it)");
        Path path = Path.of(value);
        assertTrue(Files.exists(path), path + " is missing; build the reactor with `mvn verify`");
        return path;
    }

    /** The jar the invoker's build of nn-examples/plugin-example made. */
    private static Path pluginJar() throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(property("nnj.it.pluginTarget"), "nnj-plugin-example-*.jar")) {
            s.forEach(jars::add);
        }
        assertEquals(1, jars.size(), "one plugin jar expected: " + jars);
        return jars.get(0);
    }

    /**
     * nn-examples' jar, its runtime dependencies in {@code target/lib} and the plugin jar. The dependencies are the
     * jars nn-examples' build lists in {@code launcher-module-path.txt}, as {@code ./nn} takes them (so a jar that
     * an older build left in lib/ does not count twice), or all of lib/ when there is no list.
     */
    private static String modulePath() throws IOException {
        Path jar = property("nnj.it.examplesJar");
        List<String> entries = new ArrayList<>(List.of(jar.toString()));
        Path list = jar.resolveSibling("launcher-module-path.txt");
        if (Files.isRegularFile(list)) {
            for (String entry : Files.readString(list).strip().split(File.pathSeparator)) {
                entries.add(jar.resolveSibling(entry).toString());
            }
        } else {
            entries.add(property("nnj.it.examplesLib").toString());
        }
        entries.add(pluginJar().toString());
        return String.join(File.pathSeparator, entries);
    }

    private static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath(), "-m", MAIN));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "did not finish: " + command);
        assertEquals(0, p.exitValue(), "exit code of " + String.join(" ", command) + "\n" + out);
        return out;
    }

    @Test
    void theCommandLineFindsThePluginModule() throws Exception {
        // Each line names the module, then where it is (here the jar the invoker's build made).
        String out = run("plugins");
        for (String line : new String[] {
            "  scale_shift            v1  com.example.nnjplugin.ScaleShiftProvider  [module com.example.nnjplugin, ",
            "  swish                  v1  com.example.nnjplugin.SwishProvider  [module com.example.nnjplugin, ",
            "  lion                   v1  com.example.nnjplugin.LionProvider  [module com.example.nnjplugin, "}) {
            assertTrue(out.contains(line), "missing '" + line + "' in:\n" + out);
        }
    }

    @Test
    void aModelThatNeedsThePluginIsLoadedAndRunOnTheModulePath() throws Exception {
        Path file = dir.resolve("plugin-model.safetensors");
        // The model is built here with the plugin jar on a class loader of its own: this module does not depend
        // on the plugin (it is not a Maven artifact of the reactor, but the invoker build's output).
        try (URLClassLoader loader = new URLClassLoader(new URL[] {pluginJar().toUri().toURL()},
                PluginOnTheModulePathIT.class.getClassLoader())) {
            Registries registries = Registries.fromServiceLoader(loader);
            Sequential model = Sequential.builder(Shape.of(784)).registries(registries).seed(1)
                    .add("dense", Config.of("units", 32))
                    .add("swish", Config.of("beta", 1.5))
                    .add("scale_shift", Config.empty())
                    .add("dense", Config.of("units", 10))
                    .build();
            ModelFile.save(file, Checkpoint.of(model).withLoss(registries.loss("softmax_cross_entropy", Config.empty()))
                    .withClassNames(FashionMnist.CLASS_NAMES), registries);
        }
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        try (InputStream in = FashionMnist.class.getResourceAsStream("/org/nnj/examples/data/t10k-images-idx3-ubyte.gz")) {
            assertTrue(in != null, "nn-examples' Fashion-MNIST subset is not on the test class path");
            Files.copy(in, images);
        }

        String out = run("predict", "--model", file.toString(), "--images", images.toString(), "--count", "2",
                "--top", "1", "--threads", "1");
        assertTrue(out.matches("(?s).*t10k-images-idx3-ubyte\\.gz\\[1\\]:  [A-Za-z/ -]+ 0\\.\\d{4}.*"), out);
    }
}
