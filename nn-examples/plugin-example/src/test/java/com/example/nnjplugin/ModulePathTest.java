package com.example.nnjplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
 * The plugin on the module path, next to NNJ's modules: {@code ./nn plugins} finds it through its
 * {@code provides} clauses (no META-INF/services is read for named modules), and {@code ./nn predict} loads
 * and runs a model file that needs its layer and activation.
 */
class ModulePathTest {
    private static final String MAIN = "org.nnj.examples/org.nnj.examples.Main";

    @TempDir
    Path dir;

    /** This plugin's classes (an exploded module), nn-examples and their dependencies. */
    private static String modulePath() throws IOException {
        Path file = Path.of("target", "module-path.txt");
        assertTrue(Files.isRegularFile(file), file.toAbsolutePath() + " is missing; run the build through Maven");
        List<String> entries = new ArrayList<>();
        entries.add(Path.of("target", "classes").toAbsolutePath().toString());
        entries.addAll(List.of(Files.readString(file).strip().split(File.pathSeparator)));
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
        // Each line names the module, then where it is (here the exploded classes directory).
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
        Registries registries = Registries.fromServiceLoader();
        Sequential model = Sequential.builder(Shape.of(784)).registries(registries).seed(1)
                .add("dense", Config.of("units", 32))
                .add("swish", Config.of("beta", 1.5))
                .add("scale_shift", Config.empty())
                .add("dense", Config.of("units", 10))
                .build();
        Path file = dir.resolve("plugin-model.safetensors");
        ModelFile.save(file, Checkpoint.of(model).withLoss(registries.loss("softmax_cross_entropy", Config.empty()))
                .withClassNames(FashionMnist.CLASS_NAMES), registries);
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        try (InputStream in = FashionMnist.class.getResourceAsStream("/org/nnj/examples/data/t10k-images-idx3-ubyte.gz")) {
            Files.copy(in, images);
        }

        String out = run("predict", "--model", file.toString(), "--images", images.toString(), "--count", "2",
                "--top", "1", "--threads", "1");
        assertTrue(out.matches("(?s).*t10k-images-idx3-ubyte\\.gz\\[1\\]:  [A-Za-z/ -]+ 0\\.\\d{4}.*"), out);
    }
}
