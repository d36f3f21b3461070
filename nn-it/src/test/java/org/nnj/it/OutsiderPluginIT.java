package org.nnj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The outsider's plugin jar, as maven-invoker-plugin built it from the staged NNJ artifacts, loaded by the real
 * command line (nn-examples' jar and its {@code target/lib} on the module path, as {@code ./nn} runs it) through
 * {@code --plugin}, the way a user loads a plugin: {@code plugins} lists its providers with the jar they came
 * from, {@code train} uses its activation and optimizer and saves the model, and {@code predict} on that file
 * fails with the one-line "missing plugin" message without {@code --plugin} and works with it.
 */
class OutsiderPluginIT {
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
     * nn-examples' jar and its runtime dependencies, the jars nn-examples' build lists in
     * {@code launcher-module-path.txt}, as {@code ./nn} takes them (so a jar that an older build left in lib/ does
     * not count twice), or all of lib/ when there is no list. The plugin is not on it: {@code --plugin} loads it.
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
        return String.join(File.pathSeparator, entries);
    }

    /** What the program printed, after checking its exit code. */
    private static String run(int expectedExit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath(), "-m", MAIN));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "did not finish: " + command);
        assertEquals(expectedExit, p.exitValue(), "exit code of " + String.join(" ", command) + "\n" + out);
        return out;
    }

    private Path testImages() throws IOException {
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        try (InputStream in = FashionMnist.class.getResourceAsStream("/org/nnj/examples/data/t10k-images-idx3-ubyte.gz")) {
            assertTrue(in != null, "nn-examples' Fashion-MNIST subset is not on the test class path");
            Files.copy(in, images);
        }
        return images;
    }

    @Test
    void pluginsListsTheProvidersOfAPluginJarWithTheJarTheyCameFrom() throws Exception {
        Path plugin = pluginJar();
        String out = run(0, "--plugin", plugin.toString(), "plugins");
        String where = "[module com.example.nnjplugin, " + plugin.getFileName() + "]";
        for (String line : new String[] {
            "  scale_shift            v1  com.example.nnjplugin.ScaleShiftProvider  " + where,
            "  swish                  v1  com.example.nnjplugin.SwishProvider  " + where,
            "  lion                   v1  com.example.nnjplugin.LionProvider  " + where}) {
            assertTrue(out.contains(line), "missing '" + line + "' in:\n" + out);
        }
        assertFalse(run(0, "plugins").contains("com.example.nnjplugin"), "the plugin is listed without --plugin");
    }

    @Test
    void aModelTrainedWithThePluginNeedsItToPredict() throws Exception {
        Path plugin = pluginJar();
        Path model = dir.resolve("swish-lion.safetensors");
        Path images = testImages();
        String trained = run(0, "--plugin", plugin.toString(), "train", "--activation", "swish", "--optimizer", "lion",
                "--lr", "3e-4", "--epochs", "1", "--limit", "1000", "--validation", "0", "--threads", "1",
                "--save", model.toString());
        assertTrue(trained.contains("model saved to " + model), trained);

        String missing = run(1, "predict", "--model", model.toString(), "--images", images.toString(), "--count", "2");
        List<String> errors = missing.lines().filter(l -> l.startsWith("nn: ")).toList();
        assertEquals(1, errors.size(), missing);
        assertTrue(errors.get(0).contains("unknown activation 'swish'")
                && errors.get(0).contains("com.example.nnjplugin.SwishProvider")
                && errors.get(0).contains(plugin.getFileName().toString())
                && errors.get(0).contains("--plugin"), errors.get(0));
        assertFalse(missing.contains("Exception") || missing.contains("\tat "), "a stack trace:\n" + missing);

        String predicted = run(0, "--plugin", plugin.toString(), "predict", "--model", model.toString(), "--images",
                images.toString(), "--count", "2", "--top", "1", "--threads", "1");
        assertTrue(predicted.matches("(?s).*t10k-images-idx3-ubyte\\.gz\\[1\\]:  [A-Za-z/ -]+ 0\\.\\d{4}.*"), predicted);
    }

    @Test
    void aModelWithThePluginLayerIsLoadedAndRunThroughThePluginOption() throws Exception {
        Path file = dir.resolve("plugin-model.safetensors");
        // The model is built here with the plugin jar on a class loader of its own: this module does not depend
        // on the plugin (it is not a Maven artifact of the reactor, but the invoker build's output).
        try (URLClassLoader loader = new URLClassLoader(new URL[] {pluginJar().toUri().toURL()},
                OutsiderPluginIT.class.getClassLoader())) {
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
        String out = run(0, "--plugin", pluginJar().toString(), "predict", "--model", file.toString(), "--images",
                testImages().toString(), "--count", "2", "--top", "1", "--threads", "1");
        assertTrue(out.matches("(?s).*t10k-images-idx3-ubyte\\.gz\\[1\\]:  [A-Za-z/ -]+ 0\\.\\d{4}.*"), out);
    }
}
