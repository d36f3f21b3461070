package org.nnj.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.DataFormatException;

/**
 * IDX readers never allocate much more than the data they have read (issue 11): a compressed file whose
 * header promises more than its length can plausibly hold fails right after the header, a lying stream
 * fails when its data runs out, and {@link IdxReader#readFirst} reads only the examples it is asked for.
 */
class IdxLimitsTest {
    @TempDir
    Path dir;

    /** An IDX header of unsigned bytes with {@code dims}, then {@code dataBytes} zero bytes, gzip-compressed. */
    private static byte[] gzipIdx(int[] dims, int dataBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.write(new byte[] {0, 0, 0x08, (byte) dims.length});
            for (int d : dims) {
                out.writeInt(d);
            }
            byte[] block = new byte[1 << 16];
            for (int left = dataBytes; left > 0; left -= block.length) {
                out.write(block, 0, Math.min(left, block.length));
            }
        }
        return bytes.toByteArray();
    }

    /** {@code action} throws a DataFormatException within a second, allocating less than {@code bound} bytes. */
    private static String failsSmall(Executable action, long bound) {
        // Once unmeasured: the first call of a run also loads classes (FashionMnist's, the gzip stream's),
        // whose allocation depends on which tests ran before, not on the file.
        assertThrows(DataFormatException.class, action);
        long before = allocatedByThisThread();
        long start = System.nanoTime();
        DataFormatException e = assertThrows(DataFormatException.class, action);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long allocated = allocatedByThisThread() - before;
        assertTrue(millis < 2000, "took " + millis + " ms: " + e.getMessage());
        assertTrue(allocated < bound, "allocated " + allocated + " bytes: " + e.getMessage());
        return e.getMessage();
    }

    /** {@code getThreadAllocatedBytes} through reflection: nn-core's module does not read jdk.management. */
    static long allocatedByThisThread() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            return (Long) Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getThreadAllocatedBytes", long.class).invoke(bean, Thread.currentThread().getId());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot measure allocation", e);
        }
    }

    @Test
    void aCompressedFileClaimingMillionsOfImagesFailsAfterItsHeader() throws IOException {
        // The header says 2.7 million 28x28 images (2.1 GB); the file holds 4 MB of zeros in a few KB.
        Path file = Files.write(dir.resolve("bomb-images-idx3-ubyte.gz"), gzipIdx(new int[] {2_700_000, 28, 28}, 4 << 20));
        String m = failsSmall(() -> IdxReader.read(file), 2L << 20);
        assertTrue(m.startsWith(file + ", offset 16 of the decompressed data: the header promises 2116800000 bytes"), m);
        assertTrue(m.contains("compressed length of " + Files.size(file) + " bytes")
                && m.contains("at most " + IdxReader.MAX_GZIP_RATIO + " times"), m);
        // Asking for the first two images does not make a lying header acceptable.
        failsSmall(() -> IdxReader.readFirst(file, 2), 2L << 20);
        failsSmall(() -> IdxReader.dimensions(file), 2L << 20);
    }

    @Test
    void aCompressedLabelFileClaimingABillionLabelsFailsAfterItsHeader() throws IOException {
        Path file = Files.write(dir.resolve("bomb-labels-idx1-ubyte.gz"), gzipIdx(new int[] {1_000_000_000}, 1000));
        Path images = dir.resolve("images.gz");
        IdxWriter.writeUnsignedBytes(images, new byte[40], new int[] {10, 2, 2}, true);
        String m = failsSmall(() -> FashionMnist.load(images, file, false, 10), 2L << 20);
        assertTrue(m.startsWith(file.toString()), m);
        String direct = failsSmall(() -> IdxReader.read(file), 2L << 20);
        assertTrue(direct.contains("the header promises 1000000000 bytes"), direct);
    }

    @Test
    void aSmallCompressedFileMayPromiseUpToTheFreeAllowance() throws IOException {
        // Sorted labels compress far beyond the ratio; under 64 MB that is accepted.
        Path file = Files.write(dir.resolve("labels.gz"), gzipIdx(new int[] {1 << 20}, 1 << 20));
        assertTrue(Files.size(file) * IdxReader.MAX_GZIP_RATIO < (1 << 20), "the test file compresses beyond the ratio");
        assertEquals(1 << 20, IdxReader.read(file).dim(0));
    }

    @Test
    void aLyingStreamFailsWhenItsDataRunsOutHavingAllocatedLittle() throws IOException {
        byte[] gz = gzipIdx(new int[] {2_700_000, 28, 28}, 100_000);
        String m = failsSmall(() -> IdxReader.read(new ByteArrayInputStream(gz), "stream"), 24L << 20);
        assertTrue(m.startsWith("stream, offset 100016 of the decompressed data: truncated"), m);
    }

    @Test
    void readFirstReadsOnlyTheFirstExamples() throws IOException {
        byte[] values = new byte[1000 * 6];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) (i * 7);
        }
        for (boolean gzip : new boolean[] {false, true}) {
            Path file = dir.resolve("images" + gzip);
            IdxWriter.writeUnsignedBytes(file, values, new int[] {1000, 2, 3}, gzip);
            IdxArray first = IdxReader.readFirst(file, 10);
            assertArrayEquals(new int[] {10, 2, 3}, first.dims());
            assertArrayEquals(Arrays.copyOf(values, 60), first.toUnsignedBytes());
            assertArrayEquals(new int[] {1000, 2, 3}, IdxReader.readFirst(file, 5000).dims(), "all when fewer");
            assertArrayEquals(new int[] {1000, 2, 3}, IdxReader.dimensions(file));
            try (InputStream in = Files.newInputStream(file)) {
                assertArrayEquals(Arrays.copyOf(values, 12), IdxReader.readFirst(in, "s", 2).toUnsignedBytes());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> IdxReader.readFirst(dir.resolve("imagesfalse"), 0));
    }

    @Test
    void readFirstAllocatesForWhatItReads() throws IOException {
        Path file = dir.resolve("big");
        IdxWriter.writeUnsignedBytes(file, new byte[20_000 * 784], new int[] {20_000, 28, 28}, true);
        IdxReader.readFirst(file, 1); // warm up
        long before = allocatedByThisThread();
        IdxArray first = IdxReader.readFirst(file, 100);
        long allocated = allocatedByThisThread() - before;
        assertEquals(100, first.dim(0));
        assertTrue(allocated < 2L << 20, "reading 100 of 20,000 images allocated " + allocated + " bytes");
    }

    @Test
    void readFirstStillRefusesAPlainFileShorterThanItsHeader() throws IOException {
        Path file = dir.resolve("short");
        IdxWriter.writeUnsignedBytes(file, new byte[10 * 4], new int[] {10, 2, 2}, false);
        byte[] bytes = Files.readAllBytes(file);
        bytes[7] = 100; // now claims 100 images
        Files.write(file, bytes);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readFirst(file, 2));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void fashionMnistWithALimitReadsOnlyThatMany() throws IOException {
        int n = 3000;
        byte[] pixels = new byte[n * 4];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
            pixels[i * 4] = (byte) i;
        }
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        Path labelFile = dir.resolve("train-labels-idx1-ubyte.gz");
        IdxWriter.writeUnsignedBytes(images, pixels, new int[] {n, 2, 2}, true);
        IdxWriter.writeUnsignedBytes(labelFile, labels, new int[] {n}, true);
        InMemoryDataset limited = FashionMnist.loadSplit(dir, "train", true, 2000);
        assertEquals(2000, limited.size());
        assertEquals(n, FashionMnist.loadSplit(dir, "train", true, 5000).size());

        // The headers must still agree, even when the first examples are all that is read.
        IdxWriter.writeUnsignedBytes(labelFile, Arrays.copyOf(labels, n - 1), new int[] {n - 1}, true);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> FashionMnist.loadSplit(dir, "train", true, 10));
        assertTrue(e.getMessage().contains("holds 3000 images but") && e.getMessage().contains("2999 labels"),
                e.getMessage());
    }
}
