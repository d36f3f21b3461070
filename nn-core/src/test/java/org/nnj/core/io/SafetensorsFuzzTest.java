package org.nnj.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nnj.api.NnException;
import org.nnj.fixtures.FuzzGuard;

/**
 * Fuzzes {@link Safetensors#read}, the container of model files, on raw file bytes. Seeds: real model
 * files (an MLP, a CNN with convolution, pooling and batch norm, a checkpoint with Adam's state), and a
 * few small containers ({@code SafetensorsFuzzTestInputs/read/}).
 *
 * <p>Asserted for every input: only the {@link NnException} family escapes ({@code IOException} is
 * documented for files that cannot be read, which a freshly written local file can; so it counts as a
 * finding); the allocation is at most {@value #CONSTANT} + {@value #PER_BYTE} bytes per byte of the file;
 * one read takes under {@value FuzzGuard#MAX_MILLIS} ms.
 *
 * <p>Why 64 per byte: the reader holds the header bytes twice (read, then copied), decodes them to check
 * UTF-8 (two bytes per char, twice when it looks for the first bad byte), and Jackson's tree costs up to
 * about 20 bytes per input byte for the densest JSON ({@code [0,0,0,...]}: a node and a list slot per two
 * bytes); the tensors' floats are the size of their data. A reader that believed a shape or an offset
 * before checking it against the file's size would allocate far more.
 */
class SafetensorsFuzzTest {
    static final long CONSTANT = 1 << 20;
    static final long PER_BYTE = 64;
    private static final Path FILE = FuzzGuard.tempFile(".safetensors");

    @FuzzTest(maxDuration = "3s")
    void read(byte[] file) throws IOException {
        Files.write(FILE, file);
        FuzzGuard.run(() -> Safetensors.read(FILE))
                .assertOnlyThrows(NnException.class)
                .assertAllocatedAtMost(CONSTANT + PER_BYTE * file.length, "1 MiB + 64 x " + file.length + " bytes")
                .assertFast();
    }
}
