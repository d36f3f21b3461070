package org.nnj.bench.peak;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The measured ceiling for the kernels: one thread doing nothing but independent float FMAs on vectors of
 * the preferred species, from registers, with no loads or stores in the loop. 24 accumulators (as many as
 * the GEMM's and the convolution's tiles hold) cover the FMA latency on both pipes, so this is the fastest
 * rate at which any kernel here could multiply and add.
 */
public final class FmaPeak {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private FmaPeak() {
    }

    /** Floating-point operations one call of {@link #run} performs: 2 per lane per FMA. */
    public static long flops(int iterations) {
        return 2L * 24 * S.length() * iterations;
    }

    /** {@code iterations} rounds of 24 independent FMAs of the form the kernels use ({@code acc = a * b + acc}); returns a value that depends on all of them. */
    public static float run(int iterations, float seed) {
        FloatVector x = FloatVector.broadcast(S, 1.0000001f);
        FloatVector y = FloatVector.broadcast(S, 0.9999999f);
        FloatVector c0 = FloatVector.broadcast(S, seed);
        FloatVector c1 = c0.add(1f);
        FloatVector c2 = c0.add(2f);
        FloatVector c3 = c0.add(3f);
        FloatVector c4 = c0.add(4f);
        FloatVector c5 = c0.add(5f);
        FloatVector c6 = c0.add(6f);
        FloatVector c7 = c0.add(7f);
        FloatVector c8 = c0.add(8f);
        FloatVector c9 = c0.add(9f);
        FloatVector c10 = c0.add(10f);
        FloatVector c11 = c0.add(11f);
        FloatVector c12 = c0.add(12f);
        FloatVector c13 = c0.add(13f);
        FloatVector c14 = c0.add(14f);
        FloatVector c15 = c0.add(15f);
        FloatVector c16 = c0.add(16f);
        FloatVector c17 = c0.add(17f);
        FloatVector c18 = c0.add(18f);
        FloatVector c19 = c0.add(19f);
        FloatVector c20 = c0.add(20f);
        FloatVector c21 = c0.add(21f);
        FloatVector c22 = c0.add(22f);
        FloatVector c23 = c0.add(23f);
        for (int i = 0; i < iterations; i++) {
            c0 = x.fma(y, c0);
            c1 = x.fma(y, c1);
            c2 = x.fma(y, c2);
            c3 = x.fma(y, c3);
            c4 = x.fma(y, c4);
            c5 = x.fma(y, c5);
            c6 = x.fma(y, c6);
            c7 = x.fma(y, c7);
            c8 = x.fma(y, c8);
            c9 = x.fma(y, c9);
            c10 = x.fma(y, c10);
            c11 = x.fma(y, c11);
            c12 = x.fma(y, c12);
            c13 = x.fma(y, c13);
            c14 = x.fma(y, c14);
            c15 = x.fma(y, c15);
            c16 = x.fma(y, c16);
            c17 = x.fma(y, c17);
            c18 = x.fma(y, c18);
            c19 = x.fma(y, c19);
            c20 = x.fma(y, c20);
            c21 = x.fma(y, c21);
            c22 = x.fma(y, c22);
            c23 = x.fma(y, c23);
        }
        FloatVector s = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10)
                .add(c11).add(c12).add(c13).add(c14).add(c15).add(c16).add(c17).add(c18).add(c19).add(c20)
                .add(c21).add(c22).add(c23);
        return s.reduceLanes(VectorOperators.ADD);
    }
}
