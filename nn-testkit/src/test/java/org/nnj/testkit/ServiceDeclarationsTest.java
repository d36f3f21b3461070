package org.nnj.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.core.backend.ScalarBackendProvider;

class ServiceDeclarationsTest {
    private static final String SPI = "org.nnj.api.spi.ComputeBackendProvider";

    @TempDir
    Path dir;

    /** nn-core's module-info, which provides the scalar backend; nn-core is a jar or a classes folder. */
    private static byte[] coreModuleInfo() throws IOException, URISyntaxException {
        Path core = Path.of(ScalarBackendProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(core)) {
            return Files.readAllBytes(core.resolve("module-info.class"));
        }
        try (FileSystem jar = FileSystems.newFileSystem(core)) {
            return Files.readAllBytes(jar.getPath("module-info.class"));
        }
    }

    private Path plugin(String serviceFile) throws Exception {
        Files.write(dir.resolve("module-info.class"), coreModuleInfo());
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        if (serviceFile != null) {
            Files.writeString(services.resolve(SPI), serviceFile);
        }
        return dir;
    }

    @Test
    void nnCoreDeclaresItsBackendBothWays() {
        ServiceDeclarations.assertAgree(ScalarBackendProvider.class);
    }

    @Test
    void aProviderOnlyInTheServiceFileIsMissingOnTheModulePath() throws Exception {
        Path p = plugin("# comment\norg.nnj.core.backend.ScalarBackendProvider\ncom.acme.FastBackendProvider # new\n");
        AssertionError e = assertThrows(AssertionError.class, () -> ServiceDeclarations.assertAgree(p));
        assertTrue(e.getMessage().contains("com.acme.FastBackendProvider is in META-INF/services/" + SPI
                + " but not in module org.nnj.core's 'provides"), e.getMessage());
    }

    @Test
    void aProviderOnlyInTheDescriptorIsMissingOnTheClassPath() throws Exception {
        Path p = plugin(null);
        AssertionError e = assertThrows(AssertionError.class, () -> ServiceDeclarations.assertAgree(p));
        assertTrue(e.getMessage().contains("missing on the class path"), e.getMessage());
    }

    @Test
    void withoutAModuleDescriptorItSaysSo() throws IOException {
        AssertionError e = assertThrows(AssertionError.class, () -> ServiceDeclarations.assertAgree(dir));
        assertTrue(e.getMessage().contains("has no module-info.class"), e.getMessage());
    }
}
