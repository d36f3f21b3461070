package org.nnj.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nnj.api.DataFormatException;
import org.nnj.api.ShapeException;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * Reads and writes <a href="https://github.com/huggingface/safetensors">safetensors</a> files of float32
 * tensors, the container of NNJ's model files, which numpy and PyTorch users can read without NNJ.
 *
 * <h2>Layout</h2>
 * <pre>
 *   8 bytes        N, the length of the header, an unsigned little-endian 64-bit integer
 *   N bytes        the header: UTF-8 JSON, padded with spaces so the data starts at a multiple of 8
 *                  {"__metadata__": {"key": "value", ...},
 *                   "0.weight": {"dtype": "F32", "shape": [128, 784], "data_offsets": [0, 401408]}, ...}
 *   the rest       the tensors' bytes, little-endian and row-major, back to back
 * </pre>
 * {@code data_offsets} are {@code [begin, end)} relative to the first byte after the header. Metadata
 * values are strings, as the format requires.
 *
 * <h2>Validation when reading</h2>
 * Everything is checked before a tensor is handed out, and every problem is a
 * {@link DataFormatException} naming the file, the byte offset and what was expected: a file shorter
 * than the header length or than the header it announces, a header longer than
 * {@value #MAX_HEADER_BYTES} bytes, invalid UTF-8 or JSON (with the offset), duplicate keys, an entry
 * that is not {@code {dtype, shape, data_offsets}}, a dtype other than {@code F32} (NNJ computes in
 * float32; convert before loading), offsets that do not match the shape's byte size, tensors that
 * overlap or leave gaps, and bytes before, between or after the tensors that no entry describes (a
 * truncated or padded file). Only genuine input/output failures are {@link IOException}s.
 *
 * <h2>Writing</h2>
 * {@link #write} is atomic: a temporary file in the same directory, forced to disk, then renamed over
 * the target. A failed write leaves the old file untouched.
 */
public final class Safetensors {
    /** The largest header accepted, as in the reference implementation: a bigger one is not a model file. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** The header key of the string-to-string metadata. */
    public static final String METADATA = "__metadata__";
    /** The only element type NNJ reads and writes. */
    public static final String F32 = "F32";

    private static final Set<String> KNOWN_DTYPES = Set.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16",
            "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64");
    private static final int CHUNK = 1 << 20;

    private Safetensors() {
    }

    /**
     * What a file holds: its tensors and metadata in the order of the header, and where each tensor's
     * data starts in the file (for messages about it).
     *
     * @param file        the file read
     * @param tensors     the tensors by name, read-only
     * @param metadata    the {@value #METADATA} strings, read-only
     * @param fileOffsets the absolute byte offset of each tensor's data in the file, read-only
     */
    public record Contents(Path file, Map<String, Tensor> tensors, Map<String, String> metadata,
                           Map<String, Long> fileOffsets) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
            fileOffsets = Collections.unmodifiableMap(new LinkedHashMap<>(fileOffsets));
        }

        /** For messages: {@code "tensor '0.weight' (data at byte 128)"}. */
        public String describe(String tensor) {
            Long at = fileOffsets.get(tensor);
            return "tensor '" + tensor + "'" + (at == null ? "" : " (data at byte " + at + ")");
        }
    }

    /**
     * Writes {@code tensors} (as F32, in map order) and {@code metadata} to {@code file}, atomically.
     *
     * @throws IllegalArgumentException for an empty tensor name or one equal to {@value #METADATA}
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] header = header(tensors, metadata);
        AtomicFiles.write(file, channel -> {
            ByteBuffer prefix = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
            prefix.putLong(header.length).put(header).flip();
            writeFully(channel, prefix);
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : tensors.values()) {
                float[] data = t.data();
                for (int i = t.offset(), end = t.offset() + t.size(); i < end; ) {
                    buffer.clear();
                    int n = Math.min(end - i, CHUNK / Float.BYTES);
                    buffer.asFloatBuffer().put(data, i, n);
                    buffer.limit(n * Float.BYTES);
                    writeFully(channel, buffer);
                    i += n;
                }
            }
        });
    }

    /** The header's JSON, padded with spaces to a multiple of 8 bytes (with the 8-byte length before it). */
    private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode root = Json.object();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA);
            metadata.forEach((k, v) -> meta.put(Objects.requireNonNull(k, "metadata key"),
                    Objects.requireNonNull(v, () -> "metadata value of " + k)));
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals(METADATA)) {
                throw new IllegalArgumentException("a tensor cannot be named " + (name == null ? "null" : "'" + name + "'"));
            }
            Tensor t = e.getValue();
            ObjectNode entry = root.putObject(name);
            entry.put("dtype", F32);
            var shape = entry.putArray("shape");
            for (int d : t.shape().dims()) {
                shape.add(d);
            }
            long end = offset + (long) t.size() * Float.BYTES;
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = Json.write(root).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = new byte[padded];
        System.arraycopy(json, 0, header, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            header[i] = ' ';
        }
        return header;
    }

    /**
     * Reads and validates {@code file}.
     *
     * @throws DataFormatException if the file is not a valid safetensors file of F32 tensors
     * @throws IOException         if it cannot be read
     */
    public static Contents read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Reader(file, channel).read();
        }
    }

    /** One tensor's entry in the header, before its data is read. */
    private record Entry(String name, Shape shape, long begin, long end) {
    }

    /** Reads one file; every message starts with the file's name. */
    private static final class Reader {
        private final Path file;
        private final FileChannel channel;
        private final long size;
        private long dataStart;

        Reader(Path file, FileChannel channel) throws IOException {
            this.file = file;
            this.channel = channel;
            this.size = channel.size();
        }

        Contents read() throws IOException {
            if (size < 8) {
                throw error(0, "the file is " + size + " bytes long, too short for the 8-byte header length"
                        + " that starts a safetensors file (truncated or not a safetensors file)");
            }
            ByteBuffer lengthBytes = readAt(0, 8);
            long n = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n < 2 || n > MAX_HEADER_BYTES) {
                throw error(0, "the header length is " + Long.toUnsignedString(n) + " bytes; a safetensors header"
                        + " is a JSON object of 2 to " + MAX_HEADER_BYTES + " bytes (is this a safetensors file?)");
            }
            if (n > size - 8) {
                throw error(0, "the header length is " + n + " bytes but only " + (size - 8) + " bytes follow"
                        + " (the file is truncated, or not a safetensors file)");
            }
            dataStart = 8 + n;
            byte[] header = new byte[(int) n];
            readAt(8, (int) n).get(header);
            JsonNode root = parseHeader(header);
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<String, JsonNode> f : root.properties()) {
                if (f.getKey().equals(METADATA)) {
                    readMetadata(f.getValue(), metadata);
                } else {
                    entries.add(entry(f.getKey(), f.getValue()));
                }
            }
            checkLayout(entries);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, Long> offsets = new LinkedHashMap<>();
            for (Entry e : entries) {
                tensors.put(e.name(), readTensor(e));
                offsets.put(e.name(), dataStart + e.begin());
            }
            return new Contents(file, tensors, metadata, offsets);
        }

        private JsonNode parseHeader(byte[] header) {
            if (header[0] != '{') {
                throw error(8, "the header does not start with '{' (byte 0x"
                        + Integer.toHexString(header[0] & 0xFF) + "); not a safetensors file");
            }
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(header));
            } catch (CharacterCodingException e) {
                throw error(8 + firstInvalidUtf8(header), "the header is not valid UTF-8");
            }
            JsonNode root;
            try {
                root = Json.MAPPER.readTree(header);
            } catch (JsonProcessingException e) {
                long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
                throw new DataFormatException(file + ", byte " + (at < 0 ? "?" : Long.toString(8 + at))
                        + ": the header is not valid JSON: " + e.getOriginalMessage(), e);
            } catch (IOException e) {
                throw error(8, "the header cannot be parsed: " + e);
            }
            if (root == null || !root.isObject()) {
                throw error(8, "the header must be a JSON object, got " + Json.describe(root));
            }
            return root;
        }

        private void readMetadata(JsonNode node, Map<String, String> metadata) {
            if (!node.isObject()) {
                throw error(8, "'" + METADATA + "' must be an object of strings, got " + Json.describe(node));
            }
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                if (!f.getValue().isTextual()) {
                    throw error(8, "'" + METADATA + "' value of '" + f.getKey() + "' must be a string (the"
                            + " safetensors format allows only strings there), got " + Json.describe(f.getValue()));
                }
                metadata.put(f.getKey(), f.getValue().textValue());
            }
        }

        private Entry entry(String name, JsonNode node) {
            String where = "tensor '" + name + "'";
            if (name.isEmpty()) {
                throw error(8, "a tensor has an empty name");
            }
            if (!node.isObject()) {
                throw error(8, where + ": expected {dtype, shape, data_offsets}, got " + Json.describe(node));
            }
            for (String key : Json.fieldNames(node)) {
                if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
                    throw error(8, where + ": unknown key '" + key + "'; an entry has dtype, shape and data_offsets");
                }
            }
            JsonNode dtype = node.get("dtype");
            if (dtype == null || !dtype.isTextual()) {
                throw error(8, where + ": 'dtype' must be a string such as \"F32\", got " + Json.describe(dtype));
            }
            if (!dtype.textValue().equals(F32)) {
                throw error(8, where + ": dtype " + dtype.textValue() + (KNOWN_DTYPES.contains(dtype.textValue())
                        ? " is not supported; NNJ reads F32 tensors only (convert the file to float32 first)"
                        : " is not a safetensors dtype"));
            }
            Shape shape = shape(where, node.get("shape"));
            JsonNode offsets = node.get("data_offsets");
            if (offsets == null || !offsets.isArray() || offsets.size() != 2
                    || !isOffset(offsets.get(0)) || !isOffset(offsets.get(1))) {
                throw error(8, where + ": 'data_offsets' must be [begin, end], two non-negative integers, got "
                        + Json.describe(offsets));
            }
            long begin = offsets.get(0).longValue();
            long end = offsets.get(1).longValue();
            if (end < begin) {
                throw error(8, where + ": data_offsets [" + begin + ", " + end + "] end before they begin");
            }
            long bytes = (long) shape.size() * Float.BYTES;
            if (end - begin != bytes) {
                throw error(dataStart + begin, where + ": shape " + shape + " of F32 needs " + bytes
                        + " bytes, but its data_offsets [" + begin + ", " + end + "] span " + (end - begin)
                        + " (the header contradicts itself)");
            }
            return new Entry(name, shape, begin, end);
        }

        private static boolean isOffset(JsonNode v) {
            return v != null && v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0;
        }

        private Shape shape(String where, JsonNode node) {
            if (node == null || !node.isArray()) {
                throw error(8, where + ": 'shape' must be an array of dimensions, got " + Json.describe(node));
            }
            int[] dims = new int[node.size()];
            for (int i = 0; i < dims.length; i++) {
                JsonNode d = node.get(i);
                if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
                    throw error(8, where + ": dimension " + i + " of its shape must be a non-negative integer"
                            + " below 2^31, got " + Json.describe(d));
                }
                dims[i] = d.intValue();
            }
            try {
                return Shape.of(dims);
            } catch (ShapeException e) {
                throw error(8, where + ": " + e.getMessage());
            }
        }

        /** The tensors must tile the data exactly: from 0, no overlaps, no gaps, up to the end of the file. */
        private void checkLayout(List<Entry> entries) {
            List<Entry> sorted = new ArrayList<>(entries);
            sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
            long dataLength = size - dataStart;
            long expected = 0;
            Entry previous = null;
            for (Entry e : sorted) {
                if (e.end() > dataLength) {
                    throw error(dataStart + e.begin(), "tensor '" + e.name() + "' lies at bytes " + (dataStart + e.begin())
                            + " to " + (dataStart + e.end()) + " (data_offsets [" + e.begin() + ", " + e.end()
                            + "]) but the file ends at byte " + size + ": the file is truncated");
                }
                if (e.begin() < expected) {
                    throw error(dataStart + e.begin(), "tensors '" + previous.name() + "' and '" + e.name()
                            + "' overlap: data_offsets [" + previous.begin() + ", " + previous.end() + "] and ["
                            + e.begin() + ", " + e.end() + "]");
                }
                if (e.begin() > expected) {
                    throw error(dataStart + expected, (e.begin() - expected)
                            + " bytes before tensor '" + e.name() + "' (data_offsets [" + e.begin() + ", "
                            + e.end() + "]) belong to no tensor; the header does not describe the data");
                }
                expected = e.end();
                previous = e;
            }
            if (expected != dataLength) {
                throw error(dataStart + expected, (dataLength - expected) + " bytes after the last tensor belong"
                        + " to no tensor; the header does not describe the file (two files joined, or a header"
                        + " that lies about its offsets)");
            }
        }

        private Tensor readTensor(Entry e) throws IOException {
            float[] values = new float[e.shape().size()];
            long position = dataStart + e.begin();
            int done = 0;
            while (done < values.length) {
                int n = Math.min(values.length - done, CHUNK / Float.BYTES);
                ByteBuffer bytes = readAt(position, n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().get(values, done, n);
                done += n;
                position += (long) n * Float.BYTES;
            }
            return Tensor.wrap(values, e.shape());
        }

        private ByteBuffer readAt(long position, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position + buffer.position());
                if (read < 0) {
                    // The size was checked; a file that shrinks while it is read ends here.
                    throw new EOFException(file + ": ended at byte " + (position + buffer.position())
                            + " while reading " + length + " bytes from byte " + position);
                }
            }
            return buffer.flip();
        }

        private DataFormatException error(long offset, String message) {
            return new DataFormatException(file + ", byte " + offset + ": " + message);
        }
    }

    private static int firstInvalidUtf8(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : 0;
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
