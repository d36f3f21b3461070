package org.nnj.simd.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.parallel.WorkerPool;
import org.nnj.simd.species.Species;

/**
 * {@code C = op(A) * B + beta * C} (alpha 1, beta 0 or 1) when A is mostly zeros: a dense layer's backward
 * pass, whose output gradient {@code dY} is zero wherever a ReLU was off or a dropout dropped (74 % of the
 * CNN's dense layer's at batch 64), in its weight gradient {@code dW += dY^T * X} (A transposed) and its input
 * gradient {@code dX = dY * W}. The packed GEMM multiplies each of those zeros into a whole row of B; here
 * each row of C runs over the nonzero values of its row of {@code op(A)} only, broadcasting each into 16
 * vectors of the matching row of B at a time.
 *
 * <p>Every element of C sums the same products in the same order as the packed GEMM, starting from
 * {@code +0} in one block of depth (hence {@code k <= }{@link Blocking#KC}), and is stored as its
 * micro-kernel stores it: {@code C * beta + sum} in one rounding. A skipped product is a zero, which changes
 * no such sum (it is never {@code -0}), so the result is the packed GEMM's, bit for bit, whenever B is
 * finite; {@link #pays} sends any other case there. Rows of C are split over threads, so the result does not
 * depend on their number either. Only calls that would go to the packed GEMM come here ({@link Sgemm}).
 */
final class SparseAGemm {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;
    /** Vectors of a row of C that one pass over its nonzero values keeps in registers. */
    private static final int VECTORS = 16;
    /**
     * The largest share of nonzero values of A for which this runs. Measured on the CNN's dense layer (one
     * thread, JDK 25), both bound by memory rather than by the FMAs: its weight gradient (1024 x 3136 x 64,
     * A transposed) 4.0-4.5 ms at 26 % nonzero against 5.2-6.0 for the packed GEMM; its input gradient
     * (64 x 3136 x 1024) 4.3 ms at 26 % and 3.6 at 15 %, against 5.5-5.6.
     */
    static final double MAX_DENSITY = 0.3;
    /** Multiply-adds below which a call is not split over threads (about 20 microseconds of work). */
    private static final long MIN_WORK_PER_PART = 1L << 20;

    private SparseAGemm() {
    }

    /**
     * True for the shapes this covers: 512-bit vectors, an untransposed B, alpha 1, beta 0 or 1 (where the
     * packed GEMM's two ways of applying them, in whole tiles and at the edges, agree), at least a vector of
     * columns and one block of depth.
     */
    static boolean suits(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta) {
        return L == 16 && !transB && alpha == 1f && (beta == 0f || beta == 1f) && n >= L
                && k <= Blocking.KC && m >= Blocking.MR;
    }

    /** True when at most {@link #MAX_DENSITY} of {@code op(A)} is nonzero and B is finite. */
    static boolean pays(boolean transA, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
                        int ldb) {
        long nonzero = 0;
        int lines = transA ? k : m;
        int length = transA ? m : k;
        for (int i = 0; i < lines; i++) {
            nonzero += nonzeros(a, aOff + i * lda, length);
        }
        if (nonzero > (long) (MAX_DENSITY * m * k)) {
            return false;
        }
        FloatVector products = FloatVector.zero(S);
        FloatVector zero = FloatVector.zero(S);
        float rest = 0f;
        for (int p = 0; p < k; p++) {
            int row = bOff + p * ldb;
            int j = 0;
            for (int end = S.loopBound(n); j < end; j += L) {
                products = FloatVector.fromArray(S, b, row + j).fma(zero, products);
            }
            for (; j < n; j++) {
                rest += b[row + j] * 0f;
            }
        }
        // v * 0 is a zero exactly for finite v: a NaN here means an infinity or a NaN in B.
        return !products.compare(VectorOperators.NE, products).anyTrue() && rest == rest;
    }

    private static int nonzeros(float[] a, int from, int count) {
        int nonzero = 0;
        int i = 0;
        for (int end = S.loopBound(count); i < end; i += L) {
            nonzero += FloatVector.fromArray(S, a, from + i).compare(VectorOperators.NE, 0f).trueCount();
        }
        for (; i < count; i++) {
            nonzero += a[from + i] != 0f ? 1 : 0;
        }
        return nonzero;
    }

    static void gemm(int threads, boolean transA, int m, int n, int k, float[] a, int aOff, int lda, float[] b,
                     int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        long work = (long) m * n * k;
        int parts = (int) Math.max(1, Math.min(Math.min(threads, m), work / MIN_WORK_PER_PART));
        // op(A)[i][p]: a row of A, or a column when transposed.
        int aRow = transA ? 1 : lda;
        int aStep = transA ? lda : 1;
        WorkerPool.run(parts, part -> {
            int first = (int) ((long) m * part / parts);
            int rows = (int) ((long) m * (part + 1) / parts) - first;
            int[] counts = new int[rows];
            int[] offsets = new int[rows * k];
            float[] values = new float[rows * k];
            float[] tile = new float[VECTORS * L];
            for (int r = 0; r < rows; r++) {
                int count = 0;
                for (int p = 0, at = aOff + (first + r) * aRow; p < k; p++, at += aStep) {
                    float v = a[at];
                    if (v != 0f) {
                        offsets[r * k + count] = bOff + p * ldb;
                        values[r * k + count++] = v;
                    }
                }
                counts[r] = count;
            }
            int whole = n - n % (VECTORS * L);
            if (transA) {
                // A weight gradient: C is large (12.8 MB in the CNN), so each row of C is written once, whole.
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < whole; j += VECTORS * L) {
                        row16(counts[r], offsets, values, r * k, b, j, beta, c, cOff + (first + r) * ldc + j, tile);
                    }
                }
            } else {
                // An input gradient: B is large (the weights, 12.8 MB), so a block of its columns is read from
                // memory once and then from L2 by every row of C.
                for (int j = 0; j < whole; j += VECTORS * L) {
                    for (int r = 0; r < rows; r++) {
                        row16(counts[r], offsets, values, r * k, b, j, beta, c, cOff + (first + r) * ldc + j, tile);
                    }
                }
            }
            for (int r = 0; r < rows; r++) {
                rest(counts[r], offsets, values, r * k, b, whole, n, beta, c, cOff + (first + r) * ldc, tile);
            }
        });
    }

    /** Columns {@code [j, n)} of one row of C, at {@code c[at]}, vector by vector, then one by one. */
    private static void rest(int count, int[] offsets, float[] values, int from, float[] b, int j, int n,
                             float beta, float[] c, int at, float[] tile) {
        for (; j + L <= n; j += L) {
            FloatVector acc = FloatVector.zero(S);
            for (int e = from; e < from + count; e++) {
                acc = FloatVector.broadcast(S, values[e]).fma(FloatVector.fromArray(S, b, offsets[e] + j), acc);
            }
            acc.intoArray(tile, 0);
            store(tile, L, beta, c, at + j);
        }
        for (; j < n; j++) {
            float acc = 0f;
            for (int e = from; e < from + count; e++) {
                acc = Math.fma(values[e], b[offsets[e] + j], acc);
            }
            c[at + j] = beta == 0f ? acc : Math.fma(c[at + j], beta, acc);
        }
    }

    /**
     * {@code C = C * beta + sum} for the {@code floats} sums in {@code tile}, one rounding, as the micro-kernel
     * stores (its {@code alpha * sum} is exact for alpha 1).
     */
    private static void store(float[] tile, int floats, float beta, float[] c, int at) {
        FloatVector vb = FloatVector.broadcast(S, beta);
        for (int v = 0; v < floats; v += L) {
            FloatVector x = FloatVector.fromArray(S, tile, v);
            if (beta != 0f) {
                x = FloatVector.fromArray(S, c, at + v).fma(vb, x);
            }
            x.intoArray(c, at + v);
        }
    }

    /**
     * 16 vectors of a row of C, at {@code c[at]}, from column {@code j}; its steps are from {@code from}. The
     * sums go through {@code tile} to {@link #store}, as the micro-kernel's do: a method that takes vectors
     * as arguments and is not inlined gets them boxed, an allocation per vector.
     */
    private static void row16(int count, int[] offsets, float[] values, int from, float[] b, int j, float beta,
                              float[] c, int at, float[] tile) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S);
        FloatVector c7 = FloatVector.zero(S);
        FloatVector c8 = FloatVector.zero(S);
        FloatVector c9 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c12 = FloatVector.zero(S);
        FloatVector c13 = FloatVector.zero(S);
        FloatVector c14 = FloatVector.zero(S);
        FloatVector c15 = FloatVector.zero(S);
        for (int e = from; e < from + count; e++) {
            int r = offsets[e] + j;
            FloatVector v = FloatVector.broadcast(S, values[e]);
            c0 = v.fma(FloatVector.fromArray(S, b, r), c0);
            c1 = v.fma(FloatVector.fromArray(S, b, r + L), c1);
            c2 = v.fma(FloatVector.fromArray(S, b, r + 2 * L), c2);
            c3 = v.fma(FloatVector.fromArray(S, b, r + 3 * L), c3);
            c4 = v.fma(FloatVector.fromArray(S, b, r + 4 * L), c4);
            c5 = v.fma(FloatVector.fromArray(S, b, r + 5 * L), c5);
            c6 = v.fma(FloatVector.fromArray(S, b, r + 6 * L), c6);
            c7 = v.fma(FloatVector.fromArray(S, b, r + 7 * L), c7);
            c8 = v.fma(FloatVector.fromArray(S, b, r + 8 * L), c8);
            c9 = v.fma(FloatVector.fromArray(S, b, r + 9 * L), c9);
            c10 = v.fma(FloatVector.fromArray(S, b, r + 10 * L), c10);
            c11 = v.fma(FloatVector.fromArray(S, b, r + 11 * L), c11);
            c12 = v.fma(FloatVector.fromArray(S, b, r + 12 * L), c12);
            c13 = v.fma(FloatVector.fromArray(S, b, r + 13 * L), c13);
            c14 = v.fma(FloatVector.fromArray(S, b, r + 14 * L), c14);
            c15 = v.fma(FloatVector.fromArray(S, b, r + 15 * L), c15);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, L);
        c2.intoArray(tile, 2 * L);
        c3.intoArray(tile, 3 * L);
        c4.intoArray(tile, 4 * L);
        c5.intoArray(tile, 5 * L);
        c6.intoArray(tile, 6 * L);
        c7.intoArray(tile, 7 * L);
        c8.intoArray(tile, 8 * L);
        c9.intoArray(tile, 9 * L);
        c10.intoArray(tile, 10 * L);
        c11.intoArray(tile, 11 * L);
        c12.intoArray(tile, 12 * L);
        c13.intoArray(tile, 13 * L);
        c14.intoArray(tile, 14 * L);
        c15.intoArray(tile, 15 * L);
        store(tile, VECTORS * L, beta, c, at);
    }
}
