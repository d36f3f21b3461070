package org.nnj.examples.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --plugin} in a real {@code java} process with NNJ on the module path, as {@code ./nn} runs it: the
 * jars load as a module layer, a modular one with its {@code provides}, a plain one as an automatic module.
 */
class PluginModulePathTest {

    private record Result(int exitCode, String out) {
    }

    /** {@code java --module-path (target/classes + runtime jars) -m org.nnj.examples/...Main ARGS}, stdout and stderr together. */
    private static Result nn(String... args) throws IOException, InterruptedException {
        Path file = Path.of("target", "module-path.txt");
        assertTrue(Files.isRegularFile(file), file.toAbsolutePath() + " is missing; run the build through Maven");
        String modulePath = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(file).strip();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath, "-m", "org.nnj.examples/org.nnj.examples.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "did not finish: " + command);
        return new Result(p.exitValue(), out);
    }

    @Test
    void aModularAndAPlainPluginLoadAsModulesAndNameTheirJars(@TempDir Path dir) throws Exception {
        Path modular = PluginJars.modular(dir, "softsign-modular.jar", "com.acme.modular", PluginJars.SOFTSIGN);
        Path plain = PluginJars.plain(dir, "softer-plain.jar", "com.acme.plain", "softer");
        Result r = nn("--plugin", modular.toString(), "--plugin", plain.toString(), "plugins");
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("  softsign               v1  com.acme.modular.Provider"
                + "  [module com.acme.modular, softsign-modular.jar]"), r.out());
        // A plain jar becomes an automatic module named after the file.
        assertTrue(r.out().contains("  softer                 v1  com.acme.plain.Provider"
                + "  [module softer.plain, softer-plain.jar]"), r.out());
        assertTrue(r.out().contains("[module org.nnj.layers, "), "the built-ins stay: " + r.out());
    }

    @Test
    void trainWithAPluginThenPredictWithoutAndWithIt(@TempDir Path dir) throws Exception {
        Path jar = PluginJars.modular(dir, "softsign-modular.jar", "com.acme.modular", PluginJars.SOFTSIGN);
        Path model = dir.resolve("m.safetensors");
        Result train = nn("--plugin", jar.toString(), "train", "--activation", "softsign", "--limit", "200",
                "--epochs", "1", "--threads", "1", "--validation", "0", "--save", model.toString());
        assertEquals(0, train.exitCode(), train.out());
        assertTrue(Files.isRegularFile(model) && train.out().contains("model saved to " + model), train.out());

        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        try (var in = PluginModulePathTest.class.getResourceAsStream("/org/nnj/examples/data/t10k-images-idx3-ubyte.gz")) {
            Files.copy(in, images);
        }
        Result without = nn("predict", "--model", model.toString(), "--images", images.toString(), "--count", "2");
        assertEquals(1, without.exitCode(), without.out());
        assertTrue(without.out().contains("nn: " + model + ": unknown activation 'softsign'")
                && without.out().contains("com.acme.modular.Provider (from module com.acme.modular in softsign-modular.jar)"),
                without.out());
        assertFalse(without.out().contains("\tat "), without.out());

        Result with = nn("--plugin", jar.toString(), "predict", "--model", model.toString(), "--images",
                images.toString(), "--count", "2");
        assertEquals(0, with.exitCode(), with.out());
        assertTrue(with.out().contains("t10k-images-idx3-ubyte.gz[1]:"), with.out());
    }

    @Test
    void errorsAreOneLineWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path notAPlugin = PluginJars.notAPlugin(dir, "util.jar");
        Result r = nn("--plugin", notAPlugin.toString(), "plugins");
        assertEquals(1, r.exitCode(), r.out());
        assertTrue(r.out().contains("nn: plugin " + notAPlugin + " is not an NNJ plugin"), r.out());
        assertFalse(r.out().contains("\tat ") || r.out().contains("Exception"), r.out());

        Path duplicate = PluginJars.plain(dir, "my-relu.jar", "com.acme.relu", "relu");
        Result d = nn("--plugin", duplicate.toString(), "plugins");
        assertEquals(1, d.exitCode(), d.out());
        assertTrue(d.out().contains("nn: two activation providers are named 'relu': ")
                && d.out().contains("nn-layers") && d.out().contains("my-relu.jar"), d.out());
        assertFalse(d.out().contains("\tat "), d.out());
    }
}
