package org.nnj.simd.gemm;

import static org.nnj.simd.gemm.Blocking.MR;
import static org.nnj.simd.gemm.Blocking.NR;

/**
 * One thread's packing buffers, scratch tile and buffer for narrow products computed transposed, kept in
 * a {@link ThreadLocal} and grown only when a larger block is needed, so GEMM calls allocate nothing in
 * steady state. A thread runs one GEMM part at a time, so its workspace is never shared.
 */
final class Workspace {
    private static final ThreadLocal<Workspace> PER_THREAD = ThreadLocal.withInitial(Workspace::new);

    private float[] packedA = new float[0];
    private float[] packedB = new float[0];
    private float[] transposedC = new float[0];
    /** Where the kernel writes edge tiles, which are then merged into C element by element. */
    final float[] tile = new float[MR * NR];
    /**
     * Where a kernel leaves its accumulators for the step that applies alpha and beta: the micro-kernel's
     * tile, or {@link NarrowGemm}'s eight rows (8 vectors, fewer than the tile's {@code MR * NV}).
     */
    final float[] accumulators = new float[MR * NR];

    /** {@code columns[p] = p}: the step offsets of {@link RowBroadcastGemm}, whose rows are consecutive. */
    private int[] columns = new int[0];
    private int[] listedSteps = new int[0];
    private int[] sparseCounts = new int[0];
    private int[] sparseOffsets = new int[0];
    private float[] sparseValues = new float[0];

    private Workspace() {
    }

    /** {@code strided[p] = p * stride}: the step offsets of a transposed A in {@link BroadcastAGemm}. */
    private int[] strided = new int[0];
    private int stridedStep = -1;

    /** {@code [0, stride, 2 * stride, ...]}, at least {@code k} long. */
    int[] strided(int k, int stride) {
        if (strided.length < k || stridedStep != stride) {
            strided = new int[Math.max(k, strided.length)];
            for (int p = 0; p < strided.length; p++) {
                strided[p] = p * stride;
            }
            stridedStep = stride;
        }
        return strided;
    }

    /** The identity {@code [0, 1, ..., k - 1]} (or longer). */
    int[] columns(int k) {
        if (columns.length < k) {
            columns = new int[k];
            for (int p = 0; p < k; p++) {
                columns[p] = p;
            }
        }
        return columns;
    }

    /** Where {@link BroadcastAGemm} lists the nonzero steps of a tile of A. */
    int[] listedSteps(int size) {
        listedSteps = ints(listedSteps, size);
        return listedSteps;
    }

    /** {@link SparseAGemm}'s count of nonzero values per row of {@code op(A)}. */
    int[] sparseCounts(int rows) {
        sparseCounts = ints(sparseCounts, rows);
        return sparseCounts;
    }

    /** {@link SparseAGemm}'s offsets of the rows of B that the nonzero values of {@code op(A)} multiply. */
    int[] sparseOffsets(int size) {
        sparseOffsets = ints(sparseOffsets, size);
        return sparseOffsets;
    }

    /** {@link SparseAGemm}'s nonzero values of {@code op(A)}, row by row. */
    float[] sparseValues(int size) {
        sparseValues = floats(sparseValues, size);
        return sparseValues;
    }

    static Workspace get() {
        return PER_THREAD.get();
    }

    float[] packedA(int size) {
        packedA = floats(packedA, size);
        return packedA;
    }

    /** Where a narrow product is computed transposed; never the same array as the packing buffers. */
    float[] transposedC(int size) {
        transposedC = floats(transposedC, size);
        return transposedC;
    }

    float[] packedB(int size) {
        packedB = floats(packedB, size);
        return packedB;
    }

    /** {@code array}, or a new one of {@code size} if it is shorter: buffers grow, and are never cleared. */
    private static int[] ints(int[] array, int size) {
        return array.length < size ? new int[size] : array;
    }

    private static float[] floats(float[] array, int size) {
        return array.length < size ? new float[size] : array;
    }
}
