package org.nnj.testkit;

import java.util.List;
import java.util.Objects;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.core.backend.ScalarBackend;

/**
 * Differential tests for a {@link ComputeBackend}: every kernel of a candidate backend is run on the same
 * data as a reference backend (the {@link ScalarBackend} by default) and must agree within a stated
 * tolerance, write nothing outside its output ranges and change none of its inputs. A mismatch throws an
 * {@link AssertionError} naming the kernel, the case and the first differing elements, so any test
 * framework reports it.
 *
 * <pre>{@code
 * @Test
 * void conformsToTheReference() {
 *     BackendConformance.assertConforms(new SimdBackend(2));
 * }
 * }</pre>
 *
 * <h2>Tolerances</h2>
 * An element passes when {@code |actual - expected| <= abs + rel * |expected|}:
 * <ul>
 *   <li>GEMM: {@code 2^-21 * (k + 4) * (|alpha| * sum_p |a_ip * b_pj| + |beta * c_ij|)}, about four
 *       times the worst-case difference of two correct float32 summation orders (with or without fma,
 *       any blocking of the sum over {@code k});</li>
 *   <li>ReLU, leaky ReLU (and their backward passes), {@code scale}, {@code multiply}, {@code addRowVector}:
 *       exact;</li>
 *   <li>sigmoid, tanh: {@code 1e-6 + 1e-5 |expected|}; their backward passes {@code 1e-6 + 1e-6 |expected|}
 *       or tighter; {@code axpy}: {@code 2e-6 + 1e-6 |expected|}; {@code sumOfSquares}: {@code 1e-6}
 *       relative;</li>
 *   <li>ELU, SELU, GELU (both forms) and softplus, forward and backward: {@code 1e-30 + 2e-6 |expected|},
 *       that is relative except where the result underflows float (the contract is PyTorch's values within
 *       1e-6 relative, and reference and candidate may each be up to a few float ulps from the exact value);
 *       NaN must stay NaN;</li>
 *   <li>softmax, its backward pass: {@code 1e-6 + 1e-5 |expected|}; log-sum-exp: {@code 1e-5 + 2e-6
 *       |expected|}; log-softmax: {@code 1e-6 + 1e-6 |expected|} ({@code -inf} exactly), its backward pass
 *       {@code 1e-6 + 1e-5 |expected|}; Adam and AdaDelta (three steps each): {@code 1e-9 + 1e-5 |expected|}; {@code addSquares}:
 *       {@code 2e-6 + 1e-6 |expected|}; {@code addcdivSqrt} and {@code addcdiv}: {@code 1e-6 + 1e-5
 *       |expected|}; {@code maxAbs}: exact;</li>
 *   <li>convolutions: as GEMM, with {@code k} the number of products summed into an element and the
 *       magnitude the same sum over absolute values; max pooling and pad2d: exact; average pooling and the
 *       backward passes of pooling and padding: {@code 1e-6 + 1e-6 |expected|};</li>
 *   <li>batch normalisation: statistics {@code 1e-6 |expected|}; forward, dWeight and dBias
 *       {@code 1e-6 + 1e-6 |expected|}; dx {@code 1e-6 + 1e-5 |expected|}.</li>
 * </ul>
 */
public final class BackendConformance {
    private BackendConformance() {
    }

    /** Checks {@code candidate} against a single-threaded {@link ScalarBackend}. */
    public static void assertConforms(ComputeBackend candidate) {
        assertConforms(candidate, new ScalarBackend());
    }

    /** Checks every kernel of {@code candidate} against {@code reference}. */
    public static void assertConforms(ComputeBackend candidate, ComputeBackend reference) {
        assertGemmConforms(candidate, reference, GemmCase.standardCases());
        assertElementwiseConforms(candidate, reference);
        assertSmoothActivationsConform(candidate, reference);
        assertRowKernelsConform(candidate, reference);
        assertBiasKernelsConform(candidate, reference);
        assertAdamConforms(candidate, reference);
        assertAdadeltaConforms(candidate, reference);
        assertUpdatesConform(candidate, reference);
        assertConvolutionConforms(candidate, reference);
        assertPoolingConforms(candidate, reference);
        assertNormalizationConforms(candidate, reference);
        assertRejectsBadArguments(candidate, reference);
    }

    /** GEMM over {@code cases} (for example {@link GemmCase#standardCases()}). */
    public static void assertGemmConforms(ComputeBackend candidate, ComputeBackend reference, List<GemmCase> cases) {
        Objects.requireNonNull(candidate, "candidate");
        for (GemmCase gc : cases) {
            float[] a = gc.newA();
            float[] b = gc.newB();
            float[] c = gc.newC();
            float[] expected = c.clone();
            gc.run(reference, a.clone(), b.clone(), expected);
            float[] actual = c.clone();
            float[] aCopy = a.clone();
            float[] bCopy = b.clone();
            try {
                gc.run(candidate, aCopy, bCopy, actual);
            } catch (RuntimeException e) {
                throw new AssertionError(candidate.name() + " failed on " + gc + ": " + e, e);
            }
            Checks.assertUnchanged(gc + ": A", a, aCopy);
            Checks.assertUnchanged(gc + ": B", b, bCopy);
            compareGemm(candidate.name(), gc, a, b, c, expected, actual);
        }
    }

    /** Compares {@code actual} with {@code expected} inside C, and with the original {@code c} outside it. */
    private static void compareGemm(String name, GemmCase gc, float[] a, float[] b, float[] c,
                                    float[] expected, float[] actual) {
        for (int idx = 0; idx < c.length; idx++) {
            if (!gc.insideC(idx)) {
                if (Float.floatToRawIntBits(actual[idx]) != Float.floatToRawIntBits(c[idx])) {
                    throw new AssertionError(name + " wrote index " + idx + " of C's array, outside the matrix, in "
                            + gc + " (was " + c[idx] + ", now " + actual[idx] + ")");
                }
            }
        }
        for (int i = 0; i < gc.m(); i++) {
            for (int j = 0; j < gc.n(); j++) {
                int idx = gc.cIndex(i, j);
                double tolerance = 0x1p-21 * (gc.k() + 4) * magnitude(gc, a, b, c, i, j) + 1e-30;
                if (!(Math.abs((double) actual[idx] - expected[idx]) <= tolerance)) {
                    throw new AssertionError(name + " differs from the reference at C(" + i + ", " + j + ") in "
                            + gc + ": expected " + expected[idx] + ", got " + actual[idx] + ", tolerance " + tolerance);
                }
            }
        }
    }

    /** {@code |alpha| * sum_p |a_ip * b_pj| + |beta * c_ij|}: the scale of the rounding errors of C(i, j). */
    private static double magnitude(GemmCase gc, float[] a, float[] b, float[] c, int i, int j) {
        double sum = 0;
        if (gc.alpha() != 0f) {
            for (int p = 0; p < gc.k(); p++) {
                sum += Math.abs((double) gc.opA(a, i, p) * gc.opB(b, p, j));
            }
        }
        double cij = gc.beta() == 0f ? 0 : Math.abs((double) gc.beta() * c[gc.cIndex(i, j)]);
        return Math.abs(gc.alpha()) * sum + cij;
    }

    /**
     * ReLU, leaky ReLU, sigmoid, tanh (forward, in place and backward), axpy, scale, multiply (also in place),
     * sumOfSquares.
     */
    public static void assertElementwiseConforms(ComputeBackend candidate, ComputeBackend reference) {
        KernelConformance.elementwise(candidate, reference);
    }

    /**
     * ELU (alpha 1 and 0.5), SELU, GELU (exact and tanh), softplus (three settings of beta and threshold): forward
     * and backward, into another array and in place, with NaN, +-100, +-30, +-1e-8 and zeros among the inputs.
     */
    public static void assertSmoothActivationsConform(ComputeBackend candidate, ComputeBackend reference) {
        KernelConformance.smoothActivations(candidate, reference);
    }

    /**
     * softmaxRows (with logits shifted by +-1000, and in place), logSumExpRows, softmaxBackwardRows;
     * logSoftmaxRows (shifted by +-1000, in place, a row of equal values, masked {@code -inf} entries) and
     * logSoftmaxBackwardRows (also in place).
     */
    public static void assertRowKernelsConform(ComputeBackend candidate, ComputeBackend reference) {
        KernelConformance.rows(candidate, reference);
    }

    /** addRowVector and addColumnSums. */
    public static void assertBiasKernelsConform(ComputeBackend candidate, ComputeBackend reference) {
        KernelConformance.bias(candidate, reference);
    }

    /** Three consecutive Adam steps with two sets of hyper-parameters. */
    public static void assertAdamConforms(ComputeBackend candidate, ComputeBackend reference) {
        KernelConformance.adam(candidate, reference);
    }

    /** Three consecutive AdaDelta steps with two sets of hyper-parameters. */
    public static void assertAdadeltaConforms(ComputeBackend candidate, ComputeBackend reference) {
        KernelConformance.adadelta(candidate, reference);
    }

    /**
     * The general optimizer updates addSquares, addcdivSqrt, addcdiv and maxAbs, each with a few sets of
     * coefficients (an average, a sum, a subtraction; in place and into another array).
     */
    public static void assertUpdatesConform(ComputeBackend candidate, ComputeBackend reference) {
        KernelConformance.updates(candidate, reference);
    }

    /**
     * conv2dForward (with and without bias), conv2dBackwardData and conv2dBackwardWeights (adding into
     * non-zero gradients) on the layer shapes of LeNet and the CNN and on odd shapes with every option
     * (stride, dilation, asymmetric padding, 1x1 kernels, an empty batch), each backend with its own workspace
     * filled with NaN; and pad2d and pad2dBackward in every padding mode.
     */
    public static void assertConvolutionConforms(ComputeBackend candidate, ComputeBackend reference) {
        ConvolutionConformance.convolution(candidate, reference);
    }

    /**
     * Max and average pooling (with and without count_include_pad), forward and backward, on overlapping,
     * padded and odd windows; the max-pooling data holds ties, NaN and minus infinity.
     */
    public static void assertPoolingConforms(ComputeBackend candidate, ComputeBackend reference) {
        ConvolutionConformance.pooling(candidate, reference);
    }

    /**
     * batchNormStatistics (also of values around 1000, which a float {@code E[x^2] - mean^2} gets wrong),
     * batchNormForward and batchNormBackward (training and inference, with and without weight, bias and an
     * input gradient, gradients added to non-zero ones) on 1 to 70 channels and planes of 1 to 196 positions,
     * and on empty calls.
     */
    public static void assertNormalizationConforms(ComputeBackend candidate, ComputeBackend reference) {
        NormalizationConformance.check(candidate, reference);
    }

    /**
     * Bad arguments throw {@link ShapeException} before anything is written; for GEMM, with the same
     * message as the reference (both should use {@link org.nnj.api.backend.GemmArguments}).
     */
    public static void assertRejectsBadArguments(ComputeBackend candidate, ComputeBackend reference) {
        BadArguments.check(candidate, reference);
    }
}
