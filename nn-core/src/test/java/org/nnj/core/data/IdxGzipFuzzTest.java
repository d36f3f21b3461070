package org.nnj.core.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/**
 * Fuzzes the gzip path of {@link IdxReader#read(java.nio.file.Path)} with valid gzip streams: the fuzzer
 * mutates the decompressed IDX bytes and the test compresses them, so that every input gets past the
 * inflater into the parser (mutating compressed bytes directly mostly breaks the stream, which
 * {@link IdxReaderFuzzTest} covers). Seeds: the IDX files of {@link IdxReaderFuzzTest}, uncompressed.
 *
 * <p>Asserted: as in {@link IdxReaderFuzzTest}, the bound counting the decompressed bytes.
 */
class IdxGzipFuzzTest {
    @FuzzTest(maxDuration = "3s")
    void read(byte[] idx) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(idx.length / 2 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(idx);
        }
        IdxFuzzing.check(out.toByteArray());
    }
}
