package org.nnj.simd.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.species.Species;

/**
 * The path for a C at most one vector wide ({@code n <= L}, such as a layer with 10 outputs): a whole row
 * of C is one accumulator. {@code op(B)} is copied once into {@code k} zero-padded vectors, then eight
 * rows of C at a time run {@code k} steps of eight independent FMAs on them, reading A in place. Only
 * the store into C is masked, outside the loop.
 *
 * <p>No vector or mask is passed to a method that might not be inlined: the JIT would have to box it,
 * one allocation per vector (about 3 KB per 64-row call, measured). The accumulators leave through the
 * thread's scratch array instead, and each method makes its own mask.
 */
final class NarrowGemm {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;
    /** Rows of C per block: eight independent accumulator chains cover the FMA latency. */
    private static final int ROWS = 8;

    private NarrowGemm() {
    }

    static boolean fits(int n) {
        return n <= L;
    }

    /** Rows {@code [i0, i1)} of C; the caller has checked {@link #fits}. */
    static void gemm(boolean transA, boolean transB, int i0, int i1, int n, int k,
                     float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        Workspace ws = Workspace.get();
        float[] pb = ws.packedB(k * L);
        float[] rows = ws.accumulators;
        packB(transB, b, bOff, ldb, n, k, pb);
        int aRow = transA ? 1 : lda;
        int aCol = transA ? lda : 1;
        int i = i0;
        for (; i + ROWS <= i1; i += ROWS) {
            eightRows(k, a, aOff + i * aRow, aRow, aCol, pb, rows);
            store(rows, ROWS, n, alpha, beta, c, cOff + i * ldc, ldc);
        }
        for (; i < i1; i++) {
            int ai = aOff + i * aRow;
            FloatVector acc = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                acc = FloatVector.broadcast(S, a[ai + p * aCol]).fma(FloatVector.fromArray(S, pb, p * L), acc);
            }
            acc.intoArray(rows, 0);
            store(rows, 1, n, alpha, beta, c, cOff + i * ldc, ldc);
        }
    }

    /** {@code pb[p * L + j] = op(B)[p, j]} for {@code j < n}, zero for the rest of each vector. */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int n, int k, float[] pb) {
        for (int p = 0; p < k; p++) {
            int o = p * L;
            for (int j = 0; j < n; j++) {
                pb[o + j] = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
            }
            for (int j = n; j < L; j++) {
                pb[o + j] = 0f;
            }
        }
    }

    /** Eight rows of {@code A * op(B)} into {@code rows[0 : 8 * L]}, row after row. */
    private static void eightRows(int k, float[] a, int ai, int aRow, int aCol, float[] pb, float[] rows) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S);
        FloatVector c7 = FloatVector.zero(S);
        int r0 = ai;
        int r1 = ai + aRow;
        int r2 = ai + 2 * aRow;
        int r3 = ai + 3 * aRow;
        int r4 = ai + 4 * aRow;
        int r5 = ai + 5 * aRow;
        int r6 = ai + 6 * aRow;
        int r7 = ai + 7 * aRow;
        // The same loop twice: with a unit step along the rows of A (A not transposed) the JIT sees
        // every index as "invariant + p" and hoists all bounds checks out of the loop.
        if (aCol == 1) {
            for (int p = 0; p < k; p++) {
                FloatVector bv = FloatVector.fromArray(S, pb, p * L);
                c0 = FloatVector.broadcast(S, a[r0 + p]).fma(bv, c0);
                c1 = FloatVector.broadcast(S, a[r1 + p]).fma(bv, c1);
                c2 = FloatVector.broadcast(S, a[r2 + p]).fma(bv, c2);
                c3 = FloatVector.broadcast(S, a[r3 + p]).fma(bv, c3);
                c4 = FloatVector.broadcast(S, a[r4 + p]).fma(bv, c4);
                c5 = FloatVector.broadcast(S, a[r5 + p]).fma(bv, c5);
                c6 = FloatVector.broadcast(S, a[r6 + p]).fma(bv, c6);
                c7 = FloatVector.broadcast(S, a[r7 + p]).fma(bv, c7);
            }
        } else {
            for (int p = 0; p < k; p++) {
                FloatVector bv = FloatVector.fromArray(S, pb, p * L);
                int ap = p * aCol;
                c0 = FloatVector.broadcast(S, a[r0 + ap]).fma(bv, c0);
                c1 = FloatVector.broadcast(S, a[r1 + ap]).fma(bv, c1);
                c2 = FloatVector.broadcast(S, a[r2 + ap]).fma(bv, c2);
                c3 = FloatVector.broadcast(S, a[r3 + ap]).fma(bv, c3);
                c4 = FloatVector.broadcast(S, a[r4 + ap]).fma(bv, c4);
                c5 = FloatVector.broadcast(S, a[r5 + ap]).fma(bv, c5);
                c6 = FloatVector.broadcast(S, a[r6 + ap]).fma(bv, c6);
                c7 = FloatVector.broadcast(S, a[r7 + ap]).fma(bv, c7);
            }
        }
        c0.intoArray(rows, 0);
        c1.intoArray(rows, L);
        c2.intoArray(rows, 2 * L);
        c3.intoArray(rows, 3 * L);
        c4.intoArray(rows, 4 * L);
        c5.intoArray(rows, 5 * L);
        c6.intoArray(rows, 6 * L);
        c7.intoArray(rows, 7 * L);
    }

    /**
     * {@code C[r, 0:n] = alpha * rows[r] + beta * C[r, 0:n]} for {@code count} rows of {@code ldc} apart;
     * C is not read when {@code beta == 0}.
     */
    private static void store(float[] rows, int count, int n, float alpha, float beta, float[] c, int ci, int ldc) {
        VectorMask<Float> inC = S.indexInRange(0, n);
        for (int r = 0; r < count; r++) {
            FloatVector x = FloatVector.fromArray(S, rows, r * L).mul(alpha);
            int o = ci + r * ldc;
            if (beta != 0f) {
                x = FloatVector.fromArray(S, c, o, inC).fma(FloatVector.broadcast(S, beta), x);
            }
            x.intoArray(c, o, inC);
        }
    }
}
