package org.nnj.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.nnj.api.NnException;
import org.nnj.fixtures.FuzzGuard;

/**
 * Fuzzes {@link Architecture#fromJson}, the parser of the {@code nnj.architecture} JSON inside model files
 * (its layer configs go through {@code Json.toConfig}). Seeds: the architectures of the real model files
 * of {@link SafetensorsFuzzTest} and a few edge cases ({@code ArchitectureJsonFuzzTestInputs/parse/}).
 * Building the parsed architecture is fuzzed through whole model files in nn-examples'
 * {@code ModelFileFuzzTest}, which has the real plugins.
 *
 * <p>Asserted for every input: only the {@link NnException} family escapes (the method documents
 * {@link org.nnj.api.DataFormatException}; a config value it cannot hold is a
 * {@link org.nnj.api.ConfigException}); the allocation is at most 1 MiB + 64 bytes per input byte (the
 * text as a string, Jackson's tree, the configs: see {@link SafetensorsFuzzTest}); one parse takes under
 * {@value FuzzGuard#MAX_MILLIS} ms.
 */
class ArchitectureJsonFuzzTest {
    @FuzzTest(maxDuration = "3s")
    void parse(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        FuzzGuard.run(() -> Architecture.fromJson(text, "fuzz"))
                .assertOnlyThrows(NnException.class)
                .assertAllocatedAtMost(SafetensorsFuzzTest.CONSTANT + SafetensorsFuzzTest.PER_BYTE * json.length,
                        "1 MiB + 64 x " + json.length + " bytes")
                .assertFast();
    }
}
