package org.nnj.core.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.nnj.api.NnException;
import org.nnj.fixtures.FuzzGuard;

/** What {@link IdxReaderFuzzTest} and {@link IdxGzipFuzzTest} share: the call, its checks and their bounds. */
final class IdxFuzzing {
    /**
     * Fixed cost of one read: the 64 KiB stream buffers (two for gzip), the inflater, the header, messages.
     */
    static final long CONSTANT = 1 << 20;
    /**
     * Bytes allowed per byte of (decompressed) input: the data array once, its copies while it grows by
     * doubling (at most once more in total), and room to spare; a reader that allocates what the header
     * promises rather than what the input holds exceeds it as soon as the promise is a few times the input.
     */
    static final long PER_BYTE = 4;
    /** Decompressed bytes counted at most when sizing the bound (beyond it the bound is generous anyway). */
    private static final long COUNT_LIMIT = 256L << 20;

    private static final Path FILE = FuzzGuard.tempFile(".idx");

    private IdxFuzzing() {
    }

    /**
     * Writes {@code bytes} to a file and reads it with {@link IdxReader#read(Path)}: only
     * {@link NnException}s may escape, the allocation stays within {@link #CONSTANT} + {@link #PER_BYTE}
     * per byte the reader gets to see (the file's bytes, or for gzip input the decompressed ones), and one
     * read is fast.
     */
    static void check(byte[] bytes) throws IOException {
        Files.write(FILE, bytes);
        boolean gzip = bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1f && (bytes[1] & 0xFF) == 0x8b;
        long seen = gzip ? Math.max(bytes.length, decompressedLength(bytes)) : bytes.length;
        long bound = CONSTANT + PER_BYTE * seen;
        String how = "1 MiB + 4 x " + seen + (gzip ? " decompressed" : "") + " bytes";
        FuzzGuard.run(() -> IdxReader.read(FILE))
                .assertOnlyThrows(NnException.class)
                .assertAllocatedAtMost(bound, how)
                .assertFast();
    }

    /** How many bytes a gzip stream yields before it ends or breaks, counted up to {@link #COUNT_LIMIT}. */
    private static long decompressedLength(byte[] gzip) {
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            for (int n; total < COUNT_LIMIT && (n = in.read(buffer)) > 0; ) {
                total += n;
            }
        } catch (IOException e) {
            // Damaged: what came out before counts.
        }
        return total;
    }
}
