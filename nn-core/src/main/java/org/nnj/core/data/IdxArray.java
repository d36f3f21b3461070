package org.nnj.core.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.nnj.api.ShapeException;

/**
 * The contents of an IDX file: the element type, the dimensions (rank 1 to 4, each at least 1) and the
 * elements in row-major order, kept as the big-endian bytes of the file so that every type is held
 * exactly and an unsigned-byte image set takes one byte per pixel.
 *
 * <p>{@link #data()} is a read-only view of those bytes; {@link #getFloat}, {@link #toFloatArray},
 * {@link #getInt}, {@link #toIntArray} and {@link #toUnsignedBytes} decode them. Immutable.
 *
 * @param type the element type
 * @param dims the dimensions, outermost first (for MNIST images {@code [n, 28, 28]}); a copy is returned
 * @param data the elements as big-endian bytes, read-only; each call returns a new view positioned at 0
 */
public record IdxArray(IdxType type, int[] dims, ByteBuffer data) {
    /** The highest rank the reader accepts: enough for image sets ({@code [n, rows, cols]}) and NCHW tensors. */
    public static final int MAX_RANK = 4;

    /**
     * Checks that {@code data} holds exactly the elements {@code dims} promise; the bytes from the buffer's
     * position to its limit are taken (not copied; do not change them afterwards).
     */
    public IdxArray {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        dims = Objects.requireNonNull(dims, "dims").clone();
        long bytes = checkDims(dims) * type.bytes();
        if (data.remaining() != bytes) {
            throw new ShapeException("IDX array of " + type + " with dimensions " + Arrays.toString(dims)
                    + " needs " + bytes + " bytes of data, got " + data.remaining());
        }
        data = data.slice().asReadOnlyBuffer().order(ByteOrder.BIG_ENDIAN);
    }

    /** An unsigned-byte array with the given dimensions; {@code values} is copied. */
    public static IdxArray ofUnsignedBytes(byte[] values, int... dims) {
        return new IdxArray(IdxType.UNSIGNED_BYTE, dims, ByteBuffer.wrap(values.clone()));
    }

    /** A float array with the given dimensions. */
    public static IdxArray ofFloats(float[] values, int... dims) {
        ByteBuffer buffer = ByteBuffer.allocate(Math.multiplyExact(values.length, 4));
        buffer.asFloatBuffer().put(values);
        return new IdxArray(IdxType.FLOAT, dims, buffer);
    }

    /**
     * Checks rank and dimensions, returning the element count.
     *
     * @throws ShapeException naming the bad dimension
     */
    static long checkDims(int[] dims) {
        if (dims.length < 1 || dims.length > MAX_RANK) {
            throw new ShapeException("IDX array rank must be 1 to " + MAX_RANK + ", got " + dims.length);
        }
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 1) {
                throw new ShapeException("IDX array dimension " + i + " of " + Arrays.toString(dims)
                        + " must be at least 1");
            }
            count *= dims[i]; // below 2^31 times below 2^31: cannot overflow a long before the check
            if (count > Integer.MAX_VALUE) {
                throw new ShapeException("IDX array dimensions " + Arrays.toString(dims)
                        + " give more than 2^31-1 elements");
            }
        }
        return count;
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.BIG_ENDIAN);
    }

    public int rank() {
        return dims.length;
    }

    /** Dimension {@code axis}, outermost first. */
    public int dim(int axis) {
        Objects.checkIndex(axis, dims.length);
        return dims[axis];
    }

    /** The number of elements. */
    public int size() {
        return data.capacity() / type.bytes();
    }

    /** Element {@code i} (row-major) as a float: unsigned bytes give 0 to 255, doubles are rounded. */
    public float getFloat(int i) {
        Objects.checkIndex(i, size());
        return switch (type) {
            case UNSIGNED_BYTE -> data.get(i) & 0xFF;
            case SIGNED_BYTE -> data.get(i);
            case SHORT -> data.getShort(i * 2);
            case INT -> data.getInt(i * 4);
            case FLOAT -> data.getFloat(i * 4);
            case DOUBLE -> (float) data.getDouble(i * 8);
        };
    }

    /** Every element as a float, as {@link #getFloat} gives it. */
    public float[] toFloatArray() {
        float[] out = new float[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getFloat(i);
        }
        return out;
    }

    /**
     * Element {@code i} of an integer array (unsigned bytes give 0 to 255).
     *
     * @throws ShapeException for float and double arrays
     */
    public int getInt(int i) {
        Objects.checkIndex(i, size());
        return switch (type) {
            case UNSIGNED_BYTE -> data.get(i) & 0xFF;
            case SIGNED_BYTE -> data.get(i);
            case SHORT -> data.getShort(i * 2);
            case INT -> data.getInt(i * 4);
            case FLOAT, DOUBLE -> throw new ShapeException("IDX array is of type " + type + ", not an integer type");
        };
    }

    /** Every element of an integer array, as {@link #getInt} gives it (class labels). */
    public int[] toIntArray() {
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getInt(i);
        }
        return out;
    }

    /**
     * A copy of the bytes of an unsigned-byte array; read element {@code i} as {@code b[i] & 0xFF}.
     *
     * @throws ShapeException for other types
     */
    public byte[] toUnsignedBytes() {
        if (type != IdxType.UNSIGNED_BYTE) {
            throw new ShapeException("IDX array is of type " + type + ", not " + IdxType.UNSIGNED_BYTE);
        }
        byte[] out = new byte[size()];
        data().get(out);
        return out;
    }

    /**
     * Items {@code [from, to)} along the first dimension, sharing the data: {@code images.slice(0, 1000)}
     * is the first thousand images.
     */
    public IdxArray slice(int from, int to) {
        if (from < 0 || to > dims[0] || from >= to) {
            throw new ShapeException("IDX slice [" + from + ", " + to + ") is empty or out of range for"
                    + " dimensions " + Arrays.toString(dims));
        }
        int itemBytes = data.capacity() / dims[0];
        int[] sliced = dims.clone();
        sliced[0] = to - from;
        ByteBuffer view = data();
        view.position(from * itemBytes).limit(to * itemBytes);
        return new IdxArray(type, sliced, view);
    }

    /** Equal type, dimensions and elements. */
    @Override
    public boolean equals(Object o) {
        return o instanceof IdxArray && type == ((IdxArray) o).type && Arrays.equals(dims, ((IdxArray) o).dims)
                && data.equals(((IdxArray) o).data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + Arrays.hashCode(dims)) + data.hashCode();
    }

    /** For example {@code IdxArray[0x08 (unsigned byte), [60000, 28, 28]]}; the elements are not listed. */
    @Override
    public String toString() {
        return "IdxArray[" + type + ", " + Arrays.toString(dims) + "]";
    }
}
