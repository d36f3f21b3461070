package org.nnj.core.data;

import java.util.Locale;
import java.util.Objects;

/**
 * A short fingerprint of a data set's contents, {@code "n10000-3f9c0b1a77e2d415"}: the number of examples
 * and a 64-bit hash over the shapes and every example's features and target, in order. A checkpoint keeps
 * the fingerprint of the data it was trained on, so that resuming on other data (another directory, a
 * changed file, another limit or validation split) is noticed instead of silently mixing two runs.
 *
 * <p>It costs one pass over the data, a small fraction of an epoch. It is a checksum, not a cryptographic
 * hash: it tells data sets apart, it does not prove them equal against an adversary.
 */
public final class DataFingerprint {
    private DataFingerprint() {
    }

    /** The fingerprint of {@code data}. */
    public static String of(Dataset data) {
        Objects.requireNonNull(data, "data");
        long h = 0x6A09E667F3BCC908L;
        for (int d : data.featureShape().dims()) {
            h = mix(h, d);
        }
        h = mix(h, -1);
        for (int d : data.targetShape().dims()) {
            h = mix(h, d);
        }
        float[] features = new float[data.featureShape().size()];
        float[] target = new float[data.targetShape().size()];
        for (int i = 0; i < data.size(); i++) {
            data.copyFeatures(i, features, 0);
            for (float f : features) {
                h = mix(h, Float.floatToIntBits(f));
            }
            data.copyTarget(i, target, 0);
            for (float t : target) {
                h = mix(h, Float.floatToIntBits(t));
            }
        }
        return String.format(Locale.ROOT, "n%d-%016x", data.size(), finish(h));
    }

    private static long mix(long h, int value) {
        h ^= value & 0xFFFFFFFFL;
        h *= 0x9E3779B97F4A7C15L;
        return Long.rotateLeft(h, 31);
    }

    /** SplitMix64's finaliser: every bit of the state reaches every bit of the result. */
    private static long finish(long h) {
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
