package org.nnj.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.DataFormatException;

class IdxReaderTest {
    @TempDir
    Path dir;

    // ------------------------------------------------------------------ round trips

    @Test
    void unsignedBytesRoundTripPlainAndGzip() throws IOException {
        byte[] values = new byte[2 * 3 * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) (i * 11); // crosses 127, so the unsigned reading is tested
        }
        for (boolean gzip : new boolean[] {false, true}) {
            Path file = dir.resolve("images" + gzip);
            IdxWriter.writeUnsignedBytes(file, values, new int[] {2, 3, 4}, gzip);
            IdxArray read = IdxReader.read(file);
            assertEquals(IdxType.UNSIGNED_BYTE, read.type());
            assertArrayEquals(new int[] {2, 3, 4}, read.dims());
            assertArrayEquals(values, read.toUnsignedBytes());
            assertEquals(253, read.getInt(23)); // 23 * 11 = 253
            assertEquals(253f, read.getFloat(23));
        }
    }

    @Test
    void fileLayoutIsTheMnistOne() throws IOException {
        Path file = dir.resolve("labels");
        IdxWriter.writeUnsignedBytes(file, new byte[] {7, 2, (byte) 200}, new int[] {3}, false);
        byte[] expected = {0, 0, 0x08, 1, 0, 0, 0, 3, 7, 2, (byte) 200};
        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    @Test
    void gzipIsDetectedByContentNotByName() throws IOException {
        byte[] values = {1, 2, 3, 4, 5, 6};
        Path gzipWithoutSuffix = dir.resolve("compressed.idx");
        Path plainWithGzSuffix = dir.resolve("plain.gz");
        IdxWriter.writeUnsignedBytes(gzipWithoutSuffix, values, new int[] {2, 3}, true);
        IdxWriter.writeUnsignedBytes(plainWithGzSuffix, values, new int[] {2, 3}, false);
        assertEquals(0x1f, Files.readAllBytes(gzipWithoutSuffix)[0] & 0xFF);
        assertArrayEquals(values, IdxReader.read(gzipWithoutSuffix).toUnsignedBytes());
        assertArrayEquals(values, IdxReader.read(plainWithGzSuffix).toUnsignedBytes());
    }

    @Test
    void everyElementTypeRoundTripsBigEndian() throws IOException {
        ByteBuffer shorts = ByteBuffer.allocate(6).putShort((short) -2).putShort((short) 300).putShort((short) 7);
        ByteBuffer ints = ByteBuffer.allocate(8).putInt(-70000).putInt(123456);
        ByteBuffer doubles = ByteBuffer.allocate(16).putDouble(0.25).putDouble(-1e300);
        ByteBuffer signed = ByteBuffer.wrap(new byte[] {-1, 127, -128});
        IdxArray[] arrays = {
            new IdxArray(IdxType.SHORT, new int[] {3}, shorts.flip()),
            new IdxArray(IdxType.INT, new int[] {2, 1}, ints.flip()),
            new IdxArray(IdxType.DOUBLE, new int[] {1, 1, 2}, doubles.flip()),
            new IdxArray(IdxType.SIGNED_BYTE, new int[] {3}, signed),
            IdxArray.ofFloats(new float[] {1.5f, -0f, Float.MIN_VALUE, 3e38f}, 1, 2, 1, 2),
        };
        for (IdxArray array : arrays) {
            Path file = dir.resolve("t" + array.type().code());
            IdxWriter.write(file, array, true);
            assertEquals(array, IdxReader.read(file), array.toString());
        }
        assertArrayEquals(new int[] {-2, 300, 7}, arrays[0].toIntArray());
        assertArrayEquals(new int[] {-70000, 123456}, arrays[1].toIntArray());
        assertArrayEquals(new float[] {0.25f, Float.NEGATIVE_INFINITY}, arrays[2].toFloatArray());
        assertArrayEquals(new int[] {-1, 127, -128}, arrays[3].toIntArray());
        assertArrayEquals(new float[] {1.5f, -0f, Float.MIN_VALUE, 3e38f}, arrays[4].toFloatArray());
    }

    @Test
    void readsFromAStreamAndNamesIt() throws IOException {
        byte[] file = {0, 0, 0x08, 1, 0, 0, 0, 2, 9, 8};
        assertArrayEquals(new int[] {9, 8}, IdxReader.read(new ByteArrayInputStream(file), "res:/x").toIntArray());
        byte[] cut = Arrays.copyOf(file, 9);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.read(new ByteArrayInputStream(cut), "res:/x"));
        assertTrue(e.getMessage().startsWith("res:/x, offset 9: truncated"), e.getMessage());
    }

    @Test
    void sliceSharesTheFirstDimension() {
        IdxArray a = IdxArray.ofUnsignedBytes(new byte[] {0, 1, 2, 3, 4, 5, 6, 7}, 4, 2);
        IdxArray s = a.slice(1, 3);
        assertArrayEquals(new int[] {2, 2}, s.dims());
        assertArrayEquals(new byte[] {2, 3, 4, 5}, s.toUnsignedBytes());
    }

    // ------------------------------------------------------------------ malformed files

    @Test
    void emptyFile() throws IOException {
        assertFormatError(write("empty", new byte[0]), "offset 0: the input is empty");
    }

    @Test
    void headerCutShort() throws IOException {
        assertFormatError(write("short", new byte[] {0, 0, 8}), "offset 3: the input ends where the magic number");
    }

    @Test
    void wrongMagic() throws IOException {
        assertFormatError(write("magic", bytes("50 4b 03 04 00 00 00 01 00")), "offset 0: bad magic number 0x504B0304");
    }

    @Test
    void unknownType() throws IOException {
        assertFormatError(write("type", bytes("00 00 07 01 00 00 00 01 00")), "offset 2: unknown element type 0x07");
    }

    @Test
    void rankZeroAndRankFive() throws IOException {
        assertFormatError(write("rank0", bytes("00 00 08 00")), "offset 3: rank 0 is not supported");
        assertFormatError(write("rank5", bytes("00 00 08 05 00 00 00 01 00 00 00 01 00 00 00 01 00 00 00 01"
                + " 00 00 00 01 00")), "offset 3: rank 5 is not supported");
    }

    @Test
    void zeroAndNegativeDimensions() throws IOException {
        assertFormatError(write("zero", bytes("00 00 08 02 00 00 00 02 00 00 00 00")),
                "offset 8: dimension 1 is 0; dimensions must be at least 1");
        assertFormatError(write("negative", bytes("00 00 08 01 ff ff ff fe")),
                "offset 4: dimension 0 is -2");
    }

    @Test
    void sizeOverflow() throws IOException {
        // 65536 x 65536 unsigned bytes: 4 GiB, more than an array holds.
        assertFormatError(write("huge", bytes("00 00 08 02 00 01 00 00 00 01 00 00")),
                "offset 8: dimensions [65536, 65536] of 1-byte elements need more than 2^31-9 bytes");
        // 2^29 floats: 2 GiB of bytes though fewer than 2^31 elements.
        assertFormatError(write("hugefloats", bytes("00 00 0d 01 20 00 00 00")),
                "offset 4: dimensions [536870912] of 4-byte elements");
    }

    @Test
    void dimensionsCutShort() throws IOException {
        assertFormatError(write("dims", bytes("00 00 08 03 00 00 00 02 00 00")),
                "offset 10: the input ends where dimension 1 of 3 (a big-endian int) was expected");
    }

    @Test
    void truncatedData() throws IOException {
        Path file = write("truncated", bytes("00 00 08 02 00 00 00 03 00 00 00 04 01 02 03 04 05"));
        assertFormatError(file, "offset 17: truncated: the header promises 12 bytes of data (dimensions [3, 4],"
                + " type 0x08 (unsigned byte)) from offset 12, but the input ends after 5 of them");
    }

    @Test
    void truncatedDataInsideAValidGzipStream() throws IOException {
        Path file = dir.resolve("truncated.gz");
        Files.write(file, gzip(bytes("00 00 0c 01 00 00 00 03 00 00 00 01 00 00")));
        assertFormatError(file, "offset 14 of the decompressed data: truncated: the header promises 12 bytes"
                + " of data (dimensions [3], type 0x0C (int)) from offset 8, but the input ends after 6 of them");
    }

    @Test
    void gzipStreamCutShort() throws IOException {
        byte[] content = new byte[8 + 5000];
        new java.util.SplittableRandom(1).nextBytes(content); // incompressible, so the cut lands in the data
        System.arraycopy(bytes("00 00 08 01 00 00 13 88"), 0, content, 0, 8);
        byte[] compressed = gzip(content);
        Path file = dir.resolve("cut.gz");
        Files.write(file, Arrays.copyOf(compressed, compressed.length / 2));
        DataFormatException e = assertFormatError(file, "the compressed data ends early");
        assertTrue(e.getMessage().contains("of the decompressed data"), e.getMessage());
    }

    @Test
    void damagedGzip() throws IOException {
        byte[] compressed = gzip(bytes("00 00 08 01 00 00 00 04 01 02 03 04"));
        compressed[compressed.length - 6] ^= 0x55; // the CRC in the trailer
        Path file = dir.resolve("crc.gz");
        Files.write(file, compressed);
        assertFormatError(file, "damaged gzip data");

        Path header = dir.resolve("header.gz");
        Files.write(header, bytes("1f 8b 00"));
        assertFormatError(header, "offset 0: starts with the gzip magic bytes 1f 8b but its gzip header is damaged");
    }

    @Test
    void trailingGarbageIsAnError() throws IOException {
        byte[] content = bytes("00 00 08 01 00 00 00 02 01 02 99 98 97");
        assertFormatError(write("trailing", content), "offset 10: unexpected bytes after the end of the 2 bytes"
                + " of data (dimensions [2], type 0x08 (unsigned byte)): 3 more");
        Path gz = dir.resolve("trailing.gz");
        Files.write(gz, gzip(content));
        assertFormatError(gz, "offset 10 of the decompressed data: unexpected bytes after the end");
    }

    @Test
    void missingFileIsAnIoError() {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> IdxReader.read(dir.resolve("absent")));
    }

    // ------------------------------------------------------------------ helpers

    private DataFormatException assertFormatError(Path file, String expected) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ", offset "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + e.getMessage());
        return e;
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private static byte[] bytes(String hex) {
        String[] parts = hex.trim().split("\\s+");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }
}
