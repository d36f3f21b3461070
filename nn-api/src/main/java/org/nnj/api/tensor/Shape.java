package org.nnj.api.tensor;

import java.util.Arrays;
import org.nnj.api.ShapeException;

/**
 * The dimensions of a dense, row-major tensor. Immutable.
 *
 * <p>By convention a layer's input and output shapes are <em>per sample</em> (for example {@code [784]}
 * or {@code [1, 28, 28]}); a batch adds a leading dimension ({@link #withBatch(int)}). Images are laid
 * out NCHW, as in PyTorch.
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        this.dims = dims;
        long total = 1;
        for (int d : dims) {
            total *= d;
            if (total > Integer.MAX_VALUE) {
                throw new ShapeException("shape " + Arrays.toString(dims) + " has more than 2^31-1 elements");
            }
        }
        this.size = (int) total;
    }

    /** A shape with the given dimensions; every dimension must be at least 1 (0 is allowed for empty batches). */
    public static Shape of(int... dims) {
        if (dims.length == 0) {
            return SCALAR;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new ShapeException("dimension " + i + " of " + Arrays.toString(dims) + " is negative");
            }
        }
        return new Shape(dims.clone());
    }

    /** The shape of a scalar: rank 0, one element. */
    public static Shape scalar() {
        return SCALAR;
    }

    public int rank() {
        return dims.length;
    }

    /** Dimension {@code axis}; a negative axis counts from the end ({@code -1} is the last). */
    public int dim(int axis) {
        int a = axis < 0 ? dims.length + axis : axis;
        if (a < 0 || a >= dims.length) {
            throw new ShapeException("axis " + axis + " is out of range for shape " + this);
        }
        return dims[a];
    }

    /** The number of elements, the product of all dimensions. */
    public int size() {
        return size;
    }

    public int[] dims() {
        return dims.clone();
    }

    /** This shape with a leading batch dimension: {@code [784].withBatch(64)} is {@code [64, 784]}. */
    public Shape withBatch(int batch) {
        int[] d = new int[dims.length + 1];
        d[0] = batch;
        System.arraycopy(dims, 0, d, 1, dims.length);
        return of(d);
    }

    /** This shape without its leading dimension: {@code [64, 784].dropFirst()} is {@code [784]}. */
    public Shape dropFirst() {
        if (dims.length == 0) {
            throw new ShapeException("a scalar shape has no leading dimension to drop");
        }
        return of(Arrays.copyOfRange(dims, 1, dims.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** For example {@code [64, 1, 28, 28]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
