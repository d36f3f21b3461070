package org.nnj.api.backend;

import java.util.Objects;

/**
 * A backend that forwards every kernel to another one, its delegate, so that a backend author can replace one
 * kernel and keep the rest, as Guava's {@code Forwarding...} classes do for collections: a native GEMM under
 * the SIMD backend's element-wise and convolution kernels, a kernel wrapped to count or time its calls.
 *
 * <pre>{@code
 * final class NativeGemmBackend extends ForwardingComputeBackend {
 *     NativeGemmBackend(ComputeBackend simd) {
 *         super("native-gemm", simd);
 *     }
 *
 *     @Override
 *     protected void doGemm(boolean transA, boolean transB, int m, int n, int k, * float alpha,
                          float[] a, int aOff, int lda, * float[] b, int bOff, int ldb, * float beta,
                          float[] c, int cOff, int ldc) {
 *         // arguments already validated; call the native library here
 *     }
 * }
 * }</pre>
 *
 * <h2>Why it extends {@link AbstractComputeBackend}</h2>
 * A kernel is replaced by overriding its protected {@code do...} method, never the public one: the public
 * methods stay final and validate every argument before the {@code do...} method runs, so a replaced kernel
 * gets checked arguments and rejects a bad call with the same {@link org.nnj.api.ShapeException} as every
 * other backend, without a line of checking of its own; a forwarding class that implemented
 * {@link ComputeBackend} directly would leave that to each author, and the first one to forget it would
 * index out of bounds on a bad call. The price: a kernel that is forwarded is checked twice, here and again
 * by a delegate that extends {@code AbstractComputeBackend}, a few comparisons per call and nothing beside
 * the kernel itself. The second check also guards a forwarded convolution whose workspace this backend sized.
 *
 * <h2>What forwarding does not do</h2>
 * Forwarding is per call, not per kernel: a delegate's kernel that is built on another of its kernels (the
 * scalar backend lowers a convolution onto its own GEMM) keeps calling its own, not the override. Override
 * the convolution kernels too if they should run on a replaced GEMM. A replaced convolution whose workspace
 * differs from the delegate's overrides {@link #doConv2dWorkspaceSize} with it.
 *
 * <p>Thread-safe when the delegate and the overriding methods are: this class holds only the name, the
 * delegate and the thread count, the delegate's, read once.
 */
public class ForwardingComputeBackend extends AbstractComputeBackend {
    private final ComputeBackend delegate;

    /**
     * @param name     the provider name of this backend, for example {@code "native-gemm"}
     * @param delegate the backend that runs every kernel this class does not override; its
     *                 {@link ComputeBackend#threads()} becomes this backend's
     */
    public ForwardingComputeBackend(String name, ComputeBackend delegate) {
        super(name, Objects.requireNonNull(delegate, "delegate").threads());
        this.delegate = delegate;
    }

    /** The backend that runs the kernels not overridden. */
    protected final ComputeBackend delegate() {
        return delegate;
    }

    /** This backend's name and the delegate's description, for example {@code "native-gemm over simd (...)"}. */
    @Override
    public String description() {
        return name() + " over " + delegate.description();
    }

    @Override
    protected void doGemm(boolean transA, boolean transB, int m, int n, int k,
                          float alpha, float[] a, int aOff, int lda,
                          float[] b, int bOff, int ldb,
                          float beta, float[] c, int cOff, int ldc) {
        delegate.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    protected void doAddRowVector(int rows, int cols, float[] v, int vOff, float[] x, int xOff) {
        delegate.addRowVector(rows, cols, v, vOff, x, xOff);
    }

    @Override
    protected void doAddColumnSums(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        delegate.addColumnSums(rows, cols, x, xOff, out, outOff);
    }

    @Override
    protected void doRelu(int n, float[] x, int xOff, float[] y, int yOff) {
        delegate.relu(n, x, xOff, y, yOff);
    }

    @Override
    protected void doReluBackward(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        delegate.reluBackward(n, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doLeakyRelu(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        delegate.leakyRelu(n, alpha, x, xOff, y, yOff);
    }

    @Override
    protected void doLeakyReluBackward(int n, float alpha, float[] x, int xOff, float[] dy, int dyOff,
                                       float[] dx, int dxOff) {
        delegate.leakyReluBackward(n, alpha, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doSigmoid(int n, float[] x, int xOff, float[] y, int yOff) {
        delegate.sigmoid(n, x, xOff, y, yOff);
    }

    @Override
    protected void doSigmoidBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        delegate.sigmoidBackward(n, y, yOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doTanh(int n, float[] x, int xOff, float[] y, int yOff) {
        delegate.tanh(n, x, xOff, y, yOff);
    }

    @Override
    protected void doTanhBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        delegate.tanhBackward(n, y, yOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doElu(int n, float alpha, float scale, float[] x, int xOff, float[] y, int yOff) {
        delegate.elu(n, alpha, scale, x, xOff, y, yOff);
    }

    @Override
    protected void doEluBackward(int n, float alpha, float scale, float[] x, int xOff, float[] dy, int dyOff,
                                 float[] dx, int dxOff) {
        delegate.eluBackward(n, alpha, scale, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doGelu(boolean tanhApproximation, int n, float[] x, int xOff, float[] y, int yOff) {
        delegate.gelu(tanhApproximation, n, x, xOff, y, yOff);
    }

    @Override
    protected void doGeluBackward(boolean tanhApproximation, int n, float[] x, int xOff, float[] dy, int dyOff,
                                  float[] dx, int dxOff) {
        delegate.geluBackward(tanhApproximation, n, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doSoftplus(int n, float beta, float threshold, float[] x, int xOff, float[] y, int yOff) {
        delegate.softplus(n, beta, threshold, x, xOff, y, yOff);
    }

    @Override
    protected void doSoftplusBackward(int n, float beta, float threshold, float[] x, int xOff, float[] dy,
                                      int dyOff, float[] dx, int dxOff) {
        delegate.softplusBackward(n, beta, threshold, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doAxpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        delegate.axpy(n, alpha, x, xOff, y, yOff);
    }

    @Override
    protected void doScale(int n, float alpha, float[] x, int xOff) {
        delegate.scale(n, alpha, x, xOff);
    }

    @Override
    protected void doMultiply(int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        delegate.multiply(n, x, xOff, y, yOff, out, outOff);
    }

    @Override
    protected double doSumOfSquares(int n, float[] x, int xOff) {
        return delegate.sumOfSquares(n, x, xOff);
    }

    @Override
    protected void doSoftmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        delegate.softmaxRows(rows, cols, x, xOff, y, yOff);
    }

    @Override
    protected void doSoftmaxBackwardRows(int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                                         float[] dx, int dxOff) {
        delegate.softmaxBackwardRows(rows, cols, y, yOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doLogSumExpRows(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        delegate.logSumExpRows(rows, cols, x, xOff, out, outOff);
    }

    // ---------------------------------------------------------------- log-softmax rows (added in 1.1.0)

    @Override
    protected void doLogSoftmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        delegate.logSoftmaxRows(rows, cols, x, xOff, y, yOff);
    }

    @Override
    protected void doLogSoftmaxBackwardRows(int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                                            float[] dx, int dxOff) {
        delegate.logSoftmaxBackwardRows(rows, cols, y, yOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doAdamStep(int n, float lr, float beta1, float beta2, float eps, float bc1, float bc2,
                              float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff) {
        delegate.adamStep(n, lr, beta1, beta2, eps, bc1, bc2, w, wOff, g, gOff, m, mOff, v, vOff);
    }

    @Override
    protected void doAdadeltaStep(int n, float lr, float rho, float eps, float[] w, int wOff, float[] g, int gOff,
                                  float[] squareAvg, int squareAvgOff, float[] accDelta, int accDeltaOff) {
        delegate.adadeltaStep(n, lr, rho, eps, w, wOff, g, gOff, squareAvg, squareAvgOff, accDelta, accDeltaOff);
    }

    @Override
    protected void doAddSquares(int n, float beta, float alpha, float[] x, int xOff, float[] y, int yOff) {
        delegate.addSquares(n, beta, alpha, x, xOff, y, yOff);
    }

    @Override
    protected void doAddcdivSqrt(int n, float beta, float alpha, float c, float eps, float[] x, int xOff,
                                 float[] d, int dOff, float[] y, int yOff) {
        delegate.addcdivSqrt(n, beta, alpha, c, eps, x, xOff, d, dOff, y, yOff);
    }

    @Override
    protected void doAddcdiv(int n, float alpha, float[] x, int xOff, float[] d, int dOff, float[] y, int yOff) {
        delegate.addcdiv(n, alpha, x, xOff, d, dOff, y, yOff);
    }

    @Override
    protected void doMaxAbs(int n, float beta, float eps, float[] x, int xOff, float[] y, int yOff) {
        delegate.maxAbs(n, beta, eps, x, xOff, y, yOff);
    }

    @Override
    protected void doBatchNormStatistics(int n, int channels, int plane, float[] x, int xOff, float[] mean, int meanOff,
                                         float[] var, int varOff) {
        delegate.batchNormStatistics(n, channels, plane, x, xOff, mean, meanOff, var, varOff);
    }

    @Override
    protected void doBatchNormForward(int n, int channels, int plane, float[] x, int xOff, float[] mean, int meanOff,
                                      float[] invStd, int invStdOff, float[] weight, int weightOff,
                                      float[] bias, int biasOff, float[] y, int yOff) {
        delegate.batchNormForward(n, channels, plane, x, xOff, mean, meanOff, invStd, invStdOff, weight, weightOff,
                bias, biasOff, y, yOff);
    }

    @Override
    protected void doBatchNormBackward(boolean training, int n, int channels, int plane, float[] x, int xOff,
                                       float[] dy, int dyOff, float[] mean, int meanOff, float[] invStd, int invStdOff,
                                       float[] weight, int weightOff, float[] dx, int dxOff,
                                       float[] dWeight, int dWeightOff, float[] dBias, int dBiasOff) {
        delegate.batchNormBackward(training, n, channels, plane, x, xOff, dy, dyOff, mean, meanOff, invStd, invStdOff,
                weight, weightOff, dx, dxOff, dWeight, dWeightOff, dBias, dBiasOff);
    }

    @Override
    protected int doConv2dWorkspaceSize(Conv2dGeometry g) {
        return delegate.conv2dWorkspaceSize(g);
    }

    @Override
    protected void doConv2dForward(Conv2dGeometry g, float[] x, int xOff, float[] w, int wOff,
                                   float[] bias, int biasOff, float[] y, int yOff, float[] work, int workOff) {
        delegate.conv2dForward(g, x, xOff, w, wOff, bias, biasOff, y, yOff, work, workOff);
    }

    @Override
    protected void doConv2dBackwardData(Conv2dGeometry g, float[] dy, int dyOff, float[] w, int wOff,
                                        float[] dx, int dxOff, float[] work, int workOff) {
        delegate.conv2dBackwardData(g, dy, dyOff, w, wOff, dx, dxOff, work, workOff);
    }

    @Override
    protected void doConv2dBackwardWeights(Conv2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                           float[] dw, int dwOff, float[] db, int dbOff, float[] work, int workOff) {
        delegate.conv2dBackwardWeights(g, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, work, workOff);
    }

    @Override
    protected void doPad2d(Pad2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        delegate.pad2d(g, x, xOff, y, yOff);
    }

    @Override
    protected void doPad2dBackward(Pad2dGeometry g, float[] dy, int dyOff, float[] dx, int dxOff) {
        delegate.pad2dBackward(g, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doMaxPool2dForward(Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        delegate.maxPool2dForward(g, x, xOff, y, yOff);
    }

    @Override
    protected void doMaxPool2dBackward(Pool2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                       float[] dx, int dxOff) {
        delegate.maxPool2dBackward(g, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    protected void doAvgPool2dForward(boolean countIncludePad, Pool2dGeometry g, float[] x, int xOff,
                                      float[] y, int yOff) {
        delegate.avgPool2dForward(countIncludePad, g, x, xOff, y, yOff);
    }

    @Override
    protected void doAvgPool2dBackward(boolean countIncludePad, Pool2dGeometry g, float[] dy, int dyOff,
                                       float[] dx, int dxOff) {
        delegate.avgPool2dBackward(countIncludePad, g, dy, dyOff, dx, dxOff);
    }
}
