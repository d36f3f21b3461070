package org.nnj.examples.fuzz;

import java.nio.file.Path;
import org.nnj.api.DataFormatException;
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
     * size of the data that fills it. A reader that builds what the architecture describes before checking
     * it against the tensors in the file exceeds it.
     */
    static final long PER_BYTE = 64;
    /**
     * Finding F1 (docs/FUZZING.md, not fixed on this branch: it belongs to the reader-limits work): the
     * reader builds the model its architecture describes before it compares the tensors in the file with
     * the model's parameters, so a 1.8 KB file whose architecture says {@code "units": 4000000} allocates
     * 826 MB (and takes seconds) before it is rejected, and a bigger one runs out of memory. Tolerated,
     * unless {@code -Dnnj.fuzz.knownFindings=fail}: a read that fails on exactly that mismatch, or runs out
     * of memory while building the architecture, is not checked further. Remove once the reader checks the
     * architecture's shapes against the file first.
     */
    static final boolean TOLERATE_KNOWN_F1 = !"fail".equals(System.getProperty("nnj.fuzz.knownFindings"));
    private static final Registries REGISTRIES = Registries.fromServiceLoader();

    private ModelFileFuzzing() {
    }

    static void check(Path file, long length) {
        FuzzGuard.Outcome outcome = FuzzGuard.run(() -> ModelFile.read(file, REGISTRIES));
        if (TOLERATE_KNOWN_F1 && isKnownF1(outcome.thrown())) {
            return;
        }
        outcome.assertOnlyThrows(NnException.class)
                .assertAllocatedAtMost(CONSTANT + PER_BYTE * length, "1 MiB + 64 x " + length + " bytes")
                .assertFast();
    }

    /** A tensor rejected for the shape the rebuilt architecture gives it, or memory exhausted while building it. */
    private static boolean isKnownF1(Throwable thrown) {
        if (thrown instanceof DataFormatException && String.valueOf(thrown.getMessage()).contains("of the architecture gives it")) {
            return true;
        }
        if (thrown instanceof OutOfMemoryError) {
            for (StackTraceElement e : thrown.getStackTrace()) {
                if (e.getClassName().equals("org.nnj.core.io.Architecture") && e.getMethodName().equals("build")) {
                    return true;
                }
            }
        }
        return false;
    }
}
