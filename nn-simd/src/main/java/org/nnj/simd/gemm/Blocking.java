package org.nnj.simd.gemm;

import org.nnj.simd.species.Species;

/**
 * The tile and block sizes of the packed GEMM, in elements.
 *
 * <p>The register tile of C is {@link #MR} rows by {@link #NR} columns ({@link #NV} vectors), held in
 * {@code MR * NV} accumulators. A {@code KC x NR} sliver of packed B stays in the 48 KB L1 cache while the
 * micro-kernel runs down the {@code MC x KC} block of packed A, which stays in the 1 MB L2 cache (Zen 5's
 * sizes per core); a {@code KC x NC} panel of packed B lives in L3.
 */
final class Blocking {
    // MR and NV must match the tile that MicroKernel.kernel is written for.

    /** Rows of the register tile. */
    static final int MR = 6;
    /** Vectors across the register tile. */
    static final int NV = 2;
    /** Columns of the register tile. */
    static final int NR = NV * Species.LANES;
    /** Depth of one packed block (the k extent of a panel). */
    static final int KC = Integer.getInteger("nnj.simd.gemm.kc", 256);
    /** Rows of one packed block of A: a multiple of {@link #MR}. */
    static final int MC = roundUp(Integer.getInteger("nnj.simd.gemm.mc", 144), MR);
    /** Columns of one packed panel of B: a multiple of {@link #NR}. */
    static final int NC = roundUp(Integer.getInteger("nnj.simd.gemm.nc", 4096), NR);

    private Blocking() {
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
