package org.nnj.examples.fuzz;

import java.nio.file.Path;
import org.nnj.fixtures.FuzzGuard;
import org.nnj.api.NnException;
import org.nnj.core.io.ModelFile;
import org.nnj.core.registry.Registries;

/** The call and checks that {@link ModelFileFuzzTest} and {@link ModelFileMetadataFuzzTest} share. */
final class ModelFileFuzzing {
    /** A read's fixed cost: the reader's chunk buffer, Jackson's buffers, building the model's objects. */
    static final long CONSTANT = 1 << 20;
    /**
     * Bytes per byte of file: the header held twice and decoded twice to check UTF-8, Jackson's tree (up to
     * about 20 bytes per byte of dense JSON), the metadata's JSON parsed again, the tensors' floats, and the
     * model built from them: its parameters and their gradients, the optimizer's state, each at most the
     * size of the data that fills them. A reader that builds what the architecture describes before checking
     * it against the tensors in the file exceeds it (finding F1, docs/FUZZING.md: {@code finding-f1-*}
     * in the corpora).
     */
    static final long PER_BYTE = 64;
    private static final Registries REGISTRIES = Registries.fromServiceLoader();

    private ModelFileFuzzing() {
    }

    static void check(Path file, long length) {
        FuzzGuard.run(() -> ModelFile.read(file, REGISTRIES))
                .assertOnlyThrows(NnException.class)
                .assertAllocatedAtMost(CONSTANT + PER_BYTE * length, "1 MiB + 64 x " + length + " bytes")
                .assertFast();
    }
}
