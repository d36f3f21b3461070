package org.nnj.core.backend;

import org.nnj.api.backend.AbstractComputeBackend;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.api.backend.Pad2dGeometry;
import org.nnj.api.backend.Pool2dGeometry;

/**
 * The reference backend: plain Java loops, correct for every argument the contract allows, and the
 * oracle every other backend is tested against. Its loops are ordered so that the innermost one runs
 * over consecutive elements (which the JIT can vectorise on its own), and GEMM calls large enough to pay
 * for it are split by rows of {@code C} over the shared worker pool.
 *
 * <p>The smooth activations (ELU and SELU, GELU, softplus, forward and backward) are not written here: this
 * backend keeps {@link AbstractComputeBackend}'s default {@code do...} methods, which are the reference loops
 * over {@link org.nnj.api.math.ActivationFunctions} (double precision inside, rounded once to float), so that
 * the oracle and the definition in the API cannot drift apart.
 *
 * <p>{@link AbstractComputeBackend} validates every kernel's arguments before the loops here run.
 * Thread-safe: it holds no mutable state.
 */
public final class ScalarBackend extends AbstractComputeBackend {
    /** Below this many multiply-adds a GEMM call runs on the calling thread alone. */
    private static final long PARALLEL_THRESHOLD = 1L << 18;

    private final ScalarConvolution convolution;

    /** A single-threaded scalar backend. */
    public ScalarBackend() {
        this(1);
    }

    /** A scalar backend that may split one GEMM call over {@code threads} threads. */
    public ScalarBackend(int threads) {
        super("scalar", threads);
        this.convolution = new ScalarConvolution(this, threads == 1 ? this : new ScalarBackend(1));
    }

    // ---------------------------------------------------------------- GEMM

    @Override
    protected void doGemm(boolean transA, boolean transB, int m, int n, int k,
                          float alpha, float[] a, int aOff, int lda,
                          float[] b, int bOff, int ldb,
                          float beta, float[] c, int cOff, int ldc) {
        int parts = (long) m * n * k < PARALLEL_THRESHOLD ? 1 : Math.min(threads(), m);
        WorkerPool.run(parts, part -> {
            int from = (int) ((long) m * part / parts);
            int to = (int) ((long) m * (part + 1) / parts);
            gemmRows(transA, transB, from, to, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        });
    }

    /** Rows {@code [from, to)} of {@code C}. */
    private static void gemmRows(boolean transA, boolean transB, int from, int to, int n, int k,
                                 float alpha, float[] a, int aOff, int lda,
                                 float[] b, int bOff, int ldb,
                                 float beta, float[] c, int cOff, int ldc) {
        for (int i = from; i < to; i++) {
            int ci = cOff + i * ldc;
            scaleRow(c, ci, n, beta);
            if (alpha == 0f || k == 0) {
                continue;
            }
            if (!transB) {
                // C[i, :] += alpha * A(i, p) * B[p, :], inner loop over consecutive elements of B and C.
                for (int p = 0; p < k; p++) {
                    float aip = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            } else {
                // C[i, j] += alpha * dot(A(i, :), B[j, :]): B's rows are consecutive.
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * ldb;
                    float sum = transA
                            ? dotStrided(a, aOff + i, lda, b, bj, k)
                            : dot(a, aOff + i * lda, b, bj, k);
                    c[ci + j] += alpha * sum;
                }
            }
        }
    }

    private static void scaleRow(float[] c, int ci, int n, float beta) {
        if (beta == 0f) {
            for (int j = 0; j < n; j++) {
                c[ci + j] = 0f; // BLAS: beta == 0 never reads C, so NaN in it does not survive
            }
        } else if (beta != 1f) {
            for (int j = 0; j < n; j++) {
                c[ci + j] *= beta;
            }
        }
    }

    /** A dot product with four independent partial sums, so the adds do not wait on each other. */
    private static float dot(float[] x, int xo, float[] y, int yo, int k) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int p = 0;
        for (; p + 3 < k; p += 4) {
            s0 += x[xo + p] * y[yo + p];
            s1 += x[xo + p + 1] * y[yo + p + 1];
            s2 += x[xo + p + 2] * y[yo + p + 2];
            s3 += x[xo + p + 3] * y[yo + p + 3];
        }
        for (; p < k; p++) {
            s0 += x[xo + p] * y[yo + p];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static float dotStrided(float[] x, int xo, int xStride, float[] y, int yo, int k) {
        float s = 0f;
        for (int p = 0; p < k; p++) {
            s += x[xo + p * xStride] * y[yo + p];
        }
        return s;
    }

    @Override
    protected void doAddRowVector(int rows, int cols, float[] v, int vOff, float[] x, int xOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            for (int j = 0; j < cols; j++) {
                x[xr + j] += v[vOff + j];
            }
        }
    }

    @Override
    protected void doAddColumnSums(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            for (int j = 0; j < cols; j++) {
                out[outOff + j] += x[xr + j];
            }
        }
    }

    // ---------------------------------------------------------------- element-wise

    @Override
    protected void doRelu(int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.max(x[xOff + i], 0f);
        }
    }

    @Override
    protected void doReluBackward(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0; i < n; i++) {
            dx[dxOff + i] = x[xOff + i] > 0f ? dy[dyOff + i] : 0f;
        }
    }

    @Override
    protected void doLeakyRelu(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            y[yOff + i] = v > 0f ? v : alpha * v;
        }
    }

    @Override
    protected void doLeakyReluBackward(int n, float alpha, float[] x, int xOff, float[] dy, int dyOff,
                                       float[] dx, int dxOff) {
        for (int i = 0; i < n; i++) {
            float g = dy[dyOff + i];
            dx[dxOff + i] = x[xOff + i] > 0f ? g : alpha * g;
        }
    }

    @Override
    protected void doSigmoid(int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = sigmoid(x[xOff + i]);
        }
    }

    /** Never overflows: exp is only taken of a non-positive number. */
    static float sigmoid(float v) {
        if (v >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-v)));
        }
        double e = Math.exp(v);
        return (float) (e / (1.0 + e));
    }

    @Override
    protected void doSigmoidBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0; i < n; i++) {
            float s = y[yOff + i];
            dx[dxOff + i] = dy[dyOff + i] * s * (1f - s);
        }
    }

    @Override
    protected void doTanh(int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) Math.tanh(x[xOff + i]);
        }
    }

    @Override
    protected void doTanhBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0; i < n; i++) {
            float t = y[yOff + i];
            dx[dxOff + i] = dy[dyOff + i] * (1f - t * t);
        }
    }

    @Override
    protected void doAxpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    protected void doScale(int n, float alpha, float[] x, int xOff) {
        for (int i = 0; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    @Override
    protected void doMultiply(int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] * y[yOff + i];
        }
    }

    @Override
    protected double doSumOfSquares(int n, float[] x, int xOff) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            s += v * v;
        }
        return s;
    }

    // ---------------------------------------------------------------- rows

    @Override
    protected void doSoftmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            int yr = yOff + r * cols;
            float max = rowMax(x, xr, cols);
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(x[xr + j] - max);
                y[yr + j] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < cols; j++) {
                y[yr + j] *= inv;
            }
        }
    }

    @Override
    protected void doSoftmaxBackwardRows(int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                                         float[] dx, int dxOff) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double dot = 0;
            for (int j = 0; j < cols; j++) {
                dot += (double) dy[dyOff + o + j] * y[yOff + o + j];
            }
            float d = (float) dot;
            for (int j = 0; j < cols; j++) {
                dx[dxOff + o + j] = y[yOff + o + j] * (dy[dyOff + o + j] - d);
            }
        }
    }

    @Override
    protected void doLogSumExpRows(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            float max = rowMax(x, xr, cols);
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(x[xr + j] - max);
            }
            out[outOff + r] = (float) (max + Math.log(sum));
        }
    }

    // log-softmax rows (added in 1.1.0): not overridden. AbstractComputeBackend's default hooks are the scalar
    // reference (double accumulation, in nn-api so that 1.0.0 backends get it too), one copy, checked against
    // PyTorch through this backend by nn-layers' LossesReferenceTest.

    private static float rowMax(float[] x, int from, int cols) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            max = Math.max(max, x[from + j]);
        }
        return max;
    }

    // ---------------------------------------------------------------- optimizer updates

    @Override
    protected void doAdamStep(int n, float lr, float beta1, float beta2, float eps, float bc1, float bc2,
                              float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff) {
        float stepSize = lr / bc1;
        float sqrtBc2 = (float) Math.sqrt(bc2);
        for (int i = 0; i < n; i++) {
            float gi = g[gOff + i];
            float mi = beta1 * m[mOff + i] + (1f - beta1) * gi;
            float vi = beta2 * v[vOff + i] + (1f - beta2) * gi * gi;
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            w[wOff + i] -= stepSize * mi / ((float) Math.sqrt(vi) / sqrtBc2 + eps);
        }
    }

    @Override
    protected void doAdadeltaStep(int n, float lr, float rho, float eps, float[] w, int wOff, float[] g, int gOff,
                                  float[] squareAvg, int squareAvgOff, float[] accDelta, int accDeltaOff) {
        float oneMinusRho = 1f - rho;
        for (int i = 0; i < n; i++) {
            float gi = g[gOff + i];
            float s = rho * squareAvg[squareAvgOff + i] + oneMinusRho * gi * gi;
            squareAvg[squareAvgOff + i] = s;
            float std = (float) Math.sqrt(s + eps);
            float delta = (float) Math.sqrt(accDelta[accDeltaOff + i] + eps) / std * gi;
            accDelta[accDeltaOff + i] = rho * accDelta[accDeltaOff + i] + oneMinusRho * delta * delta;
            w[wOff + i] -= lr * delta;
        }
    }

    // ---------------------------------------------------------------- general element-wise updates

    @Override
    protected void doAddSquares(int n, float beta, float alpha, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            float xi = x[xOff + i];
            y[yOff + i] = beta * y[yOff + i] + alpha * xi * xi;
        }
    }

    @Override
    protected void doAddcdivSqrt(int n, float beta, float alpha, float c, float eps, float[] x, int xOff,
                                 float[] d, int dOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            float denom = (float) Math.sqrt(d[dOff + i] / c) + eps;
            y[yOff + i] = beta * y[yOff + i] + alpha * x[xOff + i] / denom;
        }
    }

    @Override
    protected void doAddcdiv(int n, float alpha, float[] x, int xOff, float[] d, int dOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i] / d[dOff + i];
        }
    }

    @Override
    protected void doMaxAbs(int n, float beta, float eps, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.max(beta * y[yOff + i], Math.abs(x[xOff + i]) + eps);
        }
    }

    // ---------------------------------------------------------------- batch normalisation

    @Override
    protected void doBatchNormStatistics(int n, int channels, int plane, float[] x, int xOff,
                                         float[] mean, int meanOff, float[] var, int varOff) {
        ScalarNormalization.statistics(n, channels, plane, x, xOff, mean, meanOff, var, varOff);
    }

    @Override
    protected void doBatchNormForward(int n, int channels, int plane, float[] x, int xOff,
                                      float[] mean, int meanOff, float[] invStd, int invStdOff,
                                      float[] weight, int weightOff, float[] bias, int biasOff, float[] y, int yOff) {
        ScalarNormalization.forward(n, channels, plane, x, xOff, mean, meanOff, invStd, invStdOff,
                weight, weightOff, bias, biasOff, y, yOff);
    }

    @Override
    protected void doBatchNormBackward(boolean training, int n, int channels, int plane, float[] x, int xOff,
                                       float[] dy, int dyOff, float[] mean, int meanOff,
                                       float[] invStd, int invStdOff, float[] weight, int weightOff,
                                       float[] dx, int dxOff, float[] dWeight, int dWeightOff,
                                       float[] dBias, int dBiasOff) {
        ScalarNormalization.backward(training, n, channels, plane, x, xOff, dy, dyOff, mean, meanOff,
                invStd, invStdOff, weight, weightOff, dx, dxOff, dWeight, dWeightOff, dBias, dBiasOff);
    }

    // ---------------------------------------------------------------- convolution and pooling

    @Override
    protected int doConv2dWorkspaceSize(Conv2dGeometry g) {
        return convolution.workspaceSize(g);
    }

    @Override
    protected void doConv2dForward(Conv2dGeometry g, float[] x, int xOff, float[] w, int wOff,
                                   float[] bias, int biasOff, float[] y, int yOff, float[] work, int workOff) {
        convolution.forward(g, x, xOff, w, wOff, bias, biasOff, y, yOff, work, workOff);
    }

    @Override
    protected void doConv2dBackwardData(Conv2dGeometry g, float[] dy, int dyOff, float[] w, int wOff,
                                        float[] dx, int dxOff, float[] work, int workOff) {
        convolution.backwardData(g, dy, dyOff, w, wOff, dx, dxOff, work, workOff);
    }

    @Override
    protected void doConv2dBackwardWeights(Conv2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                           float[] dw, int dwOff, float[] db, int dbOff, float[] work, int workOff) {
        convolution.backwardWeights(g, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, work, workOff);
    }

    @Override
    protected void doPad2d(Pad2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        ScalarPooling.pad(g, x, xOff, y, yOff);
    }

    @Override
    protected void doPad2dBackward(Pad2dGeometry g, float[] dy, int dyOff, float[] dx, int dxOff) {
        ScalarPooling.padBackward(g, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doMaxPool2dForward(Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        ScalarPooling.maxForward(g, x, xOff, y, yOff);
    }

    @Override
    protected void doMaxPool2dBackward(Pool2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                       float[] dx, int dxOff) {
        ScalarPooling.maxBackward(g, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doAvgPool2dForward(boolean countIncludePad, Pool2dGeometry g, float[] x, int xOff,
                                      float[] y, int yOff) {
        ScalarPooling.avgForward(g, countIncludePad, x, xOff, y, yOff);
    }

    @Override
    protected void doAvgPool2dBackward(boolean countIncludePad, Pool2dGeometry g, float[] dy, int dyOff,
                                       float[] dx, int dxOff) {
        ScalarPooling.avgBackward(g, countIncludePad, dy, dyOff, dx, dxOff);
    }
}
