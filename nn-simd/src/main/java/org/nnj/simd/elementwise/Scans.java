package org.nnj.simd.elementwise;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.parallel.WorkerPool;
import org.nnj.simd.species.Species;

/**
 * Questions the sparse kernels ask of their operands before they run: how many values of a matrix are nonzero,
 * and whether all are finite. A matrix is {@code lines} runs of {@code length} floats, {@code stride} apart
 * (a whole array is one line). The lines are split over threads from a few hundred thousand floats: on two
 * threads the checks of a CNN step's backward passes (about 5 million floats) ran on one while the other waited.
 */
public final class Scans {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;
    /** Floats below which a scan is not split (about 20 microseconds of work). */
    private static final long MIN_FLOATS_PER_PART = 1L << 18;

    private Scans() {
    }

    /** The nonzero values (NaN included) among the matrix's. */
    public static long nonzeros(int threads, float[] a, int off, int lines, int length, int stride) {
        long[] counts = new long[parts(threads, lines, length)];
        split(counts.length, lines, (part, from, to) -> {
            long count = 0;
            for (int line = from; line < to; line++) {
                count += nonzeros(a, off + line * stride, length);
            }
            counts[part] = count;
        });
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /** True when no value of the matrix is infinite or NaN. */
    public static boolean finite(int threads, float[] a, int off, int lines, int length, int stride) {
        boolean[] finite = new boolean[parts(threads, lines, length)];
        split(finite.length, lines, (part, from, to) -> {
            boolean all = true;
            for (int line = from; line < to && all; line++) {
                all = finite(a, off + line * stride, length);
            }
            finite[part] = all;
        });
        for (boolean all : finite) {
            if (!all) {
                return false;
            }
        }
        return true;
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

    /** {@code v * 0} is a zero exactly for finite {@code v}, so a NaN among the products means one was not. */
    private static boolean finite(float[] a, int from, int count) {
        FloatVector products = FloatVector.zero(S);
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int end = S.loopBound(count); i < end; i += L) {
            products = FloatVector.fromArray(S, a, from + i).fma(zero, products);
        }
        float rest = 0f;
        for (; i < count; i++) {
            rest += a[from + i] * 0f;
        }
        return !products.compare(VectorOperators.NE, products).anyTrue() && rest == rest;
    }

    private static int parts(int threads, int lines, int length) {
        return (int) Math.max(1, Math.min(Math.min(threads, lines), (long) lines * length / MIN_FLOATS_PER_PART));
    }

    /** Lines {@code [from, to)} of part {@code part}. */
    private interface Lines {
        void scan(int part, int from, int to);
    }

    private static void split(int parts, int lines, Lines task) {
        if (parts == 1) {
            task.scan(0, 0, lines);
            return;
        }
        WorkerPool.run(parts, part -> task.scan(part, (int) ((long) lines * part / parts),
                (int) ((long) lines * (part + 1) / parts)));
    }
}
