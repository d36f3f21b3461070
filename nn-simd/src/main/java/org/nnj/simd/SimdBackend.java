package org.nnj.simd;

import java.util.Arrays;
import org.nnj.api.ConfigException;
import org.nnj.api.backend.AbstractComputeBackend;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.api.backend.GemmArguments;
import org.nnj.api.backend.Pad2dGeometry;
import org.nnj.api.backend.Pool2dGeometry;
import org.nnj.simd.conv.Padding;
import org.nnj.simd.conv.SimdConvolution;
import org.nnj.simd.elementwise.Activations;
import org.nnj.simd.elementwise.Adadelta;
import org.nnj.simd.elementwise.Adam;
import org.nnj.simd.elementwise.Arithmetic;
import org.nnj.simd.elementwise.Rows;
import org.nnj.simd.elementwise.SmoothActivations;
import org.nnj.simd.elementwise.Updates;
import org.nnj.simd.gemm.Sgemm;
import org.nnj.simd.normalization.BatchNorm;
import org.nnj.simd.parallel.Split;
import org.nnj.simd.pooling.AvgPooling;
import org.nnj.simd.pooling.MaxPooling;
import org.nnj.simd.species.Species;

/**
 * The Vector API backend: a packed, register-tiled SGEMM (see {@link Sgemm}), convolutions lowered onto it
 * ({@link SimdConvolution}), pooling and padding kernels, and vectorised element-wise, row, update and
 * batch-normalisation ({@link BatchNorm}) kernels, all on one float species chosen per JVM ({@link Species}).
 *
 * <p>{@link AbstractComputeBackend} validates every kernel's arguments, exactly as for the scalar reference
 * backend, before the unchecked code here runs. Thread-safe: the backend holds no mutable state; GEMM calls
 * split over the shared {@link org.nnj.simd.parallel.WorkerPool} and keep their packing buffers per thread.
 *
 * <p>Needs {@code jdk.incubator.vector} in the boot layer; create it through {@link SimdBackendProvider},
 * which checks that first.
 */
public final class SimdBackend extends AbstractComputeBackend {
    private final SimdConvolution convolution;

    /** A backend whose GEMM calls may use up to {@code threads} threads (the caller and pool workers). */
    public SimdBackend(int threads) {
        super("simd", threads);
        this.convolution = new SimdConvolution(threads);
    }

    @Override
    public String description() {
        return "simd (" + Species.FLOAT.vectorBitSize() + "-bit, " + threads()
                + (threads() == 1 ? " thread)" : " threads)");
    }

    /**
     * Fails unless {@code bits} is this JVM's vector width. The width is chosen once per JVM (see
     * {@link Species}), so a config can confirm it but not change it.
     */
    void requireBits(int bits) {
        int actual = Species.FLOAT.vectorBitSize();
        if (bits != actual) {
            throw new ConfigException("compute backend 'simd': 'bits' is " + bits + " but this JVM's vectors are "
                    + actual + "-bit; the width is fixed per JVM: start it with -D" + Species.BITS_PROPERTY
                    + "=" + bits + " (256 or 512)");
        }
    }

    // ---------------------------------------------------------------- matrices

    @Override
    protected void doGemm(boolean transA, boolean transB, int m, int n, int k,
                          float alpha, float[] a, int aOff, int lda,
                          float[] b, int bOff, int ldb,
                          float beta, float[] c, int cOff, int ldc) {
        Sgemm.gemm(threads(), transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    protected void doAddRowVector(int rows, int cols, float[] v, int vOff, float[] x, int xOff) {
        Rows.addRowVector(rows, cols, v, vOff, x, xOff);
    }

    @Override
    protected void doAddColumnSums(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        Rows.addColumnSums(rows, cols, x, xOff, out, outOff);
    }

    // ---------------------------------------------------------------- element-wise

    @Override
    protected void doRelu(int n, float[] x, int xOff, float[] y, int yOff) {
        Split.elements(threads(), n, (from, to) -> Activations.relu(to - from, x, xOff + from, y, yOff + from));
    }

    @Override
    protected void doReluBackward(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        Split.elements(threads(), n, (from, to) -> Activations.reluBackward(to - from, x, xOff + from, dy,
                dyOff + from, dx, dxOff + from));
    }

    @Override
    protected void doLeakyRelu(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        Activations.leakyRelu(n, alpha, x, xOff, y, yOff);
    }

    @Override
    protected void doLeakyReluBackward(int n, float alpha, float[] x, int xOff, float[] dy, int dyOff,
                                       float[] dx, int dxOff) {
        Activations.leakyReluBackward(n, alpha, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doSigmoid(int n, float[] x, int xOff, float[] y, int yOff) {
        Activations.sigmoid(n, x, xOff, y, yOff);
    }

    @Override
    protected void doSigmoidBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        Activations.sigmoidBackward(n, y, yOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doTanh(int n, float[] x, int xOff, float[] y, int yOff) {
        Activations.tanh(n, x, xOff, y, yOff);
    }

    @Override
    protected void doTanhBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        Activations.tanhBackward(n, y, yOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doElu(int n, float alpha, float scale, float[] x, int xOff, float[] y, int yOff) {
        Activations.elu(n, alpha, scale, x, xOff, y, yOff);
    }

    @Override
    protected void doEluBackward(int n, float alpha, float scale, float[] x, int xOff, float[] dy, int dyOff,
                                 float[] dx, int dxOff) {
        Activations.eluBackward(n, alpha, scale, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doGelu(boolean tanhApproximation, int n, float[] x, int xOff, float[] y, int yOff) {
        SmoothActivations.gelu(tanhApproximation, n, x, xOff, y, yOff);
    }

    @Override
    protected void doGeluBackward(boolean tanhApproximation, int n, float[] x, int xOff, float[] dy, int dyOff,
                                  float[] dx, int dxOff) {
        SmoothActivations.geluBackward(tanhApproximation, n, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doSoftplus(int n, float beta, float threshold, float[] x, int xOff, float[] y, int yOff) {
        SmoothActivations.softplus(n, beta, threshold, x, xOff, y, yOff);
    }

    @Override
    protected void doSoftplusBackward(int n, float beta, float threshold, float[] x, int xOff, float[] dy,
                                      int dyOff, float[] dx, int dxOff) {
        SmoothActivations.softplusBackward(n, beta, threshold, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doAxpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        Arithmetic.axpy(n, alpha, x, xOff, y, yOff);
    }

    @Override
    protected void doScale(int n, float alpha, float[] x, int xOff) {
        Arithmetic.scale(n, alpha, x, xOff);
    }

    /** Spread over the threads: zeroing the CNN's gradients (13 MB) on one core took 0.6 ms of a step. */
    @Override
    public void fill(int n, float value, float[] x, int xOff) {
        GemmArguments.checkRange("fill: x", x, xOff, n);
        Split.elements(threads(), n, (from, to) -> Arrays.fill(x, xOff + from, xOff + to, value));
    }

    @Override
    protected void doMultiply(int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        Arithmetic.multiply(n, x, xOff, y, yOff, out, outOff);
    }

    @Override
    protected double doSumOfSquares(int n, float[] x, int xOff) {
        return Arithmetic.sumOfSquares(n, x, xOff);
    }

    // ---------------------------------------------------------------- rows

    @Override
    protected void doSoftmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        Rows.softmaxRows(rows, cols, x, xOff, y, yOff);
    }

    @Override
    protected void doSoftmaxBackwardRows(int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                                         float[] dx, int dxOff) {
        Rows.softmaxBackwardRows(rows, cols, y, yOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doLogSumExpRows(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        Rows.logSumExpRows(rows, cols, x, xOff, out, outOff);
    }

    // ---------------------------------------------------------------- log-softmax rows (added in 1.1.0)

    @Override
    protected void doLogSoftmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        Rows.logSoftmaxRows(rows, cols, x, xOff, y, yOff);
    }

    @Override
    protected void doLogSoftmaxBackwardRows(int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                                            float[] dx, int dxOff) {
        Rows.logSoftmaxBackwardRows(rows, cols, y, yOff, dy, dyOff, dx, dxOff);
    }

    // ---------------------------------------------------------------- optimizer updates

    @Override
    protected void doAdamStep(int n, float lr, float beta1, float beta2, float eps, float bc1, float bc2,
                              float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff) {
        Split.elements(threads(), n, (from, to) -> Adam.step(to - from, lr, beta1, beta2, eps, bc1, bc2, w,
                wOff + from, g, gOff + from, m, mOff + from, v, vOff + from));
    }

    @Override
    protected void doAdadeltaStep(int n, float lr, float rho, float eps, float[] w, int wOff, float[] g, int gOff,
                                  float[] squareAvg, int squareAvgOff, float[] accDelta, int accDeltaOff) {
        Adadelta.step(n, lr, rho, eps, w, wOff, g, gOff, squareAvg, squareAvgOff, accDelta, accDeltaOff);
    }

    // ---------------------------------------------------------------- general element-wise updates

    @Override
    protected void doAddSquares(int n, float beta, float alpha, float[] x, int xOff, float[] y, int yOff) {
        Updates.addSquares(n, beta, alpha, x, xOff, y, yOff);
    }

    @Override
    protected void doAddcdivSqrt(int n, float beta, float alpha, float c, float eps, float[] x, int xOff,
                                 float[] d, int dOff, float[] y, int yOff) {
        Updates.addcdivSqrt(n, beta, alpha, c, eps, x, xOff, d, dOff, y, yOff);
    }

    @Override
    protected void doAddcdiv(int n, float alpha, float[] x, int xOff, float[] d, int dOff, float[] y, int yOff) {
        Updates.addcdiv(n, alpha, x, xOff, d, dOff, y, yOff);
    }

    @Override
    protected void doMaxAbs(int n, float beta, float eps, float[] x, int xOff, float[] y, int yOff) {
        Updates.maxAbs(n, beta, eps, x, xOff, y, yOff);
    }

    // ---------------------------------------------------------------- batch normalisation

    @Override
    protected void doBatchNormStatistics(int n, int channels, int plane, float[] x, int xOff,
                                         float[] mean, int meanOff, float[] var, int varOff) {
        BatchNorm.statistics(n, channels, plane, x, xOff, mean, meanOff, var, varOff);
    }

    @Override
    protected void doBatchNormForward(int n, int channels, int plane, float[] x, int xOff,
                                      float[] mean, int meanOff, float[] invStd, int invStdOff,
                                      float[] weight, int weightOff, float[] bias, int biasOff, float[] y, int yOff) {
        BatchNorm.forward(n, channels, plane, x, xOff, mean, meanOff, invStd, invStdOff,
                weight, weightOff, bias, biasOff, y, yOff);
    }

    @Override
    protected void doBatchNormBackward(boolean training, int n, int channels, int plane, float[] x, int xOff,
                                       float[] dy, int dyOff, float[] mean, int meanOff,
                                       float[] invStd, int invStdOff, float[] weight, int weightOff,
                                       float[] dx, int dxOff, float[] dWeight, int dWeightOff,
                                       float[] dBias, int dBiasOff) {
        BatchNorm.backward(training, n, channels, plane, x, xOff, dy, dyOff, mean, meanOff, invStd, invStdOff,
                weight, weightOff, dx, dxOff, dWeight, dWeightOff, dBias, dBiasOff);
    }

    // ---------------------------------------------------------------- convolution, padding and pooling

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
        Padding.pad(g, x, xOff, y, yOff);
    }

    @Override
    protected void doPad2dBackward(Pad2dGeometry g, float[] dy, int dyOff, float[] dx, int dxOff) {
        Padding.padBackward(g, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doMaxPool2dForward(Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        int in = g.channels() * g.inHeight() * g.inWidth();
        int out = g.channels() * g.outHeight() * g.outWidth();
        Split.images(threads(), g.batch(), g.inputSize(), (from, to) -> MaxPooling.forward(g.withBatch(to - from), x,
                xOff + from * in, y, yOff + from * out));
    }

    @Override
    protected void doMaxPool2dBackward(Pool2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                       float[] dx, int dxOff) {
        int in = g.channels() * g.inHeight() * g.inWidth();
        int out = g.channels() * g.outHeight() * g.outWidth();
        Split.images(threads(), g.batch(), g.inputSize(), (from, to) -> MaxPooling.backward(g.withBatch(to - from),
                x, xOff + from * in, dy, dyOff + from * out, dx, dxOff + from * in));
    }

    @Override
    protected void doAvgPool2dForward(boolean countIncludePad, Pool2dGeometry g, float[] x, int xOff,
                                      float[] y, int yOff) {
        AvgPooling.forward(g, countIncludePad, x, xOff, y, yOff);
    }

    @Override
    protected void doAvgPool2dBackward(boolean countIncludePad, Pool2dGeometry g, float[] dy, int dyOff,
                                       float[] dx, int dxOff) {
        AvgPooling.backward(g, countIncludePad, dy, dyOff, dx, dxOff);
    }
}
