package org.nnj.examples.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nnj.fixtures.FuzzGuard;
import org.nnj.core.io.ModelFile;
import org.nnj.core.registry.Registries;

/**
 * Fuzzes {@link ModelFile#read(Path, Registries)}, what {@code ./nn predict} and {@code train --resume}
 * load, on raw file bytes, with the real plugins (nn-layers, nn-optimizers: hence here and not in nn-core).
 * Seeds: an MLP with class names, a small CNN with convolution, batch norm, pooling and flatten, and a
 * checkpoint of that CNN with Adam's state and the training progress ({@code ModelFileFuzzTestInputs/read/},
 * written by {@link FuzzSeedFiles}); the fuzzer mutates these valid files.
 *
 * <p>Asserted for every input ({@link ModelFileFuzzing#check}): only the {@link org.nnj.api.NnException}
 * family escapes (the method documents {@link org.nnj.api.DataFormatException} and
 * {@link org.nnj.api.ProviderException}; a plugin rejecting its saved config is a
 * {@link org.nnj.api.ConfigException}; its {@code IOException} is for files that cannot be read, which a
 * freshly written local file can, so it counts as a finding); the allocation is at most 1 MiB + 64 bytes
 * per byte of the file; one read takes under {@value FuzzGuard#MAX_MILLIS} ms.
 */
class ModelFileFuzzTest {
    private static final Path FILE = FuzzGuard.tempFile(".safetensors");

    @FuzzTest(maxDuration = "3s")
    void read(byte[] file) throws IOException {
        Files.write(FILE, file);
        ModelFileFuzzing.check(FILE, file.length);
    }
}
