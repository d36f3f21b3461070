package org.nnj.core.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Fuzzes {@link IdxReader#read(java.nio.file.Path)} on raw file bytes, plain or gzip (the reader goes by the
 * magic bytes). Seeds: small IDX files of every element type and rank, one gzip-compressed
 * ({@code IdxReaderFuzzTestInputs/read/}).
 *
 * <p>Asserted for every input ({@link IdxFuzzing#check}): only the {@link org.nnj.api.NnException} family
 * escapes (a {@link org.nnj.api.DataFormatException} for a bad file; {@code IOException} is documented only
 * for failures to read, which a freshly written local file does not have, so it counts as a finding too);
 * the allocation is at most 1 MiB + 4 bytes per byte the reader sees; one read takes under 3 s.
 */
class IdxReaderFuzzTest {
    @FuzzTest(maxDuration = "3s")
    void read(byte[] file) throws IOException {
        IdxFuzzing.check(file);
    }
}
