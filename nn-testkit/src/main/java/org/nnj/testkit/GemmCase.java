package org.nnj.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nnj.api.backend.ComputeBackend;

/**
 * One GEMM call to test: {@code C = alpha * op(A) * op(B) + beta * C} with the given sizes, offsets and
 * padding (the leading dimension of each matrix exceeds its stored width by the padding), and a seed for
 * the data. The arrays it builds are deterministic, and laid out to catch the usual bugs:
 * <ul>
 *   <li>padding in {@code A} and {@code B} (between rows, before the offset, after the end) is NaN, so a
 *       kernel that reads it poisons its result;</li>
 *   <li>when {@code alpha == 0} or {@code k == 0} all of {@code A} and {@code B} is NaN, since neither may
 *       be read then;</li>
 *   <li>when {@code beta == 0} the matrix {@code C} holds NaN, which must not survive (BLAS semantics);</li>
 *   <li>padding in {@code C} holds {@link #C_PADDING}, which must survive unchanged.</li>
 * </ul>
 */
public record GemmCase(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
                       int aOff, int aPad, int bOff, int bPad, int cOff, int cPad, long seed) {

    /** What the elements of {@code C}'s array outside the matrix hold; a kernel must leave them alone. */
    public static final float C_PADDING = 777.25f;

    /** Elements after the end of each matrix, so that running past it is caught too. */
    private static final int TAIL = 3;

    private static final float[] ALPHAS = {1f, 2f, -0.5f, 0f};
    private static final float[] BETAS = {0f, 1f, 2f, -0.5f};

    /** Rows of {@code A} as stored ({@code k} when transposed, else {@code m}). */
    public int aRows() {
        return transA ? k : m;
    }

    public int aCols() {
        return transA ? m : k;
    }

    public int bRows() {
        return transB ? n : k;
    }

    public int bCols() {
        return transB ? k : n;
    }

    public int lda() {
        return Math.max(1, aCols()) + aPad;
    }

    public int ldb() {
        return Math.max(1, bCols()) + bPad;
    }

    public int ldc() {
        return Math.max(1, n) + cPad;
    }

    /** A fresh {@code A}, with NaN padding. */
    public float[] newA() {
        return matrix(aOff, aRows(), aCols(), lda(), Float.NaN, readsAB(), seed * 3 + 1);
    }

    /** A fresh {@code B}, with NaN padding. */
    public float[] newB() {
        return matrix(bOff, bRows(), bCols(), ldb(), Float.NaN, readsAB(), seed * 3 + 2);
    }

    /** A fresh {@code C}: NaN inside when {@code beta == 0}, {@link #C_PADDING} outside. */
    public float[] newC() {
        return matrix(cOff, m, n, ldc(), C_PADDING, beta != 0f, seed * 3 + 3);
    }

    /** Runs this call on {@code backend}, updating {@code c}. */
    public void run(ComputeBackend backend, float[] a, float[] b, float[] c) {
        backend.gemm(transA, transB, m, n, k, alpha, a, aOff, lda(), b, bOff, ldb(), beta, c, cOff, ldc());
    }

    /** Element {@code (i, p)} of {@code op(A)}. */
    public float opA(float[] a, int i, int p) {
        return transA ? a[aOff + p * lda() + i] : a[aOff + i * lda() + p];
    }

    /** Element {@code (p, j)} of {@code op(B)}. */
    public float opB(float[] b, int p, int j) {
        return transB ? b[bOff + j * ldb() + p] : b[bOff + p * ldb() + j];
    }

    /** The index of {@code C(i, j)} in its array. */
    public int cIndex(int i, int j) {
        return cOff + i * ldc() + j;
    }

    /** True if index {@code idx} of {@code C}'s array lies inside the {@code m x n} matrix. */
    public boolean insideC(int idx) {
        int rel = idx - cOff;
        return rel >= 0 && rel / ldc() < m && rel % ldc() < n;
    }

    private boolean readsAB() {
        return alpha != 0f && k != 0;
    }

    /** Random values in [-1, 1) inside the matrix when {@code random}, else NaN; {@code padding} outside. */
    private static float[] matrix(int off, int rows, int cols, int ld, float padding, boolean random, long seed) {
        float[] x = new float[off + (rows == 0 ? 0 : (rows - 1) * ld + cols) + TAIL];
        Arrays.fill(x, padding);
        SplittableRandom values = new SplittableRandom(seed);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                x[off + r * ld + j] = random ? (float) values.nextDouble(-1, 1) : Float.NaN;
            }
        }
        return x;
    }

    /**
     * The standard cases (about 2,500, a second or so on the scalar backend): every transpose combination
     * over a cube of small sizes including 0 and 1, every alpha in {1, 2, -0.5, 0} with every beta in
     * {0, 1, 2, -0.5}, odd and prime sizes up to 71, skinny shapes, and a few large enough for blocking
     * and for splitting over threads. Offsets and padding vary from case to case.
     */
    public static List<GemmCase> standardCases() {
        List<GemmCase> cases = new ArrayList<>();
        int[] small = {0, 1, 2, 3, 5, 8, 13, 17};
        for (int m : small) {
            for (int n : small) {
                for (int k : small) {
                    for (int t = 0; t < 4; t++) {
                        int i = cases.size();
                        int ab = (i * 7) % 16;
                        cases.add(of(t, m, n, k, ALPHAS[ab % 4], BETAS[ab / 4], i));
                    }
                }
            }
        }
        int[][] sweep = {{4, 6, 5}, {7, 3, 11}, {1, 9, 2}};
        for (int[] s : sweep) {
            for (float alpha : ALPHAS) {
                for (float beta : BETAS) {
                    for (int t = 0; t < 4; t++) {
                        // Every offset and padding non-zero, so each alpha/beta/transpose meets a strided layout.
                        int i = cases.size();
                        cases.add(new GemmCase((t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], alpha, beta,
                                1 + i % 2, 1 + i % 3, 2, 2, 1 + i % 3, 1 + i % 2, i));
                    }
                }
            }
        }
        int[] primes = {19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71};
        for (int p = 0; p < primes.length; p++) {
            for (int t = 0; t < 4; t++) {
                int i = cases.size();
                cases.add(of(t, primes[p], primes[(p + 3) % primes.length], primes[(p + 7) % primes.length],
                        ALPHAS[i % 3], BETAS[(i / 3) % 4], i));
            }
        }
        int[][] large = {{97, 61, 67}, {130, 200, 257}, {1, 300, 200}, {300, 1, 200}, {200, 300, 1}, {64, 64, 64}};
        for (int[] s : large) {
            for (int t = 0; t < 4; t++) {
                int i = cases.size();
                cases.add(of(t, s[0], s[1], s[2], ALPHAS[i % 3], BETAS[i % 4], i));
            }
        }
        return cases;
    }

    /** A case whose offsets and paddings are derived from {@code i}, so that they vary between cases. */
    private static GemmCase of(int transposes, int m, int n, int k, float alpha, float beta, int i) {
        return new GemmCase((transposes & 1) != 0, (transposes & 2) != 0, m, n, k, alpha, beta,
                i % 3, (i / 3) % 3, (i / 2) % 4, (i / 5) % 2, (i / 7) % 3, i % 2 == 0 ? 0 : 1 + i % 5, i);
    }

    /** For example {@code gemm(NT, m=3, n=5, k=2, alpha=2.0, beta=0.0, aOff=1, lda=4, ...)}. */
    @Override
    public String toString() {
        return "gemm(" + (transA ? "T" : "N") + (transB ? "T" : "N") + ", m=" + m + ", n=" + n + ", k=" + k
                + ", alpha=" + alpha + ", beta=" + beta + ", aOff=" + aOff + ", lda=" + lda() + ", bOff=" + bOff
                + ", ldb=" + ldb() + ", cOff=" + cOff + ", ldc=" + ldc() + ", seed=" + seed + ")";
    }
}
