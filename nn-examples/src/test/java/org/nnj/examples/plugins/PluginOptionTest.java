package org.nnj.examples.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.examples.CliRun;
import org.nnj.examples.Main;

/**
 * {@code ./nn --plugin} in-process, with NNJ on the class path as the tests run it: real jars compiled
 * here, a plain one (META-INF/services) and a modular one (module-info only), through Main's entry point.
 */
class PluginOptionTest {

    private static CliRun run(Map<String, String> env, String... args) {
        return CliRun.run(env, args);
    }

    private static CliRun run(String... args) {
        return CliRun.run(Map.of(), args);
    }

    /** The provider's line of ./nn plugins, e.g. "  softsign  v1  com.acme.plain.Provider  [softsign.jar]". */
    private static void assertListed(String out, String pkg, String jar) {
        assertTrue(out.matches("(?s).*\\n  softsign +v1  " + pkg.replace(".", "\\.") + "\\.Provider  \\["
                + jar.replace(".", "\\.") + "\\]\\n.*"), out);
    }

    @Test
    void pluginsListsAPlainJarsProviderWithItsJar(@TempDir Path dir) throws Exception {
        Path jar = PluginJars.plain(dir, "softsign-plain.jar", "com.acme.plain", PluginJars.SOFTSIGN);
        CliRun before = run("plugins");
        assertFalse(before.out().contains("softsign"), before.out());

        CliRun r = run("--plugin", jar.toString(), "plugins");
        assertEquals(0, r.exitCode(), r.err());
        assertListed(r.out(), "com.acme.plain", "softsign-plain.jar");
        assertTrue(r.out().startsWith("plugin path (1):\n  " + jar.toAbsolutePath() + "\n"), r.out());
        assertTrue(r.out().contains("  relu "), "the built-ins stay: " + r.out());
    }

    @Test
    void aModularJarCountsOnTheClassPathByItsProvidesAlone(@TempDir Path dir) throws Exception {
        Path jar = PluginJars.modular(dir, "softsign-modular.jar", "com.acme.modular", PluginJars.SOFTSIGN);
        // After the subcommand works too: the option is inherited.
        CliRun r = run("plugins", "--plugin", jar.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertListed(r.out(), "com.acme.modular", "softsign-modular.jar");
    }

    @Test
    void theEnvironmentVariableTakesDirectoriesAndJars(@TempDir Path dir) throws Exception {
        Path jars = Files.createDirectory(dir.resolve("plugins"));
        PluginJars.plain(jars, "softsign-plain.jar", "com.acme.plain", PluginJars.SOFTSIGN);
        Path other = PluginJars.modular(dir, "softer.jar", "com.acme.softer", "softer");
        CliRun r = run(Map.of("NNJ_PLUGIN_PATH", jars + File.pathSeparator + other), "plugins");
        assertEquals(0, r.exitCode(), r.err());
        assertListed(r.out(), "com.acme.plain", "softsign-plain.jar");
        assertTrue(r.out().contains("  softer                 v1  com.acme.softer.Provider  [softer.jar]"), r.out());
    }

    @Test
    void aModelTrainedWithAPluginNeedsItToPredict(@TempDir Path dir) throws Exception {
        Path jar = PluginJars.plain(dir, "softsign-plain.jar", "com.acme.plain", PluginJars.SOFTSIGN);
        Path model = dir.resolve("softsign.safetensors");
        CliRun train = run("--plugin", jar.toString(), "train", "--activation", "softsign", "--limit", "200",
                "--epochs", "1", "--threads", "1", "--validation", "0", "--save", model.toString());
        assertEquals(0, train.exitCode(), train.out() + train.err());
        assertTrue(train.out().contains("(hidden activation softsign instead)"), train.out());
        assertTrue(train.out().contains("\n1  softsign "), train.out());
        assertTrue(Files.size(model) > 200_000, "the MLP's weights are in " + model);

        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        try (InputStream in = PluginOptionTest.class.getResourceAsStream("/org/nnj/examples/data/t10k-images-idx3-ubyte.gz")) {
            Files.copy(in, images);
        }
        CliRun without = run("predict", "--model", model.toString(), "--images", images.toString(), "--count", "2",
                "--threads", "1");
        assertEquals(1, without.exitCode(), without.out() + without.err());
        assertOneLine(without.err());
        assertTrue(without.err().contains("unknown activation 'softsign'")
                && without.err().contains("com.acme.plain.Provider (from softsign-plain.jar)")
                && without.err().contains("--plugin"), without.err());

        CliRun with = run("--plugin", jar.toString(), "predict", "--model", model.toString(), "--images",
                images.toString(), "--count", "2", "--threads", "1");
        assertEquals(0, with.exitCode(), with.out() + with.err());
        assertTrue(with.out().startsWith("t10k-images-idx3-ubyte.gz[0]:"), with.out());

        // ./nn summary loads plugins the same way, for the saved file and for a catalog model.
        CliRun summary = run("--plugin", jar.toString(), "summary", "--model", model.toString());
        assertEquals(0, summary.exitCode(), summary.err());
        assertTrue(summary.out().matches("(?s).*\\n1  softsign +\\[256\\] +0\\n.*"), summary.out());
        CliRun catalog = run("--plugin", jar.toString(), "summary", "--model", "lenet", "--activation", "softsign");
        assertEquals(0, catalog.exitCode(), catalog.err());
        assertTrue(catalog.out().matches("(?s).*\\n1  +softsign +\\[6, 24, 24\\] +0\\n.*"), catalog.out());
        CliRun unknown = run("summary", "--model", model.toString());
        assertEquals(1, unknown.exitCode(), unknown.out());
        assertOneLine(unknown.err());
        assertTrue(unknown.err().contains("unknown activation 'softsign'"), unknown.err());
    }

    @Test
    void aPathThatDoesNotExistIsOneLine(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere.jar");
        assertError(run("--plugin", missing.toString(), "plugins"), "nn: plugin " + missing + " does not exist");
        assertError(run(Map.of("NNJ_PLUGIN_PATH", missing.toString()), "plugins"),
                "nn: NNJ_PLUGIN_PATH: plugin " + missing + " does not exist");
    }

    @Test
    void aJarWithoutProvidersIsNotAPlugin(@TempDir Path dir) throws Exception {
        Path jar = PluginJars.notAPlugin(dir, "util.jar");
        assertError(run("--plugin", jar.toString(), "plugins"), "nn: plugin " + jar + " is not an NNJ plugin:"
                + " it provides no layer, activation, loss, optimizer or backend");
    }

    @Test
    void aDirectoryWithoutJarsIsOneLine(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("README.txt"), "no jars here");
        assertError(run("--plugin", empty.toString(), "train"), "nn: plugin directory " + empty + " holds no .jar files");
    }

    @Test
    void aCorruptJarIsOneLine(@TempDir Path dir) throws Exception {
        Path jar = PluginJars.plain(dir, "softsign-plain.jar", "com.acme.plain", PluginJars.SOFTSIGN);
        Path cut = dir.resolve("cut.jar");
        byte[] bytes = Files.readAllBytes(jar);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertError(run("--plugin", cut.toString(), "plugins"),
                "nn: plugin " + cut + " is not a readable jar: ");
    }

    @Test
    void aPluginThatTakesABuiltInNameNamesBothJars(@TempDir Path dir) throws Exception {
        Path jar = PluginJars.plain(dir, "my-relu.jar", "com.acme.relu", "relu");
        CliRun r = run("--plugin", jar.toString(), "xor", "--threads", "1");
        assertError(r, "nn: two activation providers are named 'relu': ");
        assertTrue(r.err().contains("org.nnj.layers.activation.ReluProvider (from ")
                && r.err().contains("nn-layers") && r.err().contains("com.acme.relu.Provider (from ")
                && r.err().contains("my-relu.jar)"), r.err());
    }

    /** ./nn activations draws what the registries hold, so a plugin's activation gets its cell. */
    @Test
    void activationsDrawsAPluginsActivation(@TempDir Path dir) throws Exception {
        Path jar = PluginJars.plain(dir, "softsign-plain.jar", "com.acme.plain", PluginJars.SOFTSIGN);
        CliRun r = run("--plugin", jar.toString(), "activations", "--points", "21", "--threads", "1", "--out",
                dir.resolve("out").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().anyMatch("softsign"::equals) && r.out().lines().anyMatch("relu"::equals), r.out());
        assertTrue(Files.isRegularFile(dir.resolve("out").resolve("activations.png")));
    }

    @Test
    void theHelpSaysHowToLoadAPlugin() {
        CliRun top = run("--help");
        assertTrue(top.out().contains("--plugin=PATH") && top.out().contains("NNJ_PLUGIN_PATH"), top.out());
        CliRun plugins = run("plugins", "--help");
        assertTrue(plugins.out().contains("./nn --plugin my-plugin.jar plugins")
                && plugins.out().contains("NNJ_PLUGIN_PATH"), plugins.out());
        CliRun train = run("train", "--help");
        assertTrue(train.out().contains("--plugin=PATH") && train.out().contains("--activation=NAME"), train.out());
    }

    /** Exit code 1, and one line on stderr that starts with {@code start}: no stack trace. */
    static void assertError(CliRun r, String start) {
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertOneLine(r.err());
        assertTrue(r.err().startsWith(start), "expected '" + start + "...', got: " + r.err());
    }

    private static void assertOneLine(String err) {
        List<String> lines = new ArrayList<>(List.of(err.strip().split("\\R")));
        // The JVM's own log lines (backend choice) may come first; NNJ's error is the last, and alone.
        lines.removeIf(l -> l.startsWith("INFO:") || l.startsWith("WARNING:"));
        assertEquals(1, lines.size(), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
    }
}
