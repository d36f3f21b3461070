package org.nnj.core.model;

/**
 * Derives independent seeds from one seed and an index (a layer's position, an epoch, a step), so that
 * what is drawn for one index does not depend on how much was drawn for the others: a layer's
 * initialisation depends only on the model's seed and where the layer sits, and a training step's random
 * numbers only on the run's seed, the epoch and the step (so a resumed run draws what the uninterrupted
 * one drew).
 */
public final class Seeds {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /**
     * A well-mixed seed for stream {@code index} of {@code seed} (SplitMix64's finaliser): nearby seeds
     * and nearby indices give unrelated results, unlike {@code new SplittableRandom(seed + index)}.
     */
    public static long derive(long seed, long index) {
        long z = seed + (index + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
