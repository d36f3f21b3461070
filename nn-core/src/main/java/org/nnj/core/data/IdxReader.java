package org.nnj.core.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.nnj.api.DataFormatException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed.
 *
 * <h2>Format</h2>
 * A 4-byte magic number: two zero bytes, the element type ({@link IdxType}: {@code 0x08} unsigned byte,
 * {@code 0x09} signed byte, {@code 0x0B} short, {@code 0x0C} int, {@code 0x0D} float, {@code 0x0E}
 * double) and the rank; then one big-endian 32-bit integer per dimension; then the elements, row-major and
 * big-endian. Compression is recognised by the gzip magic bytes {@code 1f 8b}, not by the file name.
 *
 * <h2>Validation</h2>
 * Everything is checked, and every problem is a {@link DataFormatException} whose message names the file,
 * the offset and what was expected there: a wrong magic number, an unknown type, a rank of 0 or above
 * {@value IdxArray#MAX_RANK}, a dimension below 1, more than 2^31-1 elements or bytes, data that ends
 * early, a damaged gzip stream. In a compressed file the offsets count bytes of the decompressed data.
 * Bytes after the end of the data are an <em>error</em>, not a warning: they almost always mean that the
 * header does not describe the file (wrong dimensions, or two files glued together), and a loader that
 * reads the wrong number of examples should not do so quietly.
 *
 * <p>Only genuine input/output failures (a missing file, a read error) are {@link IOException}s.
 *
 * <h2>Memory</h2>
 * The reader never allocates much more than the data it has actually read. The data is read in large
 * blocks through buffered streams (the 47 MB Fashion-MNIST training images load in well under a second),
 * and a header that promises more data than the input holds fails before that much memory is allocated:
 * <ul>
 *   <li>an uncompressed file must be exactly as long as its header says, which is checked before the data
 *       is read;</li>
 *   <li>a compressed file may promise at most {@value #MAX_GZIP_RATIO} times its compressed length, or
 *       {@value #GZIP_FREE_BYTES} bytes whatever its length (real IDX data compresses 2 to 5 times; gzip
 *       can reach 1000 times, so a header beyond that ratio describes a "zip bomb", not a data set); this
 *       is checked right after the header, before any data is decompressed;</li>
 *   <li>data whose length is not known in advance (a compressed file, a stream) goes into a buffer that
 *       grows as the data arrives, so a lying header fails when the input runs out.</li>
 * </ul>
 * {@link #readFirst(Path, int)} reads only the first examples (the first entries along dimension 0), so a
 * caller that wants 2,000 images of a 60,000-image file never holds the other 58,000.
 */
public final class IdxReader {
    private static final int BUFFER = 1 << 16;
    /**
     * The first allocation for data of unknown actual length (compressed input); it doubles as data arrives,
     * so what is allocated stays within a small multiple of what was read (fuzzing finding F2: a 4 MiB first
     * chunk let a 28-byte file cost 4 MiB).
     */
    private static final int FIRST_CHUNK = 1 << 16;
    /** The largest array the JVM reliably allocates. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;
    /**
     * How many times its compressed length a gzip-compressed IDX file may promise. Fashion-MNIST's images
     * compress 1.8 times, MNIST's 4.8, a file of sorted labels a few hundred times; deflate cannot exceed
     * about 1032.
     */
    public static final int MAX_GZIP_RATIO = 100;
    /** What a compressed file may promise whatever its length (a small file of sorted labels compresses well). */
    public static final long GZIP_FREE_BYTES = 1L << 26;

    private IdxReader() {
    }

    /**
     * Reads an IDX file, gzip-compressed or not.
     *
     * @throws DataFormatException if the file is not a valid IDX file
     * @throws IOException         if it cannot be read
     */
    public static IdxArray read(Path file) throws IOException {
        return read(file, ALL);
    }

    /**
     * The first {@code count} entries along dimension 0 of an IDX file (gzip-compressed or not): for an
     * image file {@code [n, rows, cols]}, the first {@code count} images, as an array
     * {@code [min(count, n), rows, cols]}. Only those are read and held: the rest of the file is neither
     * read nor checked, except that its header must still be possible for the file's length (see the class
     * description). All of them when the file has fewer.
     *
     * @param count at least 1
     * @throws IllegalArgumentException if {@code count} is below 1
     * @throws DataFormatException      if the header or the data read is not valid IDX
     * @throws IOException              if the file cannot be read
     */
    public static IdxArray readFirst(Path file, int count) throws IOException {
        return read(file, checkedCount(count));
    }

    /**
     * The dimensions an IDX file's header declares, checked as {@link #read(Path)} checks them (including
     * against the file's length), without reading the data.
     *
     * @throws DataFormatException if the header is not valid or promises more than the file can hold
     * @throws IOException         if the file cannot be read
     */
    public static int[] dimensions(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parser(in, file.toString(), Files.isRegularFile(file) ? Files.size(file) : -1, HEADER_ONLY)
                    .parseHeaderOnly();
        }
    }

    /**
     * Reads IDX data from a stream (a class-path resource, for example), gzip-compressed or not;
     * {@code source} names it in messages. The stream is read to its end and not closed.
     *
     * @throws DataFormatException if the data is not valid IDX
     * @throws IOException         if the stream cannot be read
     */
    public static IdxArray read(InputStream in, String source) throws IOException {
        return read(in, source, -1, ALL);
    }

    /**
     * The first {@code count} entries along dimension 0 of IDX data from a stream, as
     * {@link #readFirst(Path, int)}; the stream is read no further than their end and not closed.
     *
     * @throws IllegalArgumentException if {@code count} is below 1
     * @throws DataFormatException      if the data read is not valid IDX
     * @throws IOException              if the stream cannot be read
     */
    public static IdxArray readFirst(InputStream in, String source, int count) throws IOException {
        return read(in, source, -1, checkedCount(count));
    }

    /** Read everything, and check that nothing follows. */
    private static final int ALL = -1;
    /** Read the header only (its dimensions come back with an empty array). */
    private static final int HEADER_ONLY = 0;

    private static int checkedCount(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        return count;
    }

    private static IdxArray read(Path file, int count) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            // The size is known in advance only for regular files (a pipe reports 0).
            return read(in, file.toString(), Files.isRegularFile(file) ? Files.size(file) : -1, count);
        }
    }

    private static IdxArray read(InputStream raw, String source, long fileSize, int count) throws IOException {
        return parser(raw, source, fileSize, count).parse();
    }

    private static Parser parser(InputStream raw, String source, long fileSize, int count) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            InputStream gzip;
            try {
                gzip = new GZIPInputStream(buffered, BUFFER);
            } catch (ZipException | EOFException e) {
                throw new DataFormatException(source + ", offset 0: starts with the gzip magic bytes 1f 8b but"
                        + " its gzip header is damaged (" + e.getMessage() + ")", e);
            }
            // Not buffered again: GZIPInputStream only throws when a read produces no bytes at all, so the
            // offset in a message about damaged data is exact.
            return new Parser(gzip, source, true, -1, fileSize, count);
        }
        return new Parser(buffered, source, false, fileSize, -1, count);
    }

    /** One pass over one input, tracking the offset for messages. */
    private static final class Parser {
        private final InputStream in;
        private final String source;
        private final boolean gzip;
        /** The length of the (uncompressed) input when known, else -1. */
        private final long length;
        /** The length of the compressed input when known, else -1. */
        private final long compressedLength;
        /** How many entries along dimension 0 to read: {@link #ALL}, {@link #HEADER_ONLY} or a count. */
        private final int count;
        private long offset;
        /** The dimensions the header declares, once it has been read and checked. */
        private int[] headerDims;

        Parser(InputStream in, String source, boolean gzip, long length, long compressedLength, int count) {
            this.in = in;
            this.source = source;
            this.gzip = gzip;
            this.length = length;
            this.compressedLength = compressedLength;
            this.count = count;
        }

        int[] parseHeaderOnly() throws IOException {
            parse();
            return headerDims.clone();
        }

        /** The array, or null when only the header was asked for. */
        IdxArray parse() throws IOException {
            byte[] magic = readHeader(4, "the magic number (0x00 0x00, type, rank)");
            if (magic[0] != 0 || magic[1] != 0) {
                throw error(0, String.format("bad magic number 0x%02X%02X%02X%02X: an IDX file starts with two"
                        + " zero bytes, then the type and the rank", magic[0], magic[1], magic[2], magic[3]));
            }
            IdxType type = IdxType.fromCode(magic[2] & 0xFF);
            if (type == null) {
                throw error(2, String.format("unknown element type 0x%02X; the IDX types are %s",
                        magic[2] & 0xFF, IdxType.known()));
            }
            int rank = magic[3] & 0xFF;
            if (rank < 1 || rank > IdxArray.MAX_RANK) {
                throw error(3, "rank " + rank + " is not supported; expected 1 to " + IdxArray.MAX_RANK);
            }
            int[] dims = new int[rank];
            long count = 1;
            for (int i = 0; i < rank; i++) {
                long at = offset;
                byte[] b = readHeader(4, "dimension " + i + " of " + rank + " (a big-endian int)");
                dims[i] = ByteBuffer.wrap(b).getInt();
                if (dims[i] < 1) {
                    throw error(at, "dimension " + i + " is " + dims[i] + "; dimensions must be at least 1");
                }
                count *= dims[i];
                if (count * type.bytes() > MAX_BYTES) {
                    throw error(at, "dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                            + (i + 1 < rank ? " (and more)" : "") + " of " + type.bytes() + "-byte elements"
                            + " need more than 2^31-9 bytes, more than one array can hold");
                }
            }
            int bytes = (int) (count * type.bytes());
            String promise = bytes + " bytes of data (dimensions " + Arrays.toString(dims) + ", type " + type + ")";
            long dataStart = offset;
            if (length >= 0 && length < dataStart + bytes) {
                throw truncated(dataStart, promise, length);
            }
            if (compressedLength > 0 && bytes > Math.max(GZIP_FREE_BYTES, MAX_GZIP_RATIO * compressedLength)) {
                throw error(dataStart, "the header promises " + promise + ", " + bytes / compressedLength
                        + " times the file's compressed length of " + compressedLength + " bytes; IDX data"
                        + " compresses a few times, and a compressed file may promise at most " + MAX_GZIP_RATIO
                        + " times its length (or " + GZIP_FREE_BYTES + " bytes), so the header does not"
                        + " describe this file (or it is a zip bomb): check where it came from");
            }
            headerDims = dims.clone();
            if (this.count == HEADER_ONLY) {
                return null;
            }
            if (this.count != ALL && this.count < dims[0]) {
                bytes = (int) ((long) bytes / dims[0] * this.count);
                dims[0] = this.count;
                promise = bytes + " bytes of data for the first " + this.count + " entries (dimensions "
                        + Arrays.toString(dims) + ", type " + type + ")";
                return new IdxArray(type, dims, ByteBuffer.wrap(readData(bytes, promise)));
            }
            byte[] data = readData(bytes, promise);
            if (this.count != ALL) {
                return new IdxArray(type, dims, ByteBuffer.wrap(data));
            }
            if (readFully(new byte[1], 0, 1) > 0) {
                throw error(offset - 1, "unexpected bytes after the end of the " + promise
                        + (length >= 0 ? ": " + (length - offset + 1) + " more" : "")
                        + "; the header does not describe this file");
            }
            return new IdxArray(type, dims, ByteBuffer.wrap(data));
        }

        private byte[] readHeader(int n, String what) throws IOException {
            byte[] b = new byte[n];
            int got = readFully(b, 0, n);
            if (got < n) {
                throw error(offset, (offset == 0 && got == 0 ? "the input is empty" : "the input ends")
                        + " where " + what + " was expected");
            }
            return b;
        }

        /**
         * Reads {@code bytes} bytes, allocating in growing chunks when the input's length is unknown, so that
         * a header that lies about the size cannot make us allocate gigabytes before the input runs out.
         */
        private byte[] readData(int bytes, String promise) throws IOException {
            long start = offset;
            byte[] data = new byte[length >= 0 ? bytes : Math.min(bytes, FIRST_CHUNK)];
            int filled = 0;
            while (true) {
                int got = readFully(data, filled, data.length - filled);
                filled += got;
                if (filled < data.length) {
                    throw truncated(start, promise, start + filled);
                }
                if (filled == bytes) {
                    return data;
                }
                data = Arrays.copyOf(data, (int) Math.min(bytes, 2L * data.length));
            }
        }

        /** Reads up to {@code n} bytes, fewer only at the end of the input; damaged gzip data is a format error. */
        private int readFully(byte[] b, int off, int n) throws IOException {
            int total = 0;
            try {
                while (total < n) {
                    int got = in.read(b, off + total, n - total);
                    if (got < 0) {
                        break;
                    }
                    total += got;
                    offset += got;
                }
            } catch (EOFException e) {
                // GZIPInputStream's way of saying that the compressed stream was cut short.
                throw error(offset, "the compressed data ends early, in the middle of the gzip stream ("
                        + e.getMessage() + ")", e);
            } catch (ZipException e) {
                throw error(offset, "damaged gzip data (" + e.getMessage() + ")", e);
            }
            return total;
        }

        private DataFormatException truncated(long start, String promise, long end) {
            return error(end, "truncated: the header promises " + promise + " from offset " + start
                    + ", but the input ends after " + (end - start) + " of them");
        }

        private DataFormatException error(long at, String problem) {
            return error(at, problem, null);
        }

        private DataFormatException error(long at, String problem, Throwable cause) {
            String where = source + ", offset " + at + (gzip ? " of the decompressed data" : "") + ": ";
            return cause == null ? new DataFormatException(where + problem)
                    : new DataFormatException(where + problem, cause);
        }
    }
}
