package org.nnj.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.DataFormatException;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

class SafetensorsTest {
    @TempDir
    Path dir;

    /** A file laid out by hand, independently of the writer: length, header, data. */
    static byte[] file(String header, float... data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        for (float f : data) {
            b.putFloat(f);
        }
        return b.array();
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("t.safetensors"), bytes);
    }

    private DataFormatException bad(byte[] bytes) throws IOException {
        Path p = write(bytes);
        return assertThrows(DataFormatException.class, () -> Safetensors.read(p));
    }

    @Test
    void aFileWrittenByHandIsRead() throws IOException {
        Path p = write(file("{\"__metadata__\":{\"k\":\"v\"},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[24,32]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}",
                1, 2, 3, 4, 5, 6, -1.5f, 0.25f));
        Safetensors.Contents c = Safetensors.read(p);
        assertEquals(List.of("b", "a"), List.copyOf(c.tensors().keySet()));
        assertEquals(Shape.of(2, 3), c.tensors().get("a").shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, c.tensors().get("a").toArray());
        assertArrayEquals(new float[] {-1.5f, 0.25f}, c.tensors().get("b").toArray());
        assertEquals(Map.of("k", "v"), c.metadata());
        long headerEnd = Files.size(p) - 32;
        assertEquals(headerEnd + 24, c.fileOffsets().get("b"));
    }

    @Test
    void writeThenReadGivesTheSameTensorsAndTheLayoutOfTheFormat() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.of(new float[] {1f, -2f, 3.5f, Float.MIN_VALUE, -0f, 1e30f}, 2, 3));
        tensors.put("scalar", Tensor.of(new float[] {7f}));
        tensors.put("empty", Tensor.zeros(0, 4));
        // A view at an offset into a bigger array: only its own elements are written.
        tensors.put("view", Tensor.wrap(new float[] {9, 9, 4, 5, 9}, 2, Shape.of(2)));
        Path p = dir.resolve("m.safetensors");
        Safetensors.write(p, tensors, Map.of("note", "h\u00e9llo"));

        byte[] bytes = Files.readAllBytes(p);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + n) % 8, "the data starts 8-aligned");
        assertEquals('{', bytes[8]);
        // The first tensor's first float, 1.0f, is 0x3F800000 little-endian.
        int data = (int) (8 + n);
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F}, java.util.Arrays.copyOfRange(bytes, data, data + 4));
        assertEquals(8 + n + 4 * (6 + 1 + 0 + 2), bytes.length);

        Safetensors.Contents c = Safetensors.read(p);
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = c.tensors().get(e.getKey());
            assertEquals(e.getValue().shape(), t.shape(), e.getKey());
            assertArrayEquals(e.getValue().toArray(), t.toArray(), e.getKey());
        }
        assertEquals(Shape.scalar(), c.tensors().get("scalar").shape());
        assertEquals("h\u00e9llo", c.metadata().get("note"));
        // Bit for bit, including the sign of zero.
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(c.tensors().get("w").getFlat(4)));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path p = dir.resolve("m.safetensors");
        Safetensors.write(p, Map.of("a", Tensor.of(new float[] {1, 2}, 2)), Map.of());
        byte[] before = Files.readAllBytes(p);
        // A map whose values fail while the data is written, after the header was.
        Map<String, Tensor> failing = new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public Collection<Tensor> values() {
                throw new IllegalStateException("disk full, say");
            }
        };
        failing.put("b", Tensor.of(new float[] {3}, 1));
        assertThrows(IllegalStateException.class, () -> Safetensors.write(p, failing, Map.of()));
        assertArrayEquals(before, Files.readAllBytes(p));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList());
        }
    }

    @Test
    void aFileShorterThanTheHeaderLengthIsTruncated() throws IOException {
        DataFormatException e = bad(new byte[] {1, 2, 3});
        assertTrue(e.getMessage().contains("t.safetensors, byte 0") && e.getMessage().contains("3 bytes"), e.getMessage());
    }

    @Test
    void aHeaderLengthBeyondTheFileIsTruncated() throws IOException {
        byte[] f = file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 1f);
        DataFormatException e = bad(java.util.Arrays.copyOf(f, 20));
        assertTrue(e.getMessage().contains("only 12 bytes follow"), e.getMessage());
    }

    @Test
    void anAbsurdHeaderLengthIsNotASafetensorsFile() throws IOException {
        byte[] f = new byte[64];
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putLong(-5L);
        DataFormatException e = bad(f);
        assertTrue(e.getMessage().contains("18446744073709551611"), e.getMessage());
    }

    @Test
    void invalidJsonNamesTheByteOffset() throws IOException {
        DataFormatException e = bad(file("{\"a\": [1, 2,, 3]}"));
        // The second comma is character 12 of the header, byte 20 of the file.
        assertTrue(e.getMessage().contains("byte 20") && e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void duplicateKeysAreRejected() throws IOException {
        String entry = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        DataFormatException e = bad(file("{\"a\":" + entry + ",\"a\":" + entry + "}", 1f));
        assertTrue(e.getMessage().contains("Duplicate field 'a'"), e.getMessage());
    }

    @Test
    void otherDtypesAreNamed() throws IOException {
        DataFormatException e = bad(file("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 1f));
        assertTrue(e.getMessage().contains("tensor 'a': dtype F16 is not supported; NNJ reads F32 tensors only"),
                e.getMessage());
        e = bad(file("{\"a\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,4]}}", 1f));
        assertTrue(e.getMessage().contains("Q4 is not a safetensors dtype"), e.getMessage());
    }

    @Test
    void offsetsThatDoNotMatchTheShapeAreALie() throws IOException {
        DataFormatException e = bad(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}",
                1, 2, 3));
        assertTrue(e.getMessage().contains("shape [2, 2] of F32 needs 16 bytes, but its data_offsets [0, 12] span 12"),
                e.getMessage());
    }

    @Test
    void overlappingTensorsAreRejected() throws IOException {
        DataFormatException e = bad(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 1, 2, 3));
        assertTrue(e.getMessage().contains("'a' and 'b' overlap"), e.getMessage());
    }

    @Test
    void gapsAndTrailingBytesAreRejected() throws IOException {
        DataFormatException gap = bad(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 1, 2));
        assertTrue(gap.getMessage().contains("4 bytes before tensor 'a'"), gap.getMessage());
        DataFormatException trailing = bad(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 1, 2));
        assertTrue(trailing.getMessage().contains("4 bytes after the last tensor"), trailing.getMessage());
    }

    @Test
    void aTruncatedFileSaysSo() throws IOException {
        Path p = dir.resolve("m.safetensors");
        Safetensors.write(p, Map.of("a", Tensor.zeros(10, 10)), Map.of());
        byte[] all = Files.readAllBytes(p);
        DataFormatException e = bad(java.util.Arrays.copyOf(all, all.length - 7));
        assertTrue(e.getMessage().contains("the file is truncated") && e.getMessage().contains("tensor 'a'"),
                e.getMessage());
    }

    @Test
    void metadataValuesMustBeStrings() throws IOException {
        DataFormatException e = bad(file("{\"__metadata__\":{\"n\":3}}"));
        assertTrue(e.getMessage().contains("value of 'n' must be a string"), e.getMessage());
    }

    @Test
    void malformedEntriesAreNamed() throws IOException {
        assertTrue(bad(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}")).getMessage()
                .contains("dimension 0 of its shape must be a non-negative integer"));
        assertTrue(bad(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 1f)).getMessage()
                .contains("'data_offsets' must be [begin, end]"));
        assertTrue(bad(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", 1f))
                .getMessage().contains("unknown key 'x'"));
        assertTrue(bad(file("[1, 2]")).getMessage().contains("does not start with '{'"));
        byte[] notUtf8 = file("{\"a\u00e9\":1}");
        notUtf8[8 + 3] = (byte) 0xFF;
        assertTrue(bad(notUtf8).getMessage().contains("not valid UTF-8"));
    }

    @Test
    void readingNeverChangesTheFile() throws IOException {
        byte[] damaged = file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 1f);
        Path p = write(damaged);
        assertThrows(DataFormatException.class, () -> Safetensors.read(p));
        assertArrayEquals(damaged, Files.readAllBytes(p));
        assertFalse(Files.exists(dir.resolve("t.safetensors.tmp")));
    }
}
