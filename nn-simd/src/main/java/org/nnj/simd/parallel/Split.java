package org.nnj.simd.parallel;

import org.nnj.simd.species.Species;

/**
 * Splits element-wise and per-image kernels over the {@link WorkerPool}, for models whose steps are a
 * chain of short kernels: at batch 64 the pooling, activation and optimizer kernels of LeNet took a
 * quarter of a one-thread step, and on two threads they ran on one while the other waited.
 *
 * <p>Every element is computed by exactly the code that computes it unsplit, so results are the same
 * bit for bit whatever the thread count. Ranges are cut at multiples of the vector length, so each part
 * runs whole vectors but the last.
 */
public final class Split {
    /** Elements below which a part does not pay for waking a worker (a few microseconds of work). */
    static final int MIN_ELEMENTS_PER_PART = 1 << 15;

    private Split() {
    }

    /** A kernel on the elements {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** Runs {@code range} over {@code [0, n)}, cut into up to {@code threads} parts of vector-aligned size. */
    public static void elements(int threads, int n, Range range) {
        int parts = Math.min(threads, n / MIN_ELEMENTS_PER_PART);
        if (parts <= 1) {
            range.run(0, n);
            return;
        }
        int lanes = Species.LANES;
        WorkerPool.run(parts, part -> {
            int from = part == 0 ? 0 : (int) ((long) n * part / parts) / lanes * lanes;
            int to = part == parts - 1 ? n : (int) ((long) n * (part + 1) / parts) / lanes * lanes;
            range.run(from, to);
        });
    }

    /**
     * Runs {@code range} over the images {@code [0, batch)}, cut into up to {@code threads} parts of
     * consecutive images, when the images hold at least {@link #MIN_ELEMENTS_PER_PART} floats per part.
     */
    public static void images(int threads, int batch, long floats, Range range) {
        int parts = (int) Math.min(Math.min(threads, batch), floats / MIN_ELEMENTS_PER_PART);
        if (parts <= 1) {
            range.run(0, batch);
            return;
        }
        WorkerPool.run(parts, part -> range.run((int) ((long) batch * part / parts),
                (int) ((long) batch * (part + 1) / parts)));
    }
}
