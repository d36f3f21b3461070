package org.nnj.testkit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.math.ActivationFunctions;

/**
 * The non-GEMM kernels of {@link BackendConformance}: element-wise maps, row kernels, bias kernels and
 * the optimizer updates, each run on the reference and on the candidate with the same data.
 */
final class KernelConformance {
    /** Lengths around common vector widths (4, 8, 16 lanes) and their tails. */
    private static final int[] LENGTHS = {0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 257, 1031};
    private static final int[][] ROWS_COLS = {{0, 5}, {1, 1}, {1, 7}, {3, 10}, {5, 17}, {8, 33}, {4, 64}, {2, 100}, {3, 1000}};

    private KernelConformance() {
    }

    /** A kernel call on arrays {@code x} at offsets {@code off}. */
    @FunctionalInterface
    private interface Call {
        void run(ComputeBackend backend, float[][] x, int[] off);
    }

    /** Changes freshly generated arrays before the call, for example into a real softmax output. */
    @FunctionalInterface
    private interface Prepare {
        void apply(float[][] x, int[] off);
    }

    private static void check(String what, ComputeBackend candidate, ComputeBackend reference, int[] sizes,
                              int out, double range, boolean specials, double abs, double rel, Call call) {
        check(what, candidate, reference, sizes, new int[] {out}, range, specials, abs, rel, null, call);
    }

    /**
     * Runs {@code call} on both backends with the same fresh arrays of the given sizes (uniform in
     * {@code [-range, range)}, changed by {@code prepare} if not null); the arrays in {@code outs} are
     * compared within {@code abs + rel * |expected|}, the others must be unchanged, and no array may change
     * outside its range.
     */
    private static void check(String what, ComputeBackend candidate, ComputeBackend reference, int[] sizes,
                              int[] outs, double range, boolean specials, double abs, double rel,
                              Prepare prepare, Call call) {
        float[][] inputs = new float[sizes.length][];
        int[] off = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            off[i] = (i + sizes[0]) % 4;
            inputs[i] = Checks.data(31L * sizes[0] + 7L * i + what.length(), off[i], sizes[i], range, specials);
        }
        if (prepare != null) {
            prepare.apply(inputs, off);
        }
        float[][] expected = deepCopy(inputs);
        float[][] actual = deepCopy(inputs);
        call.run(reference, expected, off);
        call.run(candidate, actual, off);
        for (int i = 0; i < sizes.length; i++) {
            if (contains(outs, i)) {
                Checks.assertClose(what + (outs.length > 1 ? ", output " + i : ""), expected[i], actual[i],
                        off[i], sizes[i], abs, rel);
                Checks.assertOutsideUnchanged(what, inputs[i], actual[i], off[i], sizes[i]);
            } else {
                Checks.assertUnchanged(what + ", input " + i, inputs[i], actual[i]);
            }
        }
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private static float[][] deepCopy(float[][] x) {
        float[][] copy = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            copy[i] = x[i].clone();
        }
        return copy;
    }

    static void elementwise(ComputeBackend cand, ComputeBackend ref) {
        for (int n : LENGTHS) {
            int[] one = {n};
            int[] two = {n, n};
            int[] three = {n, n, n};
            String at = "(n=" + n + ")";
            check("relu" + at, cand, ref, two, 1, 6, true, 0, 0,
                    (b, x, o) -> b.relu(n, x[0], o[0], x[1], o[1]));
            check("relu in place" + at, cand, ref, one, 0, 6, true, 0, 0,
                    (b, x, o) -> b.relu(n, x[0], o[0], x[0], o[0]));
            check("reluBackward" + at, cand, ref, three, 2, 6, true, 0, 0,
                    (b, x, o) -> b.reluBackward(n, x[0], o[0], x[1], o[1], x[2], o[2]));
            for (float alpha : new float[] {0.01f, 0.2f}) {
                check("leakyRelu(alpha=" + alpha + ")" + at, cand, ref, two, 1, 6, true, 0, 0,
                        (b, x, o) -> b.leakyRelu(n, alpha, x[0], o[0], x[1], o[1]));
                check("leakyReluBackward(alpha=" + alpha + ")" + at, cand, ref, three, 2, 6, true, 0, 0,
                        (b, x, o) -> b.leakyReluBackward(n, alpha, x[0], o[0], x[1], o[1], x[2], o[2]));
            }
            check("sigmoid" + at, cand, ref, two, 1, 6, true, 1e-6, 1e-5,
                    (b, x, o) -> b.sigmoid(n, x[0], o[0], x[1], o[1]));
            check("sigmoid in place" + at, cand, ref, one, 0, 6, true, 1e-6, 1e-5,
                    (b, x, o) -> b.sigmoid(n, x[0], o[0], x[0], o[0]));
            check("sigmoidBackward" + at, cand, ref, three, 2, 1, false, 1e-7, 1e-6,
                    (b, x, o) -> b.sigmoidBackward(n, x[0], o[0], x[1], o[1], x[2], o[2]));
            check("tanh" + at, cand, ref, two, 1, 6, true, 1e-6, 1e-5,
                    (b, x, o) -> b.tanh(n, x[0], o[0], x[1], o[1]));
            check("tanh in place" + at, cand, ref, one, 0, 6, true, 1e-6, 1e-5,
                    (b, x, o) -> b.tanh(n, x[0], o[0], x[0], o[0]));
            check("tanhBackward" + at, cand, ref, three, 2, 1, false, 1e-6, 1e-6,
                    (b, x, o) -> b.tanhBackward(n, x[0], o[0], x[1], o[1], x[2], o[2]));
            check("axpy(alpha=0.75)" + at, cand, ref, two, 1, 6, false, 2e-6, 1e-6,
                    (b, x, o) -> b.axpy(n, 0.75f, x[0], o[0], x[1], o[1]));
            check("scale(alpha=-1.5)" + at, cand, ref, one, 0, 6, false, 0, 0,
                    (b, x, o) -> b.scale(n, -1.5f, x[0], o[0]));
            check("multiply" + at, cand, ref, three, 2, 6, true, 0, 0,
                    (b, x, o) -> b.multiply(n, x[0], o[0], x[1], o[1], x[2], o[2]));
            check("multiply in place of x" + at, cand, ref, two, 0, 6, true, 0, 0,
                    (b, x, o) -> b.multiply(n, x[0], o[0], x[1], o[1], x[0], o[0]));
            check("multiply in place of y" + at, cand, ref, two, 1, 6, true, 0, 0,
                    (b, x, o) -> b.multiply(n, x[0], o[0], x[1], o[1], x[1], o[1]));
            sumOfSquares(cand, ref, n);
        }
    }

    /** Values no smooth activation may get wrong, set into every seventh element by {@link #EXTREMES}. */
    private static final float[] EXTREME_VALUES = {Float.NaN, 100f, -100f, 1e-8f, -1e-8f, 0f, -0f, 30f, -30f,
        10f, 2.5f, -5f};

    /** Writes {@link #EXTREME_VALUES} into the first array (the input {@code x}) of a smooth activation call. */
    private static final Prepare EXTREMES = (x, o) -> {
        for (int i = 3, k = 0; o[0] + i < x[0].length - 3; i += 7, k++) {
            x[0][o[0] + i] = EXTREME_VALUES[k % EXTREME_VALUES.length];
        }
    };

    /** A smooth activation with fixed parameters: its forward and backward kernel. */
    private interface Smooth {
        void forward(ComputeBackend b, int n, float[] x, int xOff, float[] y, int yOff);

        void backward(ComputeBackend b, int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff);
    }

    /**
     * ELU (alpha 1 and 0.5), SELU, GELU (exact and tanh) and softplus (PyTorch's defaults, beta 2 with threshold 5,
     * and beta 0.7, which is not a power of two): forward, forward in place, backward, and backward in place of
     * {@code dy}, on inputs in [-8, 8) with NaN, +-100, +-30, +-1e-8, zeros and the softplus thresholds mixed in.
     */
    static void smoothActivations(ComputeBackend cand, ComputeBackend ref) {
        float seluAlpha = (float) ActivationFunctions.SELU_ALPHA;
        float seluScale = (float) ActivationFunctions.SELU_SCALE;
        Map<String, Smooth> smooth = new LinkedHashMap<>();
        smooth.put("elu(alpha=1)", elu(1f, 1f));
        smooth.put("elu(alpha=0.5)", elu(0.5f, 1f));
        smooth.put("elu(selu)", elu(seluAlpha, seluScale));
        for (boolean tanh : new boolean[] {false, true}) {
            smooth.put("gelu(tanh=" + tanh + ")", new Smooth() {
                public void forward(ComputeBackend b, int n, float[] x, int xOff, float[] y, int yOff) {
                    b.gelu(tanh, n, x, xOff, y, yOff);
                }

                public void backward(ComputeBackend b, int n, float[] x, int xOff, float[] dy, int dyOff,
                                     float[] dx, int dxOff) {
                    b.geluBackward(tanh, n, x, xOff, dy, dyOff, dx, dxOff);
                }
            });
        }
        smooth.put("softplus(beta=1, threshold=20)", softplus(1f, 20f));
        smooth.put("softplus(beta=2, threshold=5)", softplus(2f, 5f));
        smooth.put("softplus(beta=0.7, threshold=3)", softplus(0.7f, 3f));
        for (int n : LENGTHS) {
            int[] one = {n};
            int[] two = {n, n};
            int[] three = {n, n, n};
            String at = "(n=" + n + ")";
            smooth.forEach((name, f) -> {
                check(name + at, cand, ref, two, new int[] {1}, 8, false, SMOOTH_ABS, SMOOTH_REL, EXTREMES,
                        (b, x, o) -> f.forward(b, n, x[0], o[0], x[1], o[1]));
                check(name + " in place" + at, cand, ref, one, new int[] {0}, 8, false, SMOOTH_ABS, SMOOTH_REL,
                        EXTREMES, (b, x, o) -> f.forward(b, n, x[0], o[0], x[0], o[0]));
                check(name + " backward" + at, cand, ref, three, new int[] {2}, 8, false, SMOOTH_ABS, SMOOTH_REL,
                        EXTREMES, (b, x, o) -> f.backward(b, n, x[0], o[0], x[1], o[1], x[2], o[2]));
                check(name + " backward in place of dy" + at, cand, ref, two, new int[] {1}, 8, false, SMOOTH_ABS,
                        SMOOTH_REL, EXTREMES, (b, x, o) -> f.backward(b, n, x[0], o[0], x[1], o[1], x[1], o[1]));
            });
        }
    }

    /** See {@link BackendConformance}: 2e-6 relative, and 1e-30 for results that underflow float. */
    private static final double SMOOTH_REL = 2e-6;
    private static final double SMOOTH_ABS = 1e-30;

    private static Smooth elu(float alpha, float scale) {
        return new Smooth() {
            public void forward(ComputeBackend b, int n, float[] x, int xOff, float[] y, int yOff) {
                b.elu(n, alpha, scale, x, xOff, y, yOff);
            }

            public void backward(ComputeBackend b, int n, float[] x, int xOff, float[] dy, int dyOff,
                                 float[] dx, int dxOff) {
                b.eluBackward(n, alpha, scale, x, xOff, dy, dyOff, dx, dxOff);
            }
        };
    }

    private static Smooth softplus(float beta, float threshold) {
        return new Smooth() {
            public void forward(ComputeBackend b, int n, float[] x, int xOff, float[] y, int yOff) {
                b.softplus(n, beta, threshold, x, xOff, y, yOff);
            }

            public void backward(ComputeBackend b, int n, float[] x, int xOff, float[] dy, int dyOff,
                                 float[] dx, int dxOff) {
                b.softplusBackward(n, beta, threshold, x, xOff, dy, dyOff, dx, dxOff);
            }
        };
    }

    private static void sumOfSquares(ComputeBackend cand, ComputeBackend ref, int n) {
        float[] x = Checks.data(n, n % 4, n, 6, true);
        float[] before = x.clone();
        double expected = ref.sumOfSquares(n, x, n % 4);
        double actual = cand.sumOfSquares(n, x, n % 4);
        if (!(Math.abs(actual - expected) <= 1e-6 * expected)) {
            throw new AssertionError("sumOfSquares(n=" + n + "): expected " + expected + ", got " + actual
                    + " (tolerance 1e-6 relative; the contract asks for double accumulation)");
        }
        Checks.assertUnchanged("sumOfSquares(n=" + n + "), input", before, x);
    }

    static void rows(ComputeBackend cand, ComputeBackend ref) {
        for (int[] rc : ROWS_COLS) {
            int rows = rc[0];
            int cols = rc[1];
            int size = rows * cols;
            for (float shift : new float[] {0f, 1000f, -1000f}) {
                String at = "(rows=" + rows + ", cols=" + cols + ", logits shifted by " + shift + ")";
                Prepare shifted = shifted(size, shift);
                check("softmaxRows" + at, cand, ref, new int[] {size, size}, new int[] {1}, 10, false, 1e-6, 1e-5,
                        shifted, (b, x, o) -> b.softmaxRows(rows, cols, x[0], o[0], x[1], o[1]));
                check("softmaxRows in place" + at, cand, ref, new int[] {size}, new int[] {0}, 10, false, 1e-6, 1e-5,
                        shifted, (b, x, o) -> b.softmaxRows(rows, cols, x[0], o[0], x[0], o[0]));
                check("logSumExpRows" + at, cand, ref, new int[] {size, rows}, new int[] {1}, 10, false, 1e-5, 2e-6,
                        shifted, (b, x, o) -> b.logSumExpRows(rows, cols, x[0], o[0], x[1], o[1]));
            }
            logSoftmax(cand, ref, rows, cols);
            // y is a real softmax output (computed by the reference), dy any gradient.
            check("softmaxBackwardRows(rows=" + rows + ", cols=" + cols + ")", cand, ref,
                    new int[] {size, size, size}, new int[] {2}, 3, false, 1e-6, 1e-5,
                    (x, o) -> ref.softmaxRows(rows, cols, x[0], o[0], x[0], o[0]),
                    (b, x, o) -> b.softmaxBackwardRows(rows, cols, x[0], o[0], x[1], o[1], x[2], o[2]));
        }
    }

    // ---------------------------------------------------------------- log-softmax rows (added in 1.1.0)

    /**
     * logSoftmaxRows on logits shifted by 0 and +-1000, in place, with a row of equal values and with masked
     * ({@code -inf}) entries; logSoftmaxBackwardRows on a real log-softmax output. Both terms of
     * {@code (x - max) - log(sum)} are at most 0, so a float implementation is within a few ulp of the
     * result: {@code 1e-6 + 1e-6 |expected|}. The backward pass may cancel ({@code dy ~ softmax * sum(dy)}), so
     * it gets an absolute {@code 1e-6} on gradients of at most 1 per element, plus {@code 1e-5 |expected|}.
     */
    private static void logSoftmax(ComputeBackend cand, ComputeBackend ref, int rows, int cols) {
        int size = rows * cols;
        for (float shift : new float[] {0f, 1000f, -1000f}) {
            String at = "(rows=" + rows + ", cols=" + cols + ", logits shifted by " + shift + ")";
            Prepare shifted = shifted(size, shift);
            check("logSoftmaxRows" + at, cand, ref, new int[] {size, size}, new int[] {1}, 10, false, 1e-6, 1e-6,
                    shifted, (b, x, o) -> b.logSoftmaxRows(rows, cols, x[0], o[0], x[1], o[1]));
            check("logSoftmaxRows in place" + at, cand, ref, new int[] {size}, new int[] {0}, 10, false, 1e-6, 1e-6,
                    shifted, (b, x, o) -> b.logSoftmaxRows(rows, cols, x[0], o[0], x[0], o[0]));
        }
        String at = "(rows=" + rows + ", cols=" + cols + ")";
        // Every row equal (log(1/cols) everywhere); every third entry masked with -inf (kept -inf, the rest
        // renormalised), except each row's first, so no row is masked entirely.
        check("logSoftmaxRows of equal values" + at, cand, ref, new int[] {size, size}, new int[] {1}, 10, false,
                1e-6, 1e-6, (x, o) -> Arrays.fill(x[0], o[0], o[0] + size, 7.25f),
                (b, x, o) -> b.logSoftmaxRows(rows, cols, x[0], o[0], x[1], o[1]));
        check("logSoftmaxRows with -inf masked entries" + at, cand, ref, new int[] {size, size}, new int[] {1}, 10,
                false, 1e-6, 1e-6, (x, o) -> {
                    for (int i = 0; i < size; i++) {
                        if (i % cols % 3 == 2) {
                            x[0][o[0] + i] = Float.NEGATIVE_INFINITY;
                        }
                    }
                }, (b, x, o) -> b.logSoftmaxRows(rows, cols, x[0], o[0], x[1], o[1]));
        // y is a real log-softmax output (computed by the reference), dy any gradient in [-1, 1).
        check("logSoftmaxBackwardRows" + at, cand, ref, new int[] {size, size, size}, new int[] {2}, 1, false,
                1e-6, 1e-5, (x, o) -> ref.logSoftmaxRows(rows, cols, x[0], o[0], x[0], o[0]),
                (b, x, o) -> b.logSoftmaxBackwardRows(rows, cols, x[0], o[0], x[1], o[1], x[2], o[2]));
        check("logSoftmaxBackwardRows in place of dy" + at, cand, ref, new int[] {size, size}, new int[] {1}, 1,
                false, 1e-6, 1e-5, (x, o) -> ref.logSoftmaxRows(rows, cols, x[0], o[0], x[0], o[0]),
                (b, x, o) -> b.logSoftmaxBackwardRows(rows, cols, x[0], o[0], x[1], o[1], x[1], o[1]));
    }

    /** Adds {@code shift} to the first array's {@code size} elements: logits around +-1000. */
    private static Prepare shifted(int size, float shift) {
        return (x, o) -> {
            for (int i = 0; i < size; i++) {
                x[0][o[0] + i] += shift;
            }
        };
    }

    static void bias(ComputeBackend cand, ComputeBackend ref) {
        for (int[] rc : ROWS_COLS) {
            int rows = rc[0];
            int cols = rc[1];
            String at = "(rows=" + rows + ", cols=" + cols + ")";
            check("addRowVector" + at, cand, ref, new int[] {rows * cols, cols}, 0, 1, false, 0, 0,
                    (b, x, o) -> b.addRowVector(rows, cols, x[1], o[1], x[0], o[0]));
            check("addColumnSums" + at, cand, ref, new int[] {rows * cols, cols}, 1, 1, false,
                    1e-6 * (rows + 1), 0, (b, x, o) -> b.addColumnSums(rows, cols, x[0], o[0], x[1], o[1]));
        }
    }

    /** Three Adam steps with the bias corrections of steps 1, 2 and 3, on the same evolving state. */
    static void adam(ComputeBackend cand, ComputeBackend ref) {
        float[][] settings = {{1e-3f, 0.9f, 0.999f, 1e-8f}, {0.1f, 0.5f, 0.9f, 1e-3f}};
        for (int n : new int[] {0, 1, 7, 33, 1031}) {
            for (float[] s : settings) {
                String at = "adamStep(n=" + n + ", lr=" + s[0] + ", beta1=" + s[1] + ", beta2=" + s[2]
                        + ", eps=" + s[3] + ")";
                // Arrays: w, the gradients of steps 1 to 3, m, v. The state starts at m = v = 0.
                check(at, cand, ref, new int[] {n, n, n, n, n, n}, new int[] {0, 4, 5}, 1, false, 1e-9, 1e-5,
                        (x, o) -> {
                            Arrays.fill(x[4], o[4], o[4] + n, 0f);
                            Arrays.fill(x[5], o[5], o[5] + n, 0f);
                        },
                        (b, x, o) -> {
                            for (int t = 1; t <= 3; t++) {
                                float bc1 = (float) (1 - Math.pow(s[1], t));
                                float bc2 = (float) (1 - Math.pow(s[2], t));
                                b.adamStep(n, s[0], s[1], s[2], s[3], bc1, bc2,
                                        x[0], o[0], x[t], o[t], x[4], o[4], x[5], o[5]);
                            }
                        });
            }
        }
    }

    /**
     * Three AdaDelta steps on the same evolving state, with PyTorch's defaults and a faster-decaying
     * setting. The running averages start non-negative, as they always are.
     */
    static void adadelta(ComputeBackend cand, ComputeBackend ref) {
        float[][] settings = {{1f, 0.9f, 1e-6f}, {0.5f, 0.5f, 1e-3f}};
        for (int n : new int[] {0, 1, 7, 33, 1031}) {
            for (float[] s : settings) {
                String at = "adadeltaStep(n=" + n + ", lr=" + s[0] + ", rho=" + s[1] + ", eps=" + s[2] + ")";
                // Arrays: w, g, square_avg, acc_delta.
                check(at, cand, ref, new int[] {n, n, n, n}, new int[] {0, 2, 3}, 1, false, 1e-9, 1e-5,
                        (x, o) -> {
                            abs(x[2], o[2], n, 0f);
                            abs(x[3], o[3], n, 0f);
                        },
                        (b, x, o) -> {
                            for (int t = 1; t <= 3; t++) {
                                b.adadeltaStep(n, s[0], s[1], s[2], x[0], o[0], x[1], o[1], x[2], o[2], x[3], o[3]);
                            }
                        });
            }
        }
    }

    /**
     * addSquares, addcdivSqrt, addcdiv and maxAbs over {@link #LENGTHS}, with the coefficients of the
     * optimizers that use them. Denominators are made non-negative (under the square root) or at least 0.5.
     */
    static void updates(ComputeBackend cand, ComputeBackend ref) {
        float[][] squares = {{0.999f, 0.001f}, {1f, 1f}, {1f, -1f}, {0f, 0.5f}};
        float[][] cdivSqrt = {{1f, -1e-3f, 1f, 1e-8f}, {0.9f, 1f, 0.271f, 1e-3f}, {1f, -0.1f, 1e-3f, 1e-10f}};
        for (int n : LENGTHS) {
            for (float[] s : squares) {
                check("addSquares(n=" + n + ", beta=" + s[0] + ", alpha=" + s[1] + ")", cand, ref,
                        new int[] {n, n}, 1, 2, false, 2e-6, 1e-6,
                        (b, x, o) -> b.addSquares(n, s[0], s[1], x[0], o[0], x[1], o[1]));
            }
            for (float[] s : cdivSqrt) {
                check("addcdivSqrt(n=" + n + ", beta=" + s[0] + ", alpha=" + s[1] + ", c=" + s[2] + ", eps=" + s[3]
                                + ")", cand, ref, new int[] {n, n, n}, new int[] {2}, 1, false, 1e-6, 1e-5,
                        (x, o) -> abs(x[1], o[1], n, 0f),
                        (b, x, o) -> b.addcdivSqrt(n, s[0], s[1], s[2], s[3], x[0], o[0], x[1], o[1], x[2], o[2]));
            }
            check("addcdiv(n=" + n + ")", cand, ref, new int[] {n, n, n}, new int[] {2}, 1, false, 1e-6, 1e-5,
                    (x, o) -> abs(x[1], o[1], n, 0.5f),
                    (b, x, o) -> b.addcdiv(n, -0.01f, x[0], o[0], x[1], o[1], x[2], o[2]));
            check("maxAbs(n=" + n + ", beta=0.999, eps=1e-8)", cand, ref, new int[] {n, n}, 1, 1, true, 0, 0,
                    (b, x, o) -> b.maxAbs(n, 0.999f, 1e-8f, x[0], o[0], x[1], o[1]));
            check("maxAbs(n=" + n + ", in place)", cand, ref, new int[] {n}, 0, 1, false, 0, 0,
                    (b, x, o) -> b.maxAbs(n, 1f, 0f, x[0], o[0], x[0], o[0]));
        }
    }

    /** {@code x = shift + |x|} over {@code n} elements from {@code off}. */
    private static void abs(float[] x, int off, int n, float shift) {
        for (int i = off; i < off + n; i++) {
            x[i] = shift + Math.abs(x[i]);
        }
    }
}
