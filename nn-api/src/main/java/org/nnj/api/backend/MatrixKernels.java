package org.nnj.api.backend;

/**
 * Dense linear algebra on row-major matrices held in {@code float[]} with an offset and a leading
 * dimension (the distance between the starts of two rows), as in CBLAS with {@code CblasRowMajor}.
 */
public interface MatrixKernels {

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(A)} is {@code m x k}, {@code op(B)}
     * is {@code k x n} and {@code C} is {@code m x n}.
     *
     * <p>{@code op(A)} is {@code A} itself, stored as {@code m} rows of {@code k} ({@code lda >= k}),
     * or, when {@code transA}, the transpose of an {@code A} stored as {@code k} rows of {@code m}
     * ({@code lda >= m}); likewise for {@code B}. Element {@code (i, j)} of {@code C} is
     * {@code c[cOff + i * ldc + j]}, with {@code ldc >= n}.
     *
     * <p>When {@code beta == 0}, {@code C} is only written, never read: NaN or infinity in it does not
     * propagate (BLAS semantics). When {@code alpha == 0} or {@code k == 0}, {@code A} and {@code B} are
     * not read. Implementations validate every argument and throw
     * {@link org.nnj.api.ShapeException} naming the bad one; see {@link GemmArguments}.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float alpha, float[] a, int aOff, int lda,
              float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc);

    /** Adds {@code v[vOff + j]} to every element of column {@code j} of the dense {@code rows x cols} matrix {@code x} (a bias add). */
    void addRowVector(int rows, int cols, float[] v, int vOff, float[] x, int xOff);

    /** Adds the sum of each column of the dense {@code rows x cols} matrix {@code x} to {@code out[outOff + j]} (a bias gradient). */
    void addColumnSums(int rows, int cols, float[] x, int xOff, float[] out, int outOff);
}
