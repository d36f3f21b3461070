package org.nnj.simd.gemm;

import jdk.incubator.vector.FloatVector;
import org.nnj.simd.SimdSettings;
import org.nnj.simd.species.Species;

/**
 * The tile and block sizes of the packed GEMM, in elements.
 *
 * <p>The register tile of C is {@link #MR} rows by {@link #NR} columns ({@link #NV} vectors), held in
 * {@code MR * NV} accumulators. The depth of a block, {@code kc}, is as large as {@link #KC}: every block of
 * k after the first has to load the tile of C again and add to it, and those loads miss the caches when C
 * is larger than L2 (measured: about 15 % at 1024^3 with kc = 256), while a deeper block costs little:
 * the micro-kernel streams its {@code kc x NR} sliver of B (256 KB at most) and its {@code MR x kc} sliver
 * of A from L2, about 23 bytes per cycle at full FMA rate, well within what L2 delivers.
 *
 * <p>The rows of a block of A, {@code mc}, are chosen so that the packed {@code mc x kc} block takes about
 * {@link #A_BLOCK_BYTES} and stays in L2 (1 MB per core on Zen 5, 2 MB on Sapphire Rapids) beside the B
 * sliver; the columns of a panel of B, {@code nc}, so that the packed {@code kc x nc} panel takes about
 * {@link #B_PANEL_BYTES} of the shared L3.
 */
final class Blocking {
    // MR and NV must match the tiles that MicroKernel is written for.

    /** Rows of the register tile. */
    static final int MR = 6;
    /**
     * Vectors across the register tile: 4 when the CPU's widest vectors are 512-bit (AVX-512, which
     * comes with 32 vector registers, room for 24 accumulators), else 2 (AVX2 has 16 registers). It
     * depends on the machine, not on the species chosen, so a forced 256-bit run on an AVX-512 CPU uses
     * the 32 registers too. The system property {@code nnj.simd.gemm.nv} (2 or 4) overrides it, so that
     * the tests run both tiles on any machine ({@link SimdSettings#gemmVectorsAcross()}).
     */
    static final int NV = vectorsAcross(SimdSettings.get().gemmVectorsAcross());
    /** Columns of the register tile. */
    static final int NR = NV * Species.LANES;
    /** The largest depth of one packed block. */
    static final int KC = 1024;
    /** Bytes of one packed block of A, the L2-resident operand. */
    static final int A_BLOCK_BYTES = 384 * 1024;
    /** Bytes of one packed panel of B, the L3-resident operand. */
    static final int B_PANEL_BYTES = 4 * 1024 * 1024;

    private Blocking() {
    }

    /**
     * The depth of the blocks of {@code k}: equal blocks of at most {@link #KC} rather than full blocks and
     * a thin remainder, since a thin block runs the kernel on a short k loop and spends most of its time
     * loading and storing C. Every driver splits k the same way, so that each element of C sums its
     * products in the same order however many threads compute it.
     */
    static int kc(int k) {
        int blocks = (k + KC - 1) / KC;
        return (k + blocks - 1) / blocks;
    }

    /** Rows of a block of A for depth {@code kc}: a multiple of {@link #MR}, at least one tile. */
    static int mc(int kc) {
        return Math.max(MR, A_BLOCK_BYTES / (Float.BYTES * kc) / MR * MR);
    }

    /** Columns of a panel of B for depth {@code kc}: a multiple of {@link #NR}, at least one tile. */
    static int nc(int kc) {
        return Math.max(NR, B_PANEL_BYTES / (Float.BYTES * kc) / NR * NR);
    }

    /** The forced tile width, or (0: not forced) the one the CPU's widest vectors call for. */
    private static int vectorsAcross(int forced) {
        if (forced != 0) {
            return forced; // 2 or 4, checked by SimdSettings
        }
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? 4 : 2;
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
