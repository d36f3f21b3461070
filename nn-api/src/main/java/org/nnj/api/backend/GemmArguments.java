package org.nnj.api.backend;

import org.nnj.api.ShapeException;

/**
 * Validation of {@link MatrixKernels#gemm} arguments, shared by every backend so that they all reject
 * the same calls with the same messages.
 */
public final class GemmArguments {
    private GemmArguments() {
    }

    /** Throws {@link ShapeException} naming the first argument that does not fit. */
    public static void check(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new ShapeException("gemm: m, n and k must not be negative, got m=" + m + ", n=" + n + ", k=" + k);
        }
        // A is stored as rowsA x colsA, B as rowsB x colsB (row-major).
        int rowsA = transA ? k : m;
        int colsA = transA ? m : k;
        int rowsB = transB ? n : k;
        int colsB = transB ? k : n;
        checkMatrix("gemm: A", a, aOff, lda, rowsA, colsA, transA ? "m" : "k");
        checkMatrix("gemm: B", b, bOff, ldb, rowsB, colsB, transB ? "k" : "n");
        checkMatrix("gemm: C", c, cOff, ldc, m, n, "n");
    }

    /** Checks a dense {@code rows x cols} matrix at {@code off} in {@code x} (leading dimension {@code cols}). */
    public static void checkDense(String name, float[] x, int off, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new ShapeException(name + ": rows and cols must not be negative, got " + rows + "x" + cols);
        }
        checkMatrix(name, x, off, cols, rows, cols, "cols");
    }

    /** Checks that {@code n} elements from {@code off} lie inside {@code x}. */
    public static void checkRange(String name, float[] x, int off, int n) {
        if (x == null) {
            throw new ShapeException(name + " is null");
        }
        if (n < 0 || off < 0 || (long) off + n > x.length) {
            throw new ShapeException(name + ": " + n + " elements from offset " + off
                    + " do not fit in an array of length " + x.length);
        }
    }

    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols, String ldMin) {
        if (rows == 0 || cols == 0) {
            return;
        }
        if (x == null) {
            throw new ShapeException(name + " is null");
        }
        if (ld < Math.max(1, cols)) {
            throw new ShapeException(name + ": leading dimension " + ld + " must be at least " + cols
                    + " (" + ldMin + ") for a matrix stored as " + rows + "x" + cols);
        }
        long last = off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new ShapeException(name + " (" + rows + "x" + cols + ", ld=" + ld + ", offset " + off
                    + ") needs " + last + " elements but its array has " + x.length);
        }
    }
}
