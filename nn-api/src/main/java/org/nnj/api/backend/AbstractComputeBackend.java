package org.nnj.api.backend;

import static org.nnj.api.backend.GemmArguments.checkDense;
import static org.nnj.api.backend.GemmArguments.checkRange;

import java.util.Objects;
import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;

/**
 * The base class for backends: every kernel method is final, validates its arguments and then calls a
 * protected {@code do...} method ({@link #doGemm}, {@link #doRelu}, {@link #doConv2dForward}, ...) that
 * does the computation, so a backend cannot forget a check and every backend rejects the same calls with
 * the same messages. Extend it rather than implementing {@link ComputeBackend} directly.
 *
 * <h2>What is checked before a {@code do...} method runs</h2>
 * <ul>
 *   <li>Every array holds the elements the call reads or writes from its offset:
 *       {@link GemmArguments#check} for GEMM ({@code m}, {@code n}, {@code k} at least 0, leading dimensions
 *       included), {@link GemmArguments#checkDense} for dense {@code rows x cols} matrices and
 *       {@link GemmArguments#checkRange} for vectors ({@code n} and the offset at least 0). A vector must
 *       not be null even when empty; a matrix with no elements is not looked at. An optional array that is
 *       null ({@code bias}, {@code db}) is not checked.</li>
 *   <li>Batch normalisation: {@code n}, {@code channels} and {@code plane} are at least 0 and every array
 *       holds its {@code n * channels * plane} or {@code channels} elements ({@link GemmArguments#checkRange});
 *       the statistics need at least one value per channel.</li>
 *   <li>Convolution, padding and pooling calls: the geometry is non-null and every array fits it
 *       ({@link ConvolutionArguments}); the workspace holds {@link #conv2dWorkspaceSize} floats.</li>
 *   <li>A bad argument throws {@link org.nnj.api.ShapeException} naming the kernel and the argument (a
 *       null geometry too: "{@code conv2dForward: geometry is null}"), before any element is touched.</li>
 *   <li>A GEMM with {@code m == 0} or {@code n == 0} has nothing to write and returns without calling
 *       {@link #doGemm}; every other valid call, empty ones included, reaches its {@code do...} method.</li>
 * </ul>
 * A {@code do...} method may therefore assume valid arguments and index the arrays unchecked. Values are
 * not checked: NaN and infinity are passed on as they are. A {@code do...} method that needs another kernel
 * (a convolution lowered onto GEMM, say) may call the public method, which validates again.
 *
 * <h2>Threads</h2>
 * This class holds only the immutable name and thread count, and the checks run on the calling thread. The
 * {@code do...} methods must be thread-safe as {@link ComputeBackend} says: they may be called from several
 * threads at once, and they may split their work over at most {@link #threads()} threads of a shared pool.
 */
public abstract class AbstractComputeBackend implements ComputeBackend {
    private final String name;
    private final int threads;

    /**
     * @param name    the provider name, for example {@code "scalar"}; it names the backend in messages
     * @param threads how many threads one kernel call may use, at least 1
     * @throws ConfigException when {@code threads} is less than 1
     */
    protected AbstractComputeBackend(String name, int threads) {
        this.name = Objects.requireNonNull(name, "name");
        if (threads < 1) {
            throw new ConfigException(name + " backend: 'threads' must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int threads() {
        return threads;
    }

    // ---------------------------------------------------------------- matrices

    @Override
    public final void gemm(boolean transA, boolean transB, int m, int n, int k,
                           float alpha, float[] a, int aOff, int lda,
                           float[] b, int bOff, int ldb,
                           float beta, float[] c, int cOff, int ldc) {
        GemmArguments.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return; // C is empty; A and B may even be null (GemmArguments skips empty matrices)
        }
        doGemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * {@link #gemm}, validated, with {@code m >= 1}, {@code n >= 1} and {@code k >= 0}; {@code a} and {@code b}
     * may be null when {@code k == 0}.
     */
    protected abstract void doGemm(boolean transA, boolean transB, int m, int n, int k,
                                   float alpha, float[] a, int aOff, int lda,
                                   float[] b, int bOff, int ldb,
                                   float beta, float[] c, int cOff, int ldc);

    @Override
    public final void addRowVector(int rows, int cols, float[] v, int vOff, float[] x, int xOff) {
        checkDense("addRowVector: x", x, xOff, rows, cols);
        checkRange("addRowVector: v", v, vOff, cols);
        doAddRowVector(rows, cols, v, vOff, x, xOff);
    }

    /** {@link #addRowVector}, validated. */
    protected abstract void doAddRowVector(int rows, int cols, float[] v, int vOff, float[] x, int xOff);

    @Override
    public final void addColumnSums(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        checkDense("addColumnSums: x", x, xOff, rows, cols);
        checkRange("addColumnSums: out", out, outOff, cols);
        doAddColumnSums(rows, cols, x, xOff, out, outOff);
    }

    /** {@link #addColumnSums}, validated. */
    protected abstract void doAddColumnSums(int rows, int cols, float[] x, int xOff, float[] out, int outOff);

    // ---------------------------------------------------------------- element-wise

    @Override
    public final void relu(int n, float[] x, int xOff, float[] y, int yOff) {
        checkRange("relu: x", x, xOff, n);
        checkRange("relu: y", y, yOff, n);
        doRelu(n, x, xOff, y, yOff);
    }

    /** {@link #relu}, validated. */
    protected abstract void doRelu(int n, float[] x, int xOff, float[] y, int yOff);

    @Override
    public final void reluBackward(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        checkRange("reluBackward: x", x, xOff, n);
        checkRange("reluBackward: dy", dy, dyOff, n);
        checkRange("reluBackward: dx", dx, dxOff, n);
        doReluBackward(n, x, xOff, dy, dyOff, dx, dxOff);
    }

    /** {@link #reluBackward}, validated. */
    protected abstract void doReluBackward(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff);

    @Override
    public final void leakyRelu(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        checkRange("leakyRelu: x", x, xOff, n);
        checkRange("leakyRelu: y", y, yOff, n);
        doLeakyRelu(n, alpha, x, xOff, y, yOff);
    }

    /** {@link #leakyRelu}, validated. */
    protected abstract void doLeakyRelu(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    @Override
    public final void leakyReluBackward(int n, float alpha, float[] x, int xOff, float[] dy, int dyOff,
                                        float[] dx, int dxOff) {
        checkRange("leakyReluBackward: x", x, xOff, n);
        checkRange("leakyReluBackward: dy", dy, dyOff, n);
        checkRange("leakyReluBackward: dx", dx, dxOff, n);
        doLeakyReluBackward(n, alpha, x, xOff, dy, dyOff, dx, dxOff);
    }

    /** {@link #leakyReluBackward}, validated. */
    protected abstract void doLeakyReluBackward(int n, float alpha, float[] x, int xOff, float[] dy, int dyOff,
                                                float[] dx, int dxOff);

    @Override
    public final void sigmoid(int n, float[] x, int xOff, float[] y, int yOff) {
        checkRange("sigmoid: x", x, xOff, n);
        checkRange("sigmoid: y", y, yOff, n);
        doSigmoid(n, x, xOff, y, yOff);
    }

    /** {@link #sigmoid}, validated. */
    protected abstract void doSigmoid(int n, float[] x, int xOff, float[] y, int yOff);

    @Override
    public final void sigmoidBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        checkRange("sigmoidBackward: y", y, yOff, n);
        checkRange("sigmoidBackward: dy", dy, dyOff, n);
        checkRange("sigmoidBackward: dx", dx, dxOff, n);
        doSigmoidBackward(n, y, yOff, dy, dyOff, dx, dxOff);
    }

    /** {@link #sigmoidBackward}, validated. */
    protected abstract void doSigmoidBackward(int n, float[] y, int yOff, float[] dy, int dyOff,
                                              float[] dx, int dxOff);

    @Override
    public final void tanh(int n, float[] x, int xOff, float[] y, int yOff) {
        checkRange("tanh: x", x, xOff, n);
        checkRange("tanh: y", y, yOff, n);
        doTanh(n, x, xOff, y, yOff);
    }

    /** {@link #tanh}, validated. */
    protected abstract void doTanh(int n, float[] x, int xOff, float[] y, int yOff);

    @Override
    public final void tanhBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        checkRange("tanhBackward: y", y, yOff, n);
        checkRange("tanhBackward: dy", dy, dyOff, n);
        checkRange("tanhBackward: dx", dx, dxOff, n);
        doTanhBackward(n, y, yOff, dy, dyOff, dx, dxOff);
    }

    /** {@link #tanhBackward}, validated. */
    protected abstract void doTanhBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff);

    // The smooth activations came after 1.0.0: their do... methods are not abstract but compute the reference
    // (SmoothActivationKernels), so that a backend written against 1.0.0 still compiles and works.

    @Override
    public final void elu(int n, float alpha, float scale, float[] x, int xOff, float[] y, int yOff) {
        SmoothActivationKernels.checkForward("elu", n, x, xOff, y, yOff);
        doElu(n, alpha, scale, x, xOff, y, yOff);
    }

    /** {@link #elu}, validated; by default the reference loop over {@link org.nnj.api.math.ActivationFunctions}. */
    protected void doElu(int n, float alpha, float scale, float[] x, int xOff, float[] y, int yOff) {
        SmoothActivationKernels.elu(n, alpha, scale, x, xOff, y, yOff);
    }

    @Override
    public final void eluBackward(int n, float alpha, float scale, float[] x, int xOff, float[] dy, int dyOff,
                                  float[] dx, int dxOff) {
        SmoothActivationKernels.checkBackward("eluBackward", n, x, xOff, dy, dyOff, dx, dxOff);
        doEluBackward(n, alpha, scale, x, xOff, dy, dyOff, dx, dxOff);
    }

    /** {@link #eluBackward}, validated; by default the reference loop. */
    protected void doEluBackward(int n, float alpha, float scale, float[] x, int xOff, float[] dy, int dyOff,
                                 float[] dx, int dxOff) {
        SmoothActivationKernels.eluBackward(n, alpha, scale, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    public final void gelu(boolean tanhApproximation, int n, float[] x, int xOff, float[] y, int yOff) {
        SmoothActivationKernels.checkForward("gelu", n, x, xOff, y, yOff);
        doGelu(tanhApproximation, n, x, xOff, y, yOff);
    }

    /** {@link #gelu}, validated; by default the reference loop. */
    protected void doGelu(boolean tanhApproximation, int n, float[] x, int xOff, float[] y, int yOff) {
        SmoothActivationKernels.gelu(tanhApproximation, n, x, xOff, y, yOff);
    }

    @Override
    public final void geluBackward(boolean tanhApproximation, int n, float[] x, int xOff, float[] dy, int dyOff,
                                   float[] dx, int dxOff) {
        SmoothActivationKernels.checkBackward("geluBackward", n, x, xOff, dy, dyOff, dx, dxOff);
        doGeluBackward(tanhApproximation, n, x, xOff, dy, dyOff, dx, dxOff);
    }

    /** {@link #geluBackward}, validated; by default the reference loop. */
    protected void doGeluBackward(boolean tanhApproximation, int n, float[] x, int xOff, float[] dy, int dyOff,
                                  float[] dx, int dxOff) {
        SmoothActivationKernels.geluBackward(tanhApproximation, n, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    public final void softplus(int n, float beta, float threshold, float[] x, int xOff, float[] y, int yOff) {
        SmoothActivationKernels.checkForward("softplus", n, x, xOff, y, yOff);
        doSoftplus(n, beta, threshold, x, xOff, y, yOff);
    }

    /** {@link #softplus}, validated; by default the reference loop. */
    protected void doSoftplus(int n, float beta, float threshold, float[] x, int xOff, float[] y, int yOff) {
        SmoothActivationKernels.softplus(n, beta, threshold, x, xOff, y, yOff);
    }

    @Override
    public final void softplusBackward(int n, float beta, float threshold, float[] x, int xOff, float[] dy,
                                       int dyOff, float[] dx, int dxOff) {
        SmoothActivationKernels.checkBackward("softplusBackward", n, x, xOff, dy, dyOff, dx, dxOff);
        doSoftplusBackward(n, beta, threshold, x, xOff, dy, dyOff, dx, dxOff);
    }

    /** {@link #softplusBackward}, validated; by default the reference loop. */
    protected void doSoftplusBackward(int n, float beta, float threshold, float[] x, int xOff, float[] dy,
                                      int dyOff, float[] dx, int dxOff) {
        SmoothActivationKernels.softplusBackward(n, beta, threshold, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    public final void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        checkRange("axpy: x", x, xOff, n);
        checkRange("axpy: y", y, yOff, n);
        doAxpy(n, alpha, x, xOff, y, yOff);
    }

    /** {@link #axpy}, validated. */
    protected abstract void doAxpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    @Override
    public final void scale(int n, float alpha, float[] x, int xOff) {
        checkRange("scale: x", x, xOff, n);
        doScale(n, alpha, x, xOff);
    }

    /** {@link #scale}, validated. */
    protected abstract void doScale(int n, float alpha, float[] x, int xOff);

    @Override
    public final void multiply(int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        checkRange("multiply: x", x, xOff, n);
        checkRange("multiply: y", y, yOff, n);
        checkRange("multiply: out", out, outOff, n);
        doMultiply(n, x, xOff, y, yOff, out, outOff);
    }

    /** {@link #multiply}, validated. */
    protected abstract void doMultiply(int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff);

    @Override
    public final double sumOfSquares(int n, float[] x, int xOff) {
        checkRange("sumOfSquares: x", x, xOff, n);
        return doSumOfSquares(n, x, xOff);
    }

    /** {@link #sumOfSquares}, validated. */
    protected abstract double doSumOfSquares(int n, float[] x, int xOff);

    // ---------------------------------------------------------------- rows

    @Override
    public final void softmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        checkDense("softmaxRows: x", x, xOff, rows, cols);
        checkDense("softmaxRows: y", y, yOff, rows, cols);
        doSoftmaxRows(rows, cols, x, xOff, y, yOff);
    }

    /** {@link #softmaxRows}, validated. */
    protected abstract void doSoftmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff);

    @Override
    public final void softmaxBackwardRows(int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                                          float[] dx, int dxOff) {
        checkDense("softmaxBackwardRows: y", y, yOff, rows, cols);
        checkDense("softmaxBackwardRows: dy", dy, dyOff, rows, cols);
        checkDense("softmaxBackwardRows: dx", dx, dxOff, rows, cols);
        doSoftmaxBackwardRows(rows, cols, y, yOff, dy, dyOff, dx, dxOff);
    }

    /** {@link #softmaxBackwardRows}, validated. */
    protected abstract void doSoftmaxBackwardRows(int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                                                  float[] dx, int dxOff);

    @Override
    public final void logSumExpRows(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        checkDense("logSumExpRows: x", x, xOff, rows, cols);
        checkRange("logSumExpRows: out", out, outOff, rows);
        doLogSumExpRows(rows, cols, x, xOff, out, outOff);
    }

    /** {@link #logSumExpRows}, validated. */
    protected abstract void doLogSumExpRows(int rows, int cols, float[] x, int xOff, float[] out, int outOff);

    // ---------------------------------------------------------------- log-softmax rows (added in 1.1.0)

    @Override
    public final void logSoftmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        checkDense("logSoftmaxRows: x", x, xOff, rows, cols);
        checkDense("logSoftmaxRows: y", y, yOff, rows, cols);
        doLogSoftmaxRows(rows, cols, x, xOff, y, yOff);
    }

    /**
     * {@link #logSoftmaxRows}, validated. Not abstract, so that a backend written against 1.0.0 still
     * compiles: the default is the scalar reference (double accumulation); override it with a faster one.
     *
     * @since 1.1.0
     */
    protected void doLogSoftmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        ScalarLogSoftmax.forward(rows, cols, x, xOff, y, yOff);
    }

    @Override
    public final void logSoftmaxBackwardRows(int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                                             float[] dx, int dxOff) {
        checkDense("logSoftmaxBackwardRows: y", y, yOff, rows, cols);
        checkDense("logSoftmaxBackwardRows: dy", dy, dyOff, rows, cols);
        checkDense("logSoftmaxBackwardRows: dx", dx, dxOff, rows, cols);
        doLogSoftmaxBackwardRows(rows, cols, y, yOff, dy, dyOff, dx, dxOff);
    }

    /**
     * {@link #logSoftmaxBackwardRows}, validated; the default is the scalar reference, as for
     * {@link #doLogSoftmaxRows}.
     *
     * @since 1.1.0
     */
    protected void doLogSoftmaxBackwardRows(int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                                            float[] dx, int dxOff) {
        ScalarLogSoftmax.backward(rows, cols, y, yOff, dy, dyOff, dx, dxOff);
    }

    // ---------------------------------------------------------------- optimizer updates

    @Override
    public final void adamStep(int n, float lr, float beta1, float beta2, float eps, float bc1, float bc2,
                               float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff) {
        checkRange("adamStep: w", w, wOff, n);
        checkRange("adamStep: g", g, gOff, n);
        checkRange("adamStep: m", m, mOff, n);
        checkRange("adamStep: v", v, vOff, n);
        doAdamStep(n, lr, beta1, beta2, eps, bc1, bc2, w, wOff, g, gOff, m, mOff, v, vOff);
    }

    /** {@link #adamStep}, validated. */
    protected abstract void doAdamStep(int n, float lr, float beta1, float beta2, float eps, float bc1, float bc2,
                                       float[] w, int wOff, float[] g, int gOff, float[] m, int mOff,
                                       float[] v, int vOff);

    @Override
    public final void adadeltaStep(int n, float lr, float rho, float eps, float[] w, int wOff, float[] g, int gOff,
                                   float[] squareAvg, int squareAvgOff, float[] accDelta, int accDeltaOff) {
        checkRange("adadeltaStep: w", w, wOff, n);
        checkRange("adadeltaStep: g", g, gOff, n);
        checkRange("adadeltaStep: squareAvg", squareAvg, squareAvgOff, n);
        checkRange("adadeltaStep: accDelta", accDelta, accDeltaOff, n);
        doAdadeltaStep(n, lr, rho, eps, w, wOff, g, gOff, squareAvg, squareAvgOff, accDelta, accDeltaOff);
    }

    /** {@link #adadeltaStep}, validated. */
    protected abstract void doAdadeltaStep(int n, float lr, float rho, float eps, float[] w, int wOff,
                                           float[] g, int gOff, float[] squareAvg, int squareAvgOff,
                                           float[] accDelta, int accDeltaOff);

    // ---------------------------------------------------------------- general element-wise updates

    @Override
    public final void addSquares(int n, float beta, float alpha, float[] x, int xOff, float[] y, int yOff) {
        checkRange("addSquares: x", x, xOff, n);
        checkRange("addSquares: y", y, yOff, n);
        doAddSquares(n, beta, alpha, x, xOff, y, yOff);
    }

    /** {@link #addSquares}, validated. */
    protected abstract void doAddSquares(int n, float beta, float alpha, float[] x, int xOff, float[] y, int yOff);

    @Override
    public final void addcdivSqrt(int n, float beta, float alpha, float c, float eps, float[] x, int xOff,
                                  float[] d, int dOff, float[] y, int yOff) {
        checkRange("addcdivSqrt: x", x, xOff, n);
        checkRange("addcdivSqrt: d", d, dOff, n);
        checkRange("addcdivSqrt: y", y, yOff, n);
        doAddcdivSqrt(n, beta, alpha, c, eps, x, xOff, d, dOff, y, yOff);
    }

    /** {@link #addcdivSqrt}, validated. */
    protected abstract void doAddcdivSqrt(int n, float beta, float alpha, float c, float eps, float[] x, int xOff,
                                          float[] d, int dOff, float[] y, int yOff);

    @Override
    public final void addcdiv(int n, float alpha, float[] x, int xOff, float[] d, int dOff, float[] y, int yOff) {
        checkRange("addcdiv: x", x, xOff, n);
        checkRange("addcdiv: d", d, dOff, n);
        checkRange("addcdiv: y", y, yOff, n);
        doAddcdiv(n, alpha, x, xOff, d, dOff, y, yOff);
    }

    /** {@link #addcdiv}, validated. */
    protected abstract void doAddcdiv(int n, float alpha, float[] x, int xOff, float[] d, int dOff,
                                      float[] y, int yOff);

    @Override
    public final void maxAbs(int n, float beta, float eps, float[] x, int xOff, float[] y, int yOff) {
        checkRange("maxAbs: x", x, xOff, n);
        checkRange("maxAbs: y", y, yOff, n);
        doMaxAbs(n, beta, eps, x, xOff, y, yOff);
    }

    /** {@link #maxAbs}, validated. */
    protected abstract void doMaxAbs(int n, float beta, float eps, float[] x, int xOff, float[] y, int yOff);

    // ---------------------------------------------------------------- batch normalisation

    @Override
    public final void batchNormStatistics(int n, int channels, int plane, float[] x, int xOff,
                                          float[] mean, int meanOff, float[] var, int varOff) {
        int size = batchNormSize("batchNormStatistics", n, channels, plane);
        if (channels > 0 && (n == 0 || plane == 0)) {
            throw new ShapeException("batchNormStatistics: a channel needs at least one value, got n=" + n
                    + " and plane=" + plane);
        }
        checkRange("batchNormStatistics: x", x, xOff, size);
        checkRange("batchNormStatistics: mean", mean, meanOff, channels);
        checkRange("batchNormStatistics: var", var, varOff, channels);
        doBatchNormStatistics(n, channels, plane, x, xOff, mean, meanOff, var, varOff);
    }

    /** {@link #batchNormStatistics}, validated: every channel has at least one value. */
    protected abstract void doBatchNormStatistics(int n, int channels, int plane, float[] x, int xOff,
                                                  float[] mean, int meanOff, float[] var, int varOff);

    @Override
    public final void batchNormForward(int n, int channels, int plane, float[] x, int xOff,
                                       float[] mean, int meanOff, float[] invStd, int invStdOff,
                                       float[] weight, int weightOff, float[] bias, int biasOff,
                                       float[] y, int yOff) {
        int size = batchNormSize("batchNormForward", n, channels, plane);
        checkRange("batchNormForward: x", x, xOff, size);
        checkRange("batchNormForward: mean", mean, meanOff, channels);
        checkRange("batchNormForward: invStd", invStd, invStdOff, channels);
        if (weight != null) {
            checkRange("batchNormForward: weight", weight, weightOff, channels);
        }
        if (bias != null) {
            checkRange("batchNormForward: bias", bias, biasOff, channels);
        }
        checkRange("batchNormForward: y", y, yOff, size);
        doBatchNormForward(n, channels, plane, x, xOff, mean, meanOff, invStd, invStdOff,
                weight, weightOff, bias, biasOff, y, yOff);
    }

    /** {@link #batchNormForward}, validated; {@code weight} and {@code bias} may be null. */
    protected abstract void doBatchNormForward(int n, int channels, int plane, float[] x, int xOff,
                                               float[] mean, int meanOff, float[] invStd, int invStdOff,
                                               float[] weight, int weightOff, float[] bias, int biasOff,
                                               float[] y, int yOff);

    @Override
    public final void batchNormBackward(boolean training, int n, int channels, int plane, float[] x, int xOff,
                                        float[] dy, int dyOff, float[] mean, int meanOff,
                                        float[] invStd, int invStdOff, float[] weight, int weightOff,
                                        float[] dx, int dxOff, float[] dWeight, int dWeightOff,
                                        float[] dBias, int dBiasOff) {
        int size = batchNormSize("batchNormBackward", n, channels, plane);
        checkRange("batchNormBackward: x", x, xOff, size);
        checkRange("batchNormBackward: dy", dy, dyOff, size);
        checkRange("batchNormBackward: mean", mean, meanOff, channels);
        checkRange("batchNormBackward: invStd", invStd, invStdOff, channels);
        if (weight != null) {
            checkRange("batchNormBackward: weight", weight, weightOff, channels);
        }
        if (dx != null) {
            checkRange("batchNormBackward: dx", dx, dxOff, size);
        }
        if (dWeight != null) {
            checkRange("batchNormBackward: dWeight", dWeight, dWeightOff, channels);
        }
        if (dBias != null) {
            checkRange("batchNormBackward: dBias", dBias, dBiasOff, channels);
        }
        doBatchNormBackward(training, n, channels, plane, x, xOff, dy, dyOff, mean, meanOff, invStd, invStdOff,
                weight, weightOff, dx, dxOff, dWeight, dWeightOff, dBias, dBiasOff);
    }

    /**
     * {@link #batchNormBackward}, validated; {@code weight}, {@code dx}, {@code dWeight} and {@code dBias} may be
     * null.
     */
    protected abstract void doBatchNormBackward(boolean training, int n, int channels, int plane,
                                                float[] x, int xOff, float[] dy, int dyOff,
                                                float[] mean, int meanOff, float[] invStd, int invStdOff,
                                                float[] weight, int weightOff, float[] dx, int dxOff,
                                                float[] dWeight, int dWeightOff, float[] dBias, int dBiasOff);

    /** {@code n * channels * plane}, after checking that none is negative and the product fits in an int. */
    private static int batchNormSize(String kernel, int n, int channels, int plane) {
        if (n < 0 || channels < 0 || plane < 0) {
            throw new ShapeException(kernel + ": n, channels and plane must not be negative, got n=" + n
                    + ", channels=" + channels + ", plane=" + plane);
        }
        double size = (double) n * channels * plane; // exact up to 2^53, and a long could overflow
        if (size > Integer.MAX_VALUE) {
            throw new ShapeException(kernel + ": n * channels * plane = " + n + " * " + channels + " * " + plane
                    + " elements do not fit in an array");
        }
        return n * channels * plane;
    }

    // ---------------------------------------------------------------- convolution and padding

    @Override
    public final int conv2dWorkspaceSize(Conv2dGeometry g) {
        ConvolutionArguments.checkGeometry("conv2dWorkspaceSize", g);
        return doConv2dWorkspaceSize(g);
    }

    /**
     * {@link #conv2dWorkspaceSize} for a non-null geometry. The three convolution kernels check their
     * workspace against it before their {@code do...} method runs.
     */
    protected abstract int doConv2dWorkspaceSize(Conv2dGeometry g);

    @Override
    public final void conv2dForward(Conv2dGeometry g, float[] x, int xOff, float[] w, int wOff,
                                    float[] bias, int biasOff, float[] y, int yOff, float[] work, int workOff) {
        // Before the workspace size, so that a null geometry is reported as this kernel's argument.
        ConvolutionArguments.checkGeometry("conv2dForward", g);
        ConvolutionArguments.checkForward(g, x, xOff, w, wOff, bias, biasOff, y, yOff, work, workOff,
                conv2dWorkspaceSize(g));
        doConv2dForward(g, x, xOff, w, wOff, bias, biasOff, y, yOff, work, workOff);
    }

    /** {@link #conv2dForward}, validated; {@code bias} may be null. */
    protected abstract void doConv2dForward(Conv2dGeometry g, float[] x, int xOff, float[] w, int wOff,
                                            float[] bias, int biasOff, float[] y, int yOff,
                                            float[] work, int workOff);

    @Override
    public final void conv2dBackwardData(Conv2dGeometry g, float[] dy, int dyOff, float[] w, int wOff,
                                         float[] dx, int dxOff, float[] work, int workOff) {
        ConvolutionArguments.checkGeometry("conv2dBackwardData", g);
        ConvolutionArguments.checkBackwardData(g, dy, dyOff, w, wOff, dx, dxOff, work, workOff,
                conv2dWorkspaceSize(g));
        doConv2dBackwardData(g, dy, dyOff, w, wOff, dx, dxOff, work, workOff);
    }

    /** {@link #conv2dBackwardData}, validated. */
    protected abstract void doConv2dBackwardData(Conv2dGeometry g, float[] dy, int dyOff, float[] w, int wOff,
                                                 float[] dx, int dxOff, float[] work, int workOff);

    @Override
    public final void conv2dBackwardWeights(Conv2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                            float[] dw, int dwOff, float[] db, int dbOff,
                                            float[] work, int workOff) {
        ConvolutionArguments.checkGeometry("conv2dBackwardWeights", g);
        ConvolutionArguments.checkBackwardWeights(g, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, work, workOff,
                conv2dWorkspaceSize(g));
        doConv2dBackwardWeights(g, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, work, workOff);
    }

    /** {@link #conv2dBackwardWeights}, validated; {@code db} may be null. */
    protected abstract void doConv2dBackwardWeights(Conv2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                                    float[] dw, int dwOff, float[] db, int dbOff,
                                                    float[] work, int workOff);

    @Override
    public final void pad2d(Pad2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        ConvolutionArguments.checkPad2d(g, x, xOff, y, yOff);
        doPad2d(g, x, xOff, y, yOff);
    }

    /** {@link #pad2d}, validated. */
    protected abstract void doPad2d(Pad2dGeometry g, float[] x, int xOff, float[] y, int yOff);

    @Override
    public final void pad2dBackward(Pad2dGeometry g, float[] dy, int dyOff, float[] dx, int dxOff) {
        ConvolutionArguments.checkPad2dBackward(g, dy, dyOff, dx, dxOff);
        doPad2dBackward(g, dy, dyOff, dx, dxOff);
    }

    /** {@link #pad2dBackward}, validated. */
    protected abstract void doPad2dBackward(Pad2dGeometry g, float[] dy, int dyOff, float[] dx, int dxOff);

    // ---------------------------------------------------------------- pooling

    @Override
    public final void maxPool2dForward(Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        ConvolutionArguments.checkPoolForward("maxPool2dForward", g, x, xOff, y, yOff);
        doMaxPool2dForward(g, x, xOff, y, yOff);
    }

    /** {@link #maxPool2dForward}, validated. */
    protected abstract void doMaxPool2dForward(Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff);

    @Override
    public final void maxPool2dBackward(Pool2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                        float[] dx, int dxOff) {
        ConvolutionArguments.checkPoolBackward("maxPool2dBackward", g, x, xOff, dy, dyOff, dx, dxOff);
        doMaxPool2dBackward(g, x, xOff, dy, dyOff, dx, dxOff);
    }

    /** {@link #maxPool2dBackward}, validated. */
    protected abstract void doMaxPool2dBackward(Pool2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                                float[] dx, int dxOff);

    @Override
    public final void avgPool2dForward(boolean countIncludePad, Pool2dGeometry g, float[] x, int xOff,
                                       float[] y, int yOff) {
        ConvolutionArguments.checkPoolForward("avgPool2dForward", g, x, xOff, y, yOff);
        doAvgPool2dForward(countIncludePad, g, x, xOff, y, yOff);
    }

    /** {@link #avgPool2dForward}, validated. */
    protected abstract void doAvgPool2dForward(boolean countIncludePad, Pool2dGeometry g, float[] x, int xOff,
                                               float[] y, int yOff);

    @Override
    public final void avgPool2dBackward(boolean countIncludePad, Pool2dGeometry g, float[] dy, int dyOff,
                                        float[] dx, int dxOff) {
        ConvolutionArguments.checkPoolBackward("avgPool2dBackward", g, null, 0, dy, dyOff, dx, dxOff);
        doAvgPool2dBackward(countIncludePad, g, dy, dyOff, dx, dxOff);
    }

    /** {@link #avgPool2dBackward}, validated. */
    protected abstract void doAvgPool2dBackward(boolean countIncludePad, Pool2dGeometry g, float[] dy, int dyOff,
                                                float[] dx, int dxOff);
}
