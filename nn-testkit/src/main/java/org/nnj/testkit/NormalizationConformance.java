package org.nnj.testkit;

import org.nnj.api.backend.ComputeBackend;

/**
 * The batch-normalisation kernels of {@link BackendConformance}: statistics, forward and backward (training
 * and inference, with and without weight and bias, with and without an input gradient) run on the reference
 * and on the candidate with the same data, at odd channel counts and plane sizes and at non-zero offsets.
 */
final class NormalizationConformance {
    /** {n, channels, plane}: single values, planes of 1, odd sizes around vector widths, many channels. */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {2, 1, 1}, {4, 3, 1}, {2, 3, 5}, {1, 2, 16}, {3, 7, 17}, {2, 5, 33}, {2, 70, 9}, {8, 4, 49},
        {2, 3, 196},
    };

    private NormalizationConformance() {
    }

    static void check(ComputeBackend cand, ComputeBackend ref) {
        for (int[] s : SHAPES) {
            statistics(cand, ref, s[0], s[1], s[2], 0f);
            statistics(cand, ref, s[0], s[1], s[2], 1000f);
            for (boolean affine : new boolean[] {true, false}) {
                forward(cand, ref, s[0], s[1], s[2], affine);
                for (boolean training : new boolean[] {true, false}) {
                    backward(cand, ref, s[0], s[1], s[2], affine, training, true);
                }
                backward(cand, ref, s[0], s[1], s[2], affine, true, false);
            }
        }
        // Empty calls: no channels, no images, no positions.
        forward(cand, ref, 2, 0, 5, true);
        forward(cand, ref, 0, 3, 5, true);
        backward(cand, ref, 3, 2, 0, true, true, true);
        backward(cand, ref, 0, 2, 4, false, false, true);
    }

    private static String at(String kernel, int n, int channels, int plane) {
        return kernel + "(n=" + n + ", channels=" + channels + ", plane=" + plane;
    }

    /** Per-channel values: {@code invStd} and {@code weight} kept away from 0 by {@code lift}. */
    private static float[] perChannel(long seed, int off, int channels, float lift) {
        float[] v = Checks.data(seed, off, channels, 1, false);
        for (int c = 0; c < channels; c++) {
            v[off + c] = lift == 0f ? v[off + c] : Math.abs(v[off + c]) + lift;
        }
        return v;
    }

    /**
     * Mean and variance, to 1e-6 relative: both backends sum in double, so they differ by float rounding. With
     * {@code shift} 1000 the values are 1000 +- 2: a variance taken as {@code E[x^2] - mean^2} in float fails.
     */
    private static void statistics(ComputeBackend cand, ComputeBackend ref, int n, int channels, int plane,
                                   float shift) {
        String what = at("batchNormStatistics", n, channels, plane) + ", values shifted by " + shift + ")";
        int size = n * channels * plane;
        float[] x = Checks.data(size + channels, 1, size, 2, false);
        for (int i = 1; i < 1 + size; i++) {
            x[i] += shift;
        }
        float[] xCopy = x.clone();
        float[][] expected = {Checks.data(1, 2, channels, 1, false), Checks.data(2, 3, channels, 1, false)};
        float[][] actual = {expected[0].clone(), expected[1].clone()};
        float[] before = expected[1].clone();
        ref.batchNormStatistics(n, channels, plane, x, 1, expected[0], 2, expected[1], 3);
        cand.batchNormStatistics(n, channels, plane, xCopy, 1, actual[0], 2, actual[1], 3);
        Checks.assertUnchanged(what + ", x", x, xCopy);
        Checks.assertClose(what + ", mean", expected[0], actual[0], 2, channels, 1e-9, 1e-6);
        Checks.assertClose(what + ", var", expected[1], actual[1], 3, channels, 1e-9, 1e-6);
        Checks.assertOutsideUnchanged(what + ", var", before, actual[1], 3, channels);
    }

    /** y to {@code 1e-6 + 1e-6 |expected|}, room for a backend that fuses the multiply and the add. */
    private static void forward(ComputeBackend cand, ComputeBackend ref, int n, int channels, int plane,
                                boolean affine) {
        String what = at("batchNormForward", n, channels, plane) + (affine ? ", affine)" : ", no weight or bias)");
        int size = n * channels * plane;
        float[] x = Checks.data(size + 11, 2, size, 3, true);
        float[] mean = perChannel(channels + 12, 1, channels, 0f);
        float[] invStd = perChannel(channels + 13, 3, channels, 0.25f);
        float[] weight = affine ? perChannel(channels + 14, 0, channels, 0.1f) : null;
        float[] bias = affine ? perChannel(channels + 15, 2, channels, 0f) : null;
        float[] y = Checks.data(size + 16, 1, size, 1, false);
        float[] expected = y.clone();
        float[] actual = y.clone();
        float[][] inputs = {x, mean, invStd, weight, bias};
        float[][] copies = copies(inputs);
        ref.batchNormForward(n, channels, plane, x, 2, mean, 1, invStd, 3, weight, 0, bias, 2, expected, 1);
        cand.batchNormForward(n, channels, plane, copies[0], 2, copies[1], 1, copies[2], 3, copies[3], 0,
                copies[4], 2, actual, 1);
        assertInputsUnchanged(what, inputs, copies);
        Checks.assertClose(what + ", y", expected, actual, 1, size, 1e-6, 1e-6);
        Checks.assertOutsideUnchanged(what + ", y", y, actual, 1, size);
    }

    /**
     * dx to {@code 1e-6 + 1e-5 |expected|} (in training it is a difference of sums scaled by {@code 1 / M});
     * dWeight and dBias, which start non-zero and are added to, to {@code 1e-6 + 1e-6 |expected|}.
     */
    private static void backward(ComputeBackend cand, ComputeBackend ref, int n, int channels, int plane,
                                 boolean affine, boolean training, boolean wantDx) {
        String what = at("batchNormBackward", n, channels, plane) + (affine ? ", affine" : ", no weight")
                + (training ? ", training" : ", inference") + (wantDx ? ")" : ", no dx)");
        int size = n * channels * plane;
        // x and the statistics that normalised it, as a layer passes them.
        float[] x = Checks.data(size + 21, 3, size, 3, false);
        float[] mean = perChannel(channels + 22, 0, channels, 0f);
        float[] invStd = perChannel(channels + 23, 2, channels, 0.25f);
        if (n * plane > 0) {
            float[] var = new float[channels];
            ref.batchNormStatistics(n, channels, plane, x, 3, mean, 0, var, 0);
            for (int c = 0; c < channels; c++) {
                invStd[2 + c] = (float) (1 / Math.sqrt(var[c] + 1e-5));
            }
        }
        float[] dy = Checks.data(size + 24, 1, size, 1, false);
        float[] weight = affine ? perChannel(channels + 25, 1, channels, 0.1f) : null;
        float[] dx = wantDx ? Checks.data(size + 26, 2, size, 1, false) : null;
        float[] dWeight = affine ? Checks.data(channels + 27, 1, channels, 1, false) : null;
        float[] dBias = affine ? Checks.data(channels + 28, 3, channels, 1, false) : null;
        float[][] inputs = {x, dy, mean, invStd, weight};
        float[][] outputs = {dx, dWeight, dBias};
        float[][] inputCopies = copies(inputs);
        float[][] expected = copies(outputs);
        float[][] actual = copies(outputs);
        ref.batchNormBackward(training, n, channels, plane, x, 3, dy, 1, mean, 0, invStd, 2, weight, 1,
                expected[0], 2, expected[1], 1, expected[2], 3);
        cand.batchNormBackward(training, n, channels, plane, inputCopies[0], 3, inputCopies[1], 1, inputCopies[2], 0,
                inputCopies[3], 2, inputCopies[4], 1, actual[0], 2, actual[1], 1, actual[2], 3);
        assertInputsUnchanged(what, inputs, inputCopies);
        if (wantDx) {
            Checks.assertClose(what + ", dx", expected[0], actual[0], 2, size, 1e-6, 1e-5);
            Checks.assertOutsideUnchanged(what + ", dx", dx, actual[0], 2, size);
        }
        if (affine) {
            Checks.assertClose(what + ", dWeight", expected[1], actual[1], 1, channels, 1e-6, 1e-6);
            Checks.assertClose(what + ", dBias", expected[2], actual[2], 3, channels, 1e-6, 1e-6);
            Checks.assertOutsideUnchanged(what + ", dWeight", dWeight, actual[1], 1, channels);
            Checks.assertOutsideUnchanged(what + ", dBias", dBias, actual[2], 3, channels);
        }
    }

    private static float[][] copies(float[][] arrays) {
        float[][] copy = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            copy[i] = arrays[i] == null ? null : arrays[i].clone();
        }
        return copy;
    }

    private static void assertInputsUnchanged(String what, float[][] inputs, float[][] copies) {
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] != null) {
                Checks.assertUnchanged(what + ", input " + i, inputs[i], copies[i]);
            }
        }
    }
}
