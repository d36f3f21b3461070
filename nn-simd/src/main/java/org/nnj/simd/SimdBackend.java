package org.nnj.simd;

import static org.nnj.api.backend.GemmArguments.checkDense;
import static org.nnj.api.backend.GemmArguments.checkRange;

import java.util.Objects;
import org.nnj.api.ConfigException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.api.backend.ConvolutionArguments;
import org.nnj.api.backend.GemmArguments;
import org.nnj.api.backend.Pad2dGeometry;
import org.nnj.api.backend.Pool2dGeometry;
import org.nnj.simd.conv.Padding;
import org.nnj.simd.conv.SimdConvolution;
import org.nnj.simd.elementwise.Activations;
import org.nnj.simd.elementwise.Adam;
import org.nnj.simd.elementwise.Arithmetic;
import org.nnj.simd.elementwise.Rows;
import org.nnj.simd.gemm.Sgemm;
import org.nnj.simd.pooling.AvgPooling;
import org.nnj.simd.pooling.MaxPooling;
import org.nnj.simd.species.Species;

/**
 * The Vector API backend: a packed, register-tiled SGEMM (see {@link Sgemm}), convolutions lowered onto it
 * ({@link SimdConvolution}), pooling and padding kernels, and vectorised element-wise, row and update
 * kernels, all on one float species chosen per JVM ({@link Species}).
 *
 * <p>Every kernel validates its arguments exactly like the scalar reference backend and then runs
 * unchecked code. Thread-safe: the backend holds no mutable state; GEMM calls split over the shared
 * {@link org.nnj.simd.parallel.WorkerPool} and keep their packing buffers per thread.
 *
 * <p>Needs {@code jdk.incubator.vector} in the boot layer; create it through {@link SimdBackendProvider},
 * which checks that first.
 */
public final class SimdBackend implements ComputeBackend {
    private final int threads;
    private final SimdConvolution convolution;

    /** A backend whose GEMM calls may use up to {@code threads} threads (the caller and pool workers). */
    public SimdBackend(int threads) {
        if (threads < 1) {
            throw new ConfigException("simd backend: 'threads' must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.convolution = new SimdConvolution(threads);
    }

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public String description() {
        return "simd (" + Species.FLOAT.vectorBitSize() + "-bit, " + threads
                + (threads == 1 ? " thread)" : " threads)");
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
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        GemmArguments.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        Sgemm.gemm(threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void addRowVector(float[] x, int xOff, int rows, int cols, float[] v, int vOff) {
        checkDense("addRowVector: x", x, xOff, rows, cols);
        checkRange("addRowVector: v", v, vOff, cols);
        Rows.addRowVector(x, xOff, rows, cols, v, vOff);
    }

    @Override
    public void addColumnSums(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        checkDense("addColumnSums: x", x, xOff, rows, cols);
        checkRange("addColumnSums: out", out, outOff, cols);
        Rows.addColumnSums(x, xOff, rows, cols, out, outOff);
    }

    // ---------------------------------------------------------------- element-wise

    @Override
    public void relu(float[] x, int xOff, float[] y, int yOff, int n) {
        checkRange("relu: x", x, xOff, n);
        checkRange("relu: y", y, yOff, n);
        Activations.relu(x, xOff, y, yOff, n);
    }

    @Override
    public void reluBackward(float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        checkRange("reluBackward: x", x, xOff, n);
        checkRange("reluBackward: dy", dy, dyOff, n);
        checkRange("reluBackward: dx", dx, dxOff, n);
        Activations.reluBackward(x, xOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void leakyRelu(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        checkRange("leakyRelu: x", x, xOff, n);
        checkRange("leakyRelu: y", y, yOff, n);
        Activations.leakyRelu(alpha, x, xOff, y, yOff, n);
    }

    @Override
    public void leakyReluBackward(float alpha, float[] x, int xOff, float[] dy, int dyOff,
                                  float[] dx, int dxOff, int n) {
        checkRange("leakyReluBackward: x", x, xOff, n);
        checkRange("leakyReluBackward: dy", dy, dyOff, n);
        checkRange("leakyReluBackward: dx", dx, dxOff, n);
        Activations.leakyReluBackward(alpha, x, xOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        checkRange("sigmoid: x", x, xOff, n);
        checkRange("sigmoid: y", y, yOff, n);
        Activations.sigmoid(x, xOff, y, yOff, n);
    }

    @Override
    public void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        checkRange("sigmoidBackward: y", y, yOff, n);
        checkRange("sigmoidBackward: dy", dy, dyOff, n);
        checkRange("sigmoidBackward: dx", dx, dxOff, n);
        Activations.sigmoidBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        checkRange("tanh: x", x, xOff, n);
        checkRange("tanh: y", y, yOff, n);
        Activations.tanh(x, xOff, y, yOff, n);
    }

    @Override
    public void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        checkRange("tanhBackward: y", y, yOff, n);
        checkRange("tanhBackward: dy", dy, dyOff, n);
        checkRange("tanhBackward: dx", dx, dxOff, n);
        Activations.tanhBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        checkRange("axpy: x", x, xOff, n);
        checkRange("axpy: y", y, yOff, n);
        Arithmetic.axpy(n, alpha, x, xOff, y, yOff);
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOff) {
        checkRange("scale: x", x, xOff, n);
        Arithmetic.scale(n, alpha, x, xOff);
    }

    @Override
    public double sumOfSquares(float[] x, int xOff, int n) {
        checkRange("sumOfSquares: x", x, xOff, n);
        return Arithmetic.sumOfSquares(x, xOff, n);
    }

    // ---------------------------------------------------------------- rows

    @Override
    public void softmaxRows(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        checkDense("softmaxRows: x", x, xOff, rows, cols);
        checkDense("softmaxRows: y", y, yOff, rows, cols);
        Rows.softmaxRows(x, xOff, y, yOff, rows, cols);
    }

    @Override
    public void softmaxBackwardRows(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
                                    int rows, int cols) {
        checkDense("softmaxBackwardRows: y", y, yOff, rows, cols);
        checkDense("softmaxBackwardRows: dy", dy, dyOff, rows, cols);
        checkDense("softmaxBackwardRows: dx", dx, dxOff, rows, cols);
        Rows.softmaxBackwardRows(y, yOff, dy, dyOff, dx, dxOff, rows, cols);
    }

    @Override
    public void logSumExpRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        checkDense("logSumExpRows: x", x, xOff, rows, cols);
        checkRange("logSumExpRows: out", out, outOff, rows);
        Rows.logSumExpRows(x, xOff, rows, cols, out, outOff);
    }

    // ---------------------------------------------------------------- optimizer updates

    @Override
    public void adamStep(int n, float lr, float beta1, float beta2, float eps, float bc1, float bc2,
                         float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff) {
        checkRange("adamStep: w", w, wOff, n);
        checkRange("adamStep: g", g, gOff, n);
        checkRange("adamStep: m", m, mOff, n);
        checkRange("adamStep: v", v, vOff, n);
        Adam.step(n, lr, beta1, beta2, eps, bc1, bc2, w, wOff, g, gOff, m, mOff, v, vOff);
    }

    // ---------------------------------------------------------------- convolution, padding and pooling

    @Override
    public int conv2dWorkspaceSize(Conv2dGeometry g) {
        return convolution.workspaceSize(Objects.requireNonNull(g, "geometry"));
    }

    @Override
    public void conv2dForward(Conv2dGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                              float[] y, int yOff, float[] work, int workOff) {
        ConvolutionArguments.checkForward(g, x, xOff, w, wOff, bias, biasOff, y, yOff, work, workOff,
                conv2dWorkspaceSize(g));
        convolution.forward(g, x, xOff, w, wOff, bias, biasOff, y, yOff, work, workOff);
    }

    @Override
    public void conv2dBackwardData(Conv2dGeometry g, float[] dy, int dyOff, float[] w, int wOff,
                                   float[] dx, int dxOff, float[] work, int workOff) {
        ConvolutionArguments.checkBackwardData(g, dy, dyOff, w, wOff, dx, dxOff, work, workOff,
                conv2dWorkspaceSize(g));
        convolution.backwardData(g, dy, dyOff, w, wOff, dx, dxOff, work, workOff);
    }

    @Override
    public void conv2dBackwardWeights(Conv2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                      float[] dw, int dwOff, float[] db, int dbOff, float[] work, int workOff) {
        ConvolutionArguments.checkBackwardWeights(g, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, work, workOff,
                conv2dWorkspaceSize(g));
        convolution.backwardWeights(g, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, work, workOff);
    }

    @Override
    public void pad2d(Pad2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        ConvolutionArguments.checkPad2d(g, x, xOff, y, yOff);
        Padding.pad(g, x, xOff, y, yOff);
    }

    @Override
    public void pad2dBackward(Pad2dGeometry g, float[] dy, int dyOff, float[] dx, int dxOff) {
        ConvolutionArguments.checkPad2dBackward(g, dy, dyOff, dx, dxOff);
        Padding.padBackward(g, dy, dyOff, dx, dxOff);
    }

    @Override
    public void maxPool2dForward(Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        ConvolutionArguments.checkPoolForward("maxPool2dForward", g, x, xOff, y, yOff);
        MaxPooling.forward(g, x, xOff, y, yOff);
    }

    @Override
    public void maxPool2dBackward(Pool2dGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        ConvolutionArguments.checkPoolBackward("maxPool2dBackward", g, x, xOff, dy, dyOff, dx, dxOff);
        MaxPooling.backward(g, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    public void avgPool2dForward(Pool2dGeometry g, boolean countIncludePad, float[] x, int xOff, float[] y, int yOff) {
        ConvolutionArguments.checkPoolForward("avgPool2dForward", g, x, xOff, y, yOff);
        AvgPooling.forward(g, countIncludePad, x, xOff, y, yOff);
    }

    @Override
    public void avgPool2dBackward(Pool2dGeometry g, boolean countIncludePad, float[] dy, int dyOff,
                                  float[] dx, int dxOff) {
        ConvolutionArguments.checkPoolBackward("avgPool2dBackward", g, null, 0, dy, dyOff, dx, dxOff);
        AvgPooling.backward(g, countIncludePad, dy, dyOff, dx, dxOff);
    }
}
