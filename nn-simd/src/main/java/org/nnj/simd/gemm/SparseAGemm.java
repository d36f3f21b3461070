package org.nnj.simd.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.elementwise.Scans;
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
    static boolean pays(int threads, boolean transA, int m, int n, int k, float[] a, int aOff, int lda, float[] b,
                        int bOff, int ldb) {
        long nonzero = transA ? Scans.nonzeros(threads, a, aOff, k, m, lda)
                : Scans.nonzeros(threads, a, aOff, m, k, lda);
        return nonzero <= (long) (MAX_DENSITY * m * k) && Scans.finite(threads, b, bOff, k, n, ldb);
    }

    static void gemm(int threads, boolean transA, int m, int n, int k, float[] a, int aOff, int lda, float[] b,
                     int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        long work = (long) m * n * k;
        int blocks = n / (VECTORS * L);
        int whole = blocks * VECTORS * L;
        // A weight gradient (A transposed): C is large (12.8 MB in the CNN), so each row of C is written once,
        // whole, and the threads split the rows. An input gradient: B is large (the weights, 12.8 MB), so a
        // block of its columns is read from memory once and then from L2 by every row of C, and the threads
        // split the blocks (the last part also takes the columns past them).
        int lines = transA ? m : blocks + 1;
        int parts = (int) Math.max(1, Math.min(Math.min(threads, lines), work / MIN_WORK_PER_PART));
        WorkerPool.run(parts, part -> {
            int from = (int) ((long) lines * part / parts);
            int to = (int) ((long) lines * (part + 1) / parts);
            int first = transA ? from : 0;
            int rows = transA ? to - from : m;
            Steps steps = Steps.of(transA, a, aOff, lda, first, rows, k, bOff, ldb);
            float[] tile = new float[VECTORS * L];
            if (transA) {
                for (int r = 0; r < rows; r++) {
                    int at = cOff + (first + r) * ldc;
                    for (int j = 0; j < whole; j += VECTORS * L) {
                        row16(steps.counts[r], steps.offsets, steps.values, r * k, b, j, beta, c, at + j, tile);
                    }
                    rest(steps.counts[r], steps.offsets, steps.values, r * k, b, whole, n, beta, c, at, tile);
                }
            } else {
                for (int blk = from; blk < Math.min(to, blocks); blk++) {
                    int j = blk * VECTORS * L;
                    for (int r = 0; r < rows; r++) {
                        row16(steps.counts[r], steps.offsets, steps.values, r * k, b, j, beta, c,
                                cOff + r * ldc + j, tile);
                    }
                }
                if (to == lines) {
                    for (int r = 0; r < rows; r++) {
                        rest(steps.counts[r], steps.offsets, steps.values, r * k, b, whole, n, beta, c, cOff + r * ldc,
                                tile);
                    }
                }
            }
        });
    }

    /**
     * The nonzero values of {@code rows} rows of {@code op(A)} from row {@code first}, row {@code r}'s at
     * {@code [r * k, r * k + counts[r])} of {@code values}, with the offsets of their rows of B.
     */
    private static final class Steps {
        final int[] counts;
        final int[] offsets;
        final float[] values;

        /** In the calling thread's {@link Workspace}: a call allocates nothing once its buffers have grown. */
        private Steps(int rows, int k) {
            Workspace ws = Workspace.get();
            counts = ws.sparseCounts(rows);
            offsets = ws.sparseOffsets(rows * k);
            values = ws.sparseValues(rows * k);
        }

        static Steps of(boolean transA, float[] a, int aOff, int lda, int first, int rows, int k, int bOff, int ldb) {
            // op(A)[i][p]: a row of A, or a column when transposed.
            int aRow = transA ? 1 : lda;
            int aStep = transA ? lda : 1;
            Steps steps = new Steps(rows, k);
            for (int r = 0; r < rows; r++) {
                int count = 0;
                for (int p = 0, at = aOff + (first + r) * aRow; p < k; p++, at += aStep) {
                    float v = a[at];
                    if (v != 0f) {
                        steps.offsets[r * k + count] = bOff + p * ldb;
                        steps.values[r * k + count++] = v;
                    }
                }
                steps.counts[r] = count;
            }
            return steps;
        }
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
