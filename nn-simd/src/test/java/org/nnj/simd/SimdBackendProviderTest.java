package org.nnj.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.spi.ComputeBackendProvider;
import org.nnj.simd.species.Species;

class SimdBackendProviderTest {
    private final SimdBackendProvider provider = new SimdBackendProvider();

    @Test
    void isFoundByTheServiceLoaderUnderItsName() {
        List<String> names = ServiceLoader.load(ComputeBackendProvider.class).stream()
                .map(p -> p.get().name()).collect(Collectors.toList());
        assertTrue(names.contains("simd"), names.toString());
        assertEquals(100, provider.priority());
    }

    @Test
    void isAvailableWhenTheVectorModuleIsLoaded() {
        assertEquals("", provider.unavailableReason().orElse(""));
    }

    @Test
    void readsThreadsAndConfirmsBits() {
        ComputeBackend defaults = provider.create(Config.empty());
        assertEquals(Runtime.getRuntime().availableProcessors(), defaults.threads());
        assertEquals("simd", defaults.name());
        ComputeBackend two = provider.create(Config.of("threads", 2, "bits", Species.FLOAT.vectorBitSize()));
        assertEquals(2, two.threads());
        assertEquals("simd (" + Species.FLOAT.vectorBitSize() + "-bit, 2 threads)", two.description());
    }

    @Test
    void rejectsBadConfigsNamingTheKey() {
        ConfigException zero = assertThrows(ConfigException.class, () -> provider.create(Config.of("threads", 0)));
        assertTrue(zero.getMessage().contains("'threads'"), zero.getMessage());
        ConfigException typo = assertThrows(ConfigException.class, () -> provider.create(Config.of("thread", 2)));
        assertTrue(typo.getMessage().contains("thread"), typo.getMessage());
        int other = Species.FLOAT.vectorBitSize() == 512 ? 256 : 512;
        ConfigException bits = assertThrows(ConfigException.class, () -> provider.create(Config.of("bits", other)));
        assertTrue(bits.getMessage().contains(Species.BITS_PROPERTY), bits.getMessage());
    }

    @Test
    void rejectsAVectorWidthPropertyItCannotHonour() throws Exception {
        String out = runProbe(BadSettingsProbe.class, "--add-modules", "jdk.incubator.vector",
                "-D" + SimdSettings.BITS + "=128");
        // (after the JVM's warning that an incubator module is in use)
        assertTrue(out.lines().anyMatch(line -> line.startsWith("ConfigException: compute backend 'simd': system"
                + " property " + SimdSettings.BITS + " must be 256 or 512")), out);
        assertTrue(out.contains("got \"128\""), out);
    }

    /** Runs {@code probe}'s main method in a new JVM on this class path and returns what it printed. */
    private static String runProbe(Class<?> probe, String... jvmOptions) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), probe.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /**
     * In a JVM started without {@code --add-modules jdk.incubator.vector}, the service loader must still
     * load the provider (it touches no Vector API class), and the provider must say how to enable it.
     */
    @Test
    void loadsAndExplainsItselfInAJvmWithoutTheVectorModule() throws Exception {
        String out = runProbe(NoVectorModuleProbe.class);
        assertTrue(out.contains("simd unavailable: ") && out.contains("--add-modules jdk.incubator.vector"), out);
    }
}
