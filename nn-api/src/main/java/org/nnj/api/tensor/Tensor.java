package org.nnj.api.tensor;

import java.util.Arrays;
import java.util.Objects;
import org.nnj.api.ShapeException;

/**
 * A dense float32 tensor: a {@link Shape}, a {@code float[]} and the offset of the first element in it.
 * Row-major; images are NCHW; weights follow PyTorch's layout (Dense {@code [out, in]}, Conv2d
 * {@code [out, in, kh, kw]}).
 *
 * <p>A tensor is a view: {@link #reshape}, {@link #slice} and {@link #batchItem} share the array. The
 * array is exposed on purpose ({@link #data()}, {@link #offset()}): kernels in a
 * {@link org.nnj.api.backend.ComputeBackend} work on arrays and offsets, BLAS-style, and a tensor is how
 * layers hand them over. A tensor does no arithmetic itself; the backend does.
 *
 * <p>Not thread-safe for writing; reading from many threads is safe when nobody writes.
 */
public final class Tensor {
    private final Shape shape;
    private final float[] data;
    private final int offset;

    private Tensor(Shape shape, float[] data, int offset) {
        this.shape = shape;
        this.data = data;
        this.offset = offset;
    }

    /** A new tensor of zeros. */
    public static Tensor zeros(Shape shape) {
        return new Tensor(shape, new float[shape.size()], 0);
    }

    /** A new tensor of zeros with the given dimensions. */
    public static Tensor zeros(int... dims) {
        return zeros(Shape.of(dims));
    }

    /** Wraps {@code data} (not copied) as a tensor of the given shape, starting at index 0. */
    public static Tensor wrap(float[] data, Shape shape) {
        return wrap(data, 0, shape);
    }

    /** Wraps {@code data} (not copied) as a tensor of the given shape, starting at {@code offset}. */
    public static Tensor wrap(float[] data, int offset, Shape shape) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(shape, "shape");
        if (offset < 0 || (long) offset + shape.size() > data.length) {
            throw new ShapeException("a tensor of shape " + shape + " at offset " + offset
                    + " does not fit in an array of length " + data.length);
        }
        return new Tensor(shape, data, offset);
    }

    /** A new tensor holding a copy of {@code values}, with the given dimensions. */
    public static Tensor of(float[] values, int... dims) {
        Shape shape = Shape.of(dims);
        if (values.length != shape.size()) {
            throw new ShapeException(values.length + " values do not fill shape " + shape
                    + " of " + shape.size() + " elements");
        }
        return new Tensor(shape, values.clone(), 0);
    }

    public Shape shape() {
        return shape;
    }

    /** The backing array, shared: element {@code i} of this tensor is {@code data()[offset() + i]}. */
    public float[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    /** The number of elements. */
    public int size() {
        return shape.size();
    }

    /** Dimension {@code axis} of the shape; negative axes count from the end. */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    /** The element at the given multi-dimensional index. */
    public float get(int... index) {
        return data[offset + flatIndex(index)];
    }

    /** Sets the element at the given multi-dimensional index. */
    public void set(float value, int... index) {
        data[offset + flatIndex(index)] = value;
    }

    /** The element at flat (row-major) position {@code i}. */
    public float getFlat(int i) {
        Objects.checkIndex(i, shape.size());
        return data[offset + i];
    }

    /** Sets the element at flat (row-major) position {@code i}. */
    public void setFlat(int i, float value) {
        Objects.checkIndex(i, shape.size());
        data[offset + i] = value;
    }

    /** A view with another shape of the same size, sharing the data. */
    public Tensor reshape(Shape newShape) {
        if (newShape.size() != shape.size()) {
            throw new ShapeException("cannot reshape " + shape + " (" + shape.size() + " elements) to "
                    + newShape + " (" + newShape.size() + " elements)");
        }
        return new Tensor(newShape, data, offset);
    }

    /** A view with other dimensions of the same size, sharing the data. */
    public Tensor reshape(int... dims) {
        return reshape(Shape.of(dims));
    }

    /** A view of rows {@code [from, to)} along the first dimension, sharing the data. */
    public Tensor slice(int from, int to) {
        int rows = shape.dim(0);
        if (from < 0 || to > rows || from > to) {
            throw new ShapeException("slice [" + from + ", " + to + ") is out of range for the first"
                    + " dimension of " + shape);
        }
        int[] dims = shape.dims();
        int rowSize = rows == 0 ? 0 : shape.size() / rows;
        dims[0] = to - from;
        return new Tensor(Shape.of(dims), data, offset + from * rowSize);
    }

    /** Item {@code i} of a batch, without the batch dimension, sharing the data. */
    public Tensor batchItem(int i) {
        return slice(i, i + 1).reshape(shape.dropFirst());
    }

    /** A new tensor with a copy of this one's elements, in a fresh array starting at offset 0. */
    public Tensor copy() {
        return new Tensor(shape, Arrays.copyOfRange(data, offset, offset + shape.size()), 0);
    }

    /** A new array with this tensor's elements in row-major order. */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + shape.size());
    }

    /** Copies {@code source}'s elements into this tensor; the sizes must agree (shapes may differ). */
    public void copyFrom(Tensor source) {
        if (source.size() != size()) {
            throw new ShapeException("cannot copy " + source.shape + " into " + shape + ": sizes differ");
        }
        System.arraycopy(source.data, source.offset, data, offset, size());
    }

    /** Sets every element to {@code value}. */
    public void fill(float value) {
        Arrays.fill(data, offset, offset + shape.size(), value);
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.rank()) {
            throw new ShapeException("index " + Arrays.toString(index) + " has rank " + index.length
                    + ", the tensor has shape " + shape);
        }
        int flat = 0;
        for (int axis = 0; axis < index.length; axis++) {
            int d = shape.dim(axis);
            if (index[axis] < 0 || index[axis] >= d) {
                throw new ShapeException("index " + Arrays.toString(index) + " is out of range for shape " + shape);
            }
            flat = flat * d + index[axis];
        }
        return flat;
    }

    /** The shape and, for small tensors, the values. */
    @Override
    public String toString() {
        if (size() <= 16) {
            return "Tensor" + shape + Arrays.toString(toArray());
        }
        return "Tensor" + shape;
    }
}
