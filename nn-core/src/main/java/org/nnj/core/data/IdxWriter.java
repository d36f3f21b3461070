package org.nnj.core.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX files that {@link IdxReader} (and every other MNIST reader) can read: for test data, and to
 * cut a small subset of a data set that can ship with a project.
 *
 * <pre>{@code
 * IdxArray images = IdxReader.read(dir.resolve("t10k-images-idx3-ubyte.gz"));
 * IdxWriter.write(out.resolve("t10k-images-idx3-ubyte.gz"), images.slice(0, 1000), true);
 * }</pre>
 *
 * <p>Writes are atomic: the data goes to a temporary file in the target's directory, which then replaces
 * the target, so a failed write never leaves a half-written file where a good one was.
 */
public final class IdxWriter {
    private IdxWriter() {
    }

    /** Writes {@code array} to {@code file}, gzip-compressed when {@code gzip} (then name it {@code *.gz}). */
    public static void write(Path file, IdxArray array, boolean gzip) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = open(temp, gzip)) {
                write(out, array);
            }
            move(temp, absolute);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes an unsigned-byte IDX file: {@code values} hold the elements of an array of dimensions {@code dims}. */
    public static void writeUnsignedBytes(Path file, byte[] values, int[] dims, boolean gzip) throws IOException {
        write(file, IdxArray.ofUnsignedBytes(values, dims), gzip);
    }

    /** Writes {@code array} in IDX format to {@code out}, uncompressed; the stream is not closed. */
    public static void write(OutputStream out, IdxArray array) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * array.rank());
        header.put((byte) 0).put((byte) 0).put((byte) array.type().code()).put((byte) array.rank());
        for (int d : array.dims()) {
            header.putInt(d);
        }
        out.write(header.array());
        // The channel writes the buffer's bytes without copying the whole array first.
        WritableByteChannel channel = Channels.newChannel(out);
        ByteBuffer data = array.data();
        while (data.hasRemaining()) {
            channel.write(data);
        }
        out.flush();
    }

    private static OutputStream open(Path file, boolean gzip) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        return gzip ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
