package org.nnj.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.api.backend.ForwardingComputeBackend;
import org.nnj.api.backend.Pool2dGeometry;
import org.nnj.core.backend.ScalarBackend;

/**
 * The conformance kit passes the reference against itself (also with two threads) and catches backends
 * with typical bugs: a kit that cannot fail tests nothing.
 */
class BackendConformanceTest {

    private static AssertionError failure(ComputeBackend buggy) {
        return assertThrows(AssertionError.class, () -> BackendConformance.assertConforms(buggy));
    }

    /** Runs one group of checks only, against a single-threaded scalar reference. */
    private static AssertionError failure(BiConsumer<ComputeBackend, ComputeBackend> check, ComputeBackend buggy) {
        return assertThrows(AssertionError.class, () -> check.accept(buggy, new ScalarBackend()));
    }

    @Test
    void aTwoThreadedScalarBackendConformsToTheSingleThreadedOne() {
        BackendConformance.assertConforms(new ScalarBackend(2));
    }

    /** A scalar backend under another name, whose kernels the tests below replace one at a time with a bug. */
    private static class Buggy extends ForwardingComputeBackend {
        Buggy() {
            super("buggy", new ScalarBackend());
        }
    }

    /**
     * A backend that runs relu without checking its arguments (which {@link ForwardingComputeBackend} would not
     * allow) and forwards every other kernel to a scalar backend.
     */
    private static ComputeBackend withAnUncheckedRelu() {
        ScalarBackend scalar = new ScalarBackend();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("relu")) {
                int n = (int) args[0];
                float[] x = (float[]) args[1];
                int xOff = (int) args[2];
                float[] y = (float[]) args[3];
                int yOff = (int) args[4];
                for (int i = 0; i < n; i++) {
                    y[yOff + i] = Math.max(x[xOff + i], 0f);
                }
                return null;
            }
            try {
                return method.invoke(scalar, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (ComputeBackend) Proxy.newProxyInstance(ComputeBackend.class.getClassLoader(),
                new Class<?>[] {ComputeBackend.class}, handler);
    }

    @Test
    void aForwardingBackendWithoutBugsConforms() {
        BackendConformance.assertConforms(new Buggy(), new ScalarBackend(2));
    }

    @Test
    void catchesAnEluThatForgetsTheScaleOfSelu() {
        AssertionError e = failure(BackendConformance::assertSmoothActivationsConform, new Buggy() {
            @Override
            protected void doElu(int n, float alpha, float scale, float[] x, int xOff, float[] y, int yOff) {
                delegate().elu(n, alpha, 1f, x, xOff, y, yOff);
            }
        });
        assertTrue(e.getMessage().startsWith("elu(selu)"), e.getMessage());
    }

    @Test
    void catchesAGeluBackwardThatAlwaysTakesTheTanhForm() {
        AssertionError e = failure(BackendConformance::assertSmoothActivationsConform, new Buggy() {
            @Override
            protected void doGeluBackward(boolean tanhApproximation, int n, float[] x, int xOff, float[] dy,
                                          int dyOff, float[] dx, int dxOff) {
                delegate().geluBackward(true, n, x, xOff, dy, dyOff, dx, dxOff);
            }
        });
        assertTrue(e.getMessage().startsWith("gelu(tanh=false) backward"), e.getMessage());
    }

    @Test
    void catchesASoftplusThatSwitchesToXAtTheThresholdItself() {
        AssertionError e = failure(BackendConformance::assertSmoothActivationsConform, new Buggy() {
            @Override
            protected void doSoftplus(int n, float beta, float threshold, float[] x, int xOff, float[] y, int yOff) {
                delegate().softplus(n, beta, threshold, x, xOff, y, yOff);
                for (int i = 0; i < n; i++) {
                    if (beta * x[xOff + i] == threshold) {
                        y[yOff + i] = x[xOff + i]; // beta * x >= threshold instead of >
                    }
                }
            }
        });
        assertTrue(e.getMessage().startsWith("softplus(beta=2, threshold=5)"), e.getMessage());
    }

    @Test
    void catchesASoftplusBackwardThatReadsDyAfterWritingDx() {
        AssertionError e = failure(BackendConformance::assertSmoothActivationsConform, new Buggy() {
            @Override
            protected void doSoftplusBackward(int n, float beta, float threshold, float[] x, int xOff, float[] dy,
                                              int dyOff, float[] dx, int dxOff) {
                float[] ones = new float[n];
                Arrays.fill(ones, 1f);
                delegate().softplusBackward(n, beta, threshold, x, xOff, ones, 0, dx, dxOff);
                for (int i = 0; i < n; i++) {
                    dx[dxOff + i] *= dy[dyOff + i]; // wrong when dx is dy: it already holds the slope
                }
            }
        });
        assertTrue(e.getMessage().contains("backward in place of dy"), e.getMessage());
    }

    @Test
    void catchesAGemmThatPropagatesNanFromCWhenBetaIsZero() {
        AssertionError e = failure(new Buggy() {
            @Override
            protected void doGemm(boolean transA, boolean transB, int m, int n, int k,
                                  float alpha, float[] a, int aOff, int lda,
                                  float[] b, int bOff, int ldb,
                                  float beta, float[] c, int cOff, int ldc) {
                // Reads C even when beta is 0: 0 * NaN is NaN.
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        c[cOff + i * ldc + j] *= beta;
                    }
                }
                delegate().gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, 1f, c, cOff, ldc);
            }
        });
        assertTrue(e.getMessage().contains("beta=0.0"), e.getMessage());
        assertTrue(e.getMessage().contains("got NaN"), e.getMessage());
    }

    @Test
    void catchesAGemmThatWritesThePaddingBetweenRows() {
        AssertionError e = failure(new Buggy() {
            @Override
            protected void doGemm(boolean transA, boolean transB, int m, int n, int k,
                                  float alpha, float[] a, int aOff, int lda,
                                  float[] b, int bOff, int ldb,
                                  float beta, float[] c, int cOff, int ldc) {
                delegate().gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                if (m > 1 && ldc > n) {
                    c[cOff + n] = 0f; // clears the gap after the first row, as a kernel that ignores ldc might
                }
            }
        });
        assertTrue(e.getMessage().contains("outside the matrix"), e.getMessage());
    }

    @Test
    void catchesAGemmThatIgnoresTheTransposeOfB() {
        AssertionError e = failure(new Buggy() {
            @Override
            protected void doGemm(boolean transA, boolean transB, int m, int n, int k,
                                  float alpha, float[] a, int aOff, int lda,
                                  float[] b, int bOff, int ldb,
                                  float beta, float[] c, int cOff, int ldc) {
                boolean wrong = transB && n == k;
                delegate().gemm(transA, transB && !wrong, m, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                        beta, c, cOff, ldc);
            }
        });
        assertTrue(e.getMessage().contains("differs from the reference at C("), e.getMessage());
    }

    @Test
    void catchesAGemmThatDropsOneTermOfALongSum() {
        // A tile-edge bug that loses the last of 257 terms must fail even with the tolerance of a large k.
        AssertionError e = assertThrows(AssertionError.class, () -> BackendConformance.assertGemmConforms(
                new Buggy() {
                    @Override
                    protected void doGemm(boolean transA, boolean transB, int m, int n, int k,
                                          float alpha, float[] a, int aOff, int lda,
                                          float[] b, int bOff, int ldb,
                                          float beta, float[] c, int cOff, int ldc) {
                        delegate().gemm(transA, transB, m, n, k - 1, alpha, a, aOff, lda, b, bOff, ldb,
                                beta, c, cOff, ldc);
                    }
                }, new ScalarBackend(), List.of(new GemmCase(false, false, 130, 200, 257, 1f, 1f, 0, 0, 0, 0, 0, 0, 1))));
        assertTrue(e.getMessage().contains("differs from the reference at C("), e.getMessage());
    }

    @Test
    void catchesASigmoidThatOverflows() {
        AssertionError e = failure(BackendConformance::assertElementwiseConforms, new Buggy() {
            @Override
            protected void doSigmoid(int n, float[] x, int xOff, float[] y, int yOff) {
                for (int i = 0; i < n; i++) {
                    float ex = (float) Math.exp(-x[xOff + i]);
                    y[yOff + i] = 1f / (1f + ex) * (Float.isInfinite(ex) ? Float.NaN : 1f);
                }
            }
        });
        assertTrue(e.getMessage().startsWith("sigmoid"), e.getMessage());
    }

    @Test
    void catchesAKernelThatWritesPastItsRange() {
        AssertionError e = failure(BackendConformance::assertElementwiseConforms, new Buggy() {
            @Override
            protected void doTanh(int n, float[] x, int xOff, float[] y, int yOff) {
                delegate().tanh(n, x, xOff, y, yOff);
                if (n > 0 && yOff + n < y.length) {
                    y[yOff + n] = 0f;
                }
            }
        });
        assertTrue(e.getMessage().contains("tanh"), e.getMessage());
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }

    @Test
    void catchesASoftmaxWithoutTheMaximumSubtracted() {
        AssertionError e = failure(BackendConformance::assertRowKernelsConform, new Buggy() {
            @Override
            protected void doSoftmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
                for (int r = 0; r < rows; r++) {
                    float sum = 0f;
                    for (int j = 0; j < cols; j++) {
                        sum += (float) Math.exp(x[xOff + r * cols + j]);
                    }
                    for (int j = 0; j < cols; j++) {
                        y[yOff + r * cols + j] = (float) Math.exp(x[xOff + r * cols + j]) / sum;
                    }
                }
            }
        });
        assertTrue(e.getMessage().contains("softmaxRows"), e.getMessage());
        assertTrue(e.getMessage().contains("shifted by 1000"), e.getMessage());
    }

    // ---------------------------------------------------------------- log-softmax rows (added in 1.1.0)

    @Test
    void catchesALogSoftmaxWithoutTheMaximumSubtracted() {
        AssertionError e = failure(BackendConformance::assertRowKernelsConform, new Buggy() {
            @Override
            protected void doLogSoftmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
                for (int r = 0; r < rows; r++) {
                    double sum = 0;
                    for (int j = 0; j < cols; j++) {
                        sum += Math.exp(x[xOff + r * cols + j]);
                    }
                    for (int j = 0; j < cols; j++) {
                        y[yOff + r * cols + j] = (float) (x[xOff + r * cols + j] - Math.log(sum));
                    }
                }
            }
        });
        assertTrue(e.getMessage().startsWith("logSoftmaxRows"), e.getMessage());
        assertTrue(e.getMessage().contains("shifted by 1000"), e.getMessage());
    }

    @Test
    void catchesALogSoftmaxBackwardThatTakesYForTheSoftmax() {
        AssertionError e = failure(BackendConformance::assertRowKernelsConform, new Buggy() {
            @Override
            protected void doLogSoftmaxBackwardRows(int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                                                    float[] dx, int dxOff) {
                for (int r = 0; r < rows; r++) {
                    float sum = 0;
                    for (int j = 0; j < cols; j++) {
                        sum += dy[dyOff + r * cols + j];
                    }
                    for (int j = 0; j < cols; j++) {
                        dx[dxOff + r * cols + j] = dy[dyOff + r * cols + j] - y[yOff + r * cols + j] * sum;
                    }
                }
            }
        });
        assertTrue(e.getMessage().startsWith("logSoftmaxBackwardRows"), e.getMessage());
    }

    @Test
    void catchesAnAdamStepWithoutBiasCorrection() {
        AssertionError e = failure(BackendConformance::assertAdamConforms, new Buggy() {
            @Override
            protected void doAdamStep(int n, float lr, float beta1, float beta2, float eps, float bc1, float bc2,
                                      float[] w, int wOff, float[] g, int gOff, float[] m, int mOff,
                                      float[] v, int vOff) {
                delegate().adamStep(n, lr, beta1, beta2, eps, 1f, 1f, w, wOff, g, gOff, m, mOff, v, vOff);
            }
        });
        assertTrue(e.getMessage().startsWith("adamStep"), e.getMessage());
    }

    @Test
    void catchesAnAdadeltaStepThatForgetsToUpdateItsAccumulatedDeltas() {
        AssertionError e = failure(BackendConformance::assertAdadeltaConforms, new Buggy() {
            @Override
            protected void doAdadeltaStep(int n, float lr, float rho, float eps, float[] w, int wOff,
                                          float[] g, int gOff,
                                          float[] squareAvg, int squareAvgOff, float[] accDelta, int accDeltaOff) {
                float[] frozen = Arrays.copyOfRange(accDelta, accDeltaOff, accDeltaOff + n);
                delegate().adadeltaStep(n, lr, rho, eps, w, wOff, g, gOff, squareAvg, squareAvgOff, frozen, 0);
            }
        });
        assertTrue(e.getMessage().startsWith("adadeltaStep"), e.getMessage());
    }

    @Test
    void catchesAnAddcdivSqrtThatIgnoresTheBiasCorrection() {
        AssertionError e = failure(BackendConformance::assertUpdatesConform, new Buggy() {
            @Override
            protected void doAddcdivSqrt(int n, float beta, float alpha, float c, float eps, float[] x, int xOff,
                                         float[] d, int dOff, float[] y, int yOff) {
                delegate().addcdivSqrt(n, beta, alpha, 1f, eps, x, xOff, d, dOff, y, yOff);
            }
        });
        assertTrue(e.getMessage().startsWith("addcdivSqrt"), e.getMessage());
    }

    @Test
    void catchesAMaxAbsThatForgetsTheAbsoluteValue() {
        AssertionError e = failure(BackendConformance::assertUpdatesConform, new Buggy() {
            @Override
            protected void doMaxAbs(int n, float beta, float eps, float[] x, int xOff, float[] y, int yOff) {
                for (int i = 0; i < n; i++) {
                    y[yOff + i] = Math.max(beta * y[yOff + i], x[xOff + i] + eps);
                }
            }
        });
        assertTrue(e.getMessage().startsWith("maxAbs"), e.getMessage());
    }

    @Test
    void catchesABackendThatDoesNotValidateArguments() {
        AssertionError e = failure(BackendConformance::assertRejectsBadArguments, withAnUncheckedRelu());
        assertTrue(e.getMessage().contains("relu with n past the end of y"), e.getMessage());
        assertTrue(e.getMessage().contains("expected a ShapeException"), e.getMessage());
    }

    @Test
    void catchesABackwardWeightsKernelThatOverwritesInsteadOfAdding() {
        AssertionError e = failure(BackendConformance::assertConvolutionConforms, new Buggy() {
            @Override
            protected void doConv2dBackwardWeights(Conv2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                                   float[] dw, int dwOff, float[] db, int dbOff,
                                                   float[] work, int workOff) {
                Arrays.fill(dw, dwOff, dwOff + g.weightSize(), 0f);
                delegate().conv2dBackwardWeights(g, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, work, workOff);
            }
        });
        assertTrue(e.getMessage().contains("conv2dBackwardWeights"), e.getMessage());
    }

    @Test
    void catchesAConvolutionThatSwapsTheLeftAndRightPadding() {
        AssertionError e = failure(BackendConformance::assertConvolutionConforms, new Buggy() {
            @Override
            protected void doConv2dForward(Conv2dGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias,
                                           int biasOff, float[] y, int yOff, float[] work, int workOff) {
                Conv2dGeometry swapped = g.toBuilder()
                        .padding(g.padTop(), g.padBottom(), g.padRight(), g.padLeft()).build();
                delegate().conv2dForward(swapped, x, xOff, w, wOff, bias, biasOff, y, yOff,
                        new float[delegate().conv2dWorkspaceSize(swapped)], 0);
            }
        });
        assertTrue(e.getMessage().contains("left 2, right 1"), e.getMessage());
    }

    @Test
    void catchesAMaxPoolThatRoutesTiesToTheLastMaximum() {
        AssertionError e = failure(BackendConformance::assertPoolingConforms, new Buggy() {
            @Override
            protected void doMaxPool2dBackward(Pool2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                               float[] dx, int dxOff) {
                // Reverses every plane: the scan then meets the last of tied maxima first.
                int plane = g.inHeight() * g.inWidth();
                float[] rx = new float[g.inputSize()];
                float[] rdx = new float[g.inputSize()];
                for (int i = 0; i < g.inputSize(); i++) {
                    int p = i / plane;
                    rx[i] = x[xOff + p * plane + (plane - 1 - i % plane)];
                }
                Pool2dGeometry flipped = g;
                float[] rdy = new float[g.outputSize()];
                int outPlane = g.outHeight() * g.outWidth();
                for (int i = 0; i < g.outputSize(); i++) {
                    int p = i / outPlane;
                    rdy[i] = dy[dyOff + p * outPlane + (outPlane - 1 - i % outPlane)];
                }
                delegate().maxPool2dBackward(flipped, rx, 0, rdy, 0, rdx, 0);
                for (int i = 0; i < g.inputSize(); i++) {
                    int p = i / plane;
                    dx[dxOff + p * plane + (plane - 1 - i % plane)] = rdx[i];
                }
            }
        });
        assertTrue(e.getMessage().contains("maxPool2dBackward"), e.getMessage());
    }

    @Test
    void catchesBatchNormStatisticsWithAFloatOnePassVariance() {
        AssertionError e = failure(BackendConformance::assertNormalizationConforms, new Buggy() {
            @Override
            protected void doBatchNormStatistics(int n, int channels, int plane, float[] x, int xOff,
                                                 float[] mean, int meanOff, float[] var, int varOff) {
                // E[x^2] - mean^2 in float: right for values around 0, wrong around 1000.
                for (int c = 0; c < channels; c++) {
                    float sum = 0f;
                    float squares = 0f;
                    for (int b = 0; b < n; b++) {
                        for (int i = 0; i < plane; i++) {
                            float v = x[xOff + (b * channels + c) * plane + i];
                            sum += v;
                            squares += v * v;
                        }
                    }
                    float mu = sum / (n * plane);
                    mean[meanOff + c] = mu;
                    var[varOff + c] = Math.max(squares / (n * plane) - mu * mu, 0f);
                }
            }
        });
        assertTrue(e.getMessage().contains("values shifted by 1000.0"), e.getMessage());
        assertTrue(e.getMessage().contains("var"), e.getMessage());
    }

    @Test
    void catchesABatchNormBackwardThatOverwritesTheWeightGradient() {
        AssertionError e = failure(BackendConformance::assertNormalizationConforms, new Buggy() {
            @Override
            protected void doBatchNormBackward(boolean training, int n, int channels, int plane, float[] x, int xOff,
                                               float[] dy, int dyOff, float[] mean, int meanOff, float[] invStd,
                                               int invStdOff, float[] weight, int weightOff, float[] dx, int dxOff,
                                               float[] dWeight, int dWeightOff, float[] dBias, int dBiasOff) {
                if (dWeight != null) {
                    Arrays.fill(dWeight, dWeightOff, dWeightOff + channels, 0f);
                }
                delegate().batchNormBackward(training, n, channels, plane, x, xOff, dy, dyOff, mean, meanOff, invStd,
                        invStdOff, weight, weightOff, dx, dxOff, dWeight, dWeightOff, dBias, dBiasOff);
            }
        });
        assertTrue(e.getMessage().contains("dWeight"), e.getMessage());
    }

    @Test
    void catchesABatchNormForwardThatIgnoresTheBias() {
        AssertionError e = failure(BackendConformance::assertNormalizationConforms, new Buggy() {
            @Override
            protected void doBatchNormForward(int n, int channels, int plane, float[] x, int xOff, float[] mean,
                                              int meanOff, float[] invStd, int invStdOff, float[] weight, int weightOff,
                                              float[] bias, int biasOff, float[] y, int yOff) {
                delegate().batchNormForward(n, channels, plane, x, xOff, mean, meanOff, invStd, invStdOff,
                        weight, weightOff, null, 0, y, yOff);
            }
        });
        assertTrue(e.getMessage().contains("batchNormForward"), e.getMessage());
        assertTrue(e.getMessage().contains("affine"), e.getMessage());
    }
}
