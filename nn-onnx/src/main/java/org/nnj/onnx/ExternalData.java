package org.nnj.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.nnj.onnx.proto.OnnxProto.StringStringEntryProto;
import org.nnj.onnx.proto.OnnxProto.TensorProto;

/**
 * Reads a tensor stored outside the model ({@code data_location = EXTERNAL}): keys {@code location} (a path
 * relative to the model's directory), {@code offset} and {@code length} (bytes, optional).
 *
 * <p>The location comes from the file, so it is not trusted: an absolute path, a {@code ..} component, or a
 * path that leaves the model's directory once symbolic links are followed is refused. A model downloaded
 * from somewhere cannot make the importer read {@code /etc/passwd} or {@code ~/.ssh} into a weight.
 */
final class ExternalData {
    private ExternalData() {
    }

    /**
     * The {@code bytes} bytes of {@code tensor}'s data, little-endian.
     *
     * @param modelDir the directory of the model file
     * @param where    the start of messages, naming the file and the tensor
     */
    static ByteBuffer read(TensorProto tensor, Path modelDir, long bytes, String where) throws IOException {
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto e : tensor.getExternalDataList()) {
            switch (e.getKey()) {
                case "location":
                    location = e.getValue();
                    break;
                case "offset":
                    offset = number(e, where);
                    break;
                case "length":
                    length = number(e, where);
                    break;
                default:
                    break; // "checksum" and future keys do not change the data
            }
        }
        if (location == null || location.isEmpty()) {
            throw new OnnxException(where + ": external data without a 'location' key; the file is damaged");
        }
        Path file = resolve(modelDir, location, where);
        if (length >= 0 && length != bytes) {
            throw new OnnxException(where + ": its external data in '" + location + "' is " + length
                    + " bytes long but its shape and type need " + bytes);
        }
        if (bytes > Integer.MAX_VALUE) {
            throw new OnnxException(where + ": " + bytes + " bytes is more than one NNJ tensor can hold");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (offset + bytes > size) {
                throw new OnnxException(where + ": its external data needs bytes " + offset + " to " + (offset + bytes)
                        + " of '" + location + "', which has only " + size + " bytes; the file is truncated");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
            long position = offset;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new OnnxException(where + ": '" + location + "' ended early while reading its external data");
                }
                position += n;
            }
            return buffer.flip();
        } catch (NoSuchFileException e) {
            throw new OnnxException(where + ": its external data file '" + location + "' does not exist beside the"
                    + " model (in " + modelDir + "); copy it there with the model");
        }
    }

    /** {@code location} under {@code modelDir}, refused when it could lead anywhere else. */
    static Path resolve(Path modelDir, String location, String where) throws IOException {
        Path relative;
        try {
            relative = Path.of(location);
        } catch (InvalidPathException e) {
            throw new OnnxException(where + ": external data location '" + location + "' is not a valid path");
        }
        if (relative.isAbsolute() || location.startsWith("/") || location.startsWith("\\")) {
            throw new OnnxException(where + ": external data location '" + location + "' is an absolute path; ONNX"
                    + " requires a path relative to the model's directory, and NNJ reads nothing outside it");
        }
        for (String part : location.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw new OnnxException(where + ": external data location '" + location + "' climbs out of the"
                        + " model's directory with '..'; NNJ reads external data only from the model's directory");
            }
        }
        Path dir = modelDir.toRealPath();
        Path file = dir.resolve(relative).normalize();
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            return file; // reported when it is opened
        }
        if (!real.startsWith(dir)) {
            throw new OnnxException(where + ": external data location '" + location + "' is a link to " + real
                    + ", outside the model's directory " + dir + "; NNJ reads external data only from inside it");
        }
        return real;
    }

    private static long number(StringStringEntryProto e, String where) {
        try {
            long v = Long.parseLong(e.getValue().trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException x) {
            throw new OnnxException(where + ": external data key '" + e.getKey() + "' is '" + e.getValue()
                    + "', not a byte count");
        }
    }
}
