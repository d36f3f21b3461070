package org.nnj.core.data;

import java.util.SplittableRandom;

/** Seeded permutations of example indices, shared by {@link DataLoader} and {@link InMemoryDataset#split}. */
final class Permutations {
    private Permutations() {
    }

    /** {@code 0, 1, ..., n-1}. */
    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** A uniformly random permutation of {@code 0..n-1}: Fisher-Yates driven by {@code SplittableRandom(seed)}. */
    static int[] shuffled(int n, long seed) {
        int[] order = identity(n);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * The seed of epoch {@code epoch} of a run seeded with {@code seed}. Both are scrambled rather than
     * added: {@code SplittableRandom(s + 1)} produces the stream of {@code SplittableRandom(s)} shifted by
     * a fraction of one step, and {@code seed + epoch} would give run {@code s}'s epoch 1 to run
     * {@code s + 1}'s epoch 0.
     */
    static long epochSeed(long seed, int epoch) {
        return mix64(mix64(seed) + mix64(0x9E3779B97F4A7C15L * (epoch + 1L)));
    }

    /** The SplitMix64 finaliser (Stafford's variant 13): a bijection that scatters nearby inputs. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
