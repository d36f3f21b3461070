package org.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * The program on the module path: {@code java --module-path ... -m org.nnj.examples/...}, with every NNJ
 * module and dependency as a module (the build writes the path to target/module-path.txt). The plugins are
 * found through the modules' {@code provides}, not META-INF/services, and Guice works with NNJ's modules.
 */
class ModulePathTest {

    /** This module's classes (an exploded module) and its runtime dependencies. */
    static String modulePath() throws IOException {
        Path file = Path.of("target", "module-path.txt");
        assertTrue(Files.isRegularFile(file), file.toAbsolutePath() + " is missing; run the build through Maven");
        List<String> entries = new ArrayList<>();
        entries.add(Path.of("target", "classes").toAbsolutePath().toString());
        entries.addAll(List.of(Files.readString(file).strip().split(File.pathSeparator)));
        return String.join(File.pathSeparator, entries);
    }

    /** Runs {@code java --module-path PATH -m MODULE/CLASS ARGS} and returns its output (stdout and stderr). */
    static String runModule(String modulePath, String main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath, "-m", main));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "did not finish: " + command);
        assertEquals(0, p.exitValue(), "exit code of " + String.join(" ", command) + "\n" + out);
        return out;
    }

    @Test
    void theXorDemoRunsOnTheModulePath() throws Exception {
        String out = runModule(modulePath(), "org.nnj.examples/org.nnj.examples.Main", "xor", "--threads", "1");
        assertTrue(out.contains("4 of 4 points classified correctly"), out);
    }

    @Test
    void thePluginsComeFromTheirModules() throws Exception {
        String out = runModule(modulePath(), "org.nnj.examples/org.nnj.examples.Main", "plugins");
        // The module, then its jar (or classes directory).
        assertTrue(out.matches("(?s).*  dense +v1  org\\.nnj\\.layers\\.dense\\.DenseProvider  \\[module org\\.nnj\\.layers, nn-layers[^\\]]*\\].*"), out);
        assertTrue(out.contains("[module org.nnj.optimizers, nn-optimizers") && out.contains("[module org.nnj.core, nn-core"), out);
    }

    @Test
    void theGuiceExampleRunsOnTheModulePath() throws Exception {
        String out = runModule(modulePath(), "org.nnj.examples/org.nnj.examples.guice.GuiceExample");
        // The layers found depend on what nn-layers holds (conv2d and the rest came later): check that the
        // example's own "scale" joins the built-ins, not the whole list.
        assertTrue(out.matches("(?s).*with Guice: \\[activation, [^\\]]*\\bdense\\b[^\\]]*\\bscale\\b[^\\]]*\\]"
                + " on scalar \\(1 thread\\).*"), out);
    }
}
