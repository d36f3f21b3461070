package org.nnj.api.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;

/**
 * A minimal backend written against {@link AbstractComputeBackend} gets the argument checks of every kernel
 * without writing one: its do-methods only record that they ran, and a bad argument must throw
 * {@link ShapeException} naming it before any do-method is reached.
 */
class AbstractComputeBackendTest {
    /** 1 image, 1 channel, 3x3 input, 2x2 kernel: 9 input, 4 weight and 4 output elements. */
    private static final Conv2dGeometry CONV = Conv2dGeometry.builder()
            .batch(1).channels(1, 1).input(3, 3).kernel(2, 2).build();
    /** The workspace size {@link RecordingBackend} asks for, so that the workspace check has work to do. */
    private static final int WORK = 5;
    /** 1 image, 1 channel, 4x4 input pooled 2x2: 16 input and 4 output elements. */
    private static final Pool2dGeometry POOL = Pool2dGeometry.builder()
            .batch(1).channels(1).input(4, 4).kernel(2, 2).build();
    /** One 2x2 plane padded by 1 on every side: 4 input and 16 output elements. */
    private static final Pad2dGeometry PAD = new Pad2dGeometry(PaddingMode.ZEROS, 1, 2, 2, 1, 1, 1, 1);

    /** A backend whose do-methods record their kernel's name and touch nothing. */
    private static final class RecordingBackend extends AbstractComputeBackend {
        final List<String> calls = new ArrayList<>();

        RecordingBackend(int threads) {
            super("recording", threads);
        }

        @Override
        protected void doGemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc) {
            calls.add("gemm");
        }

        @Override
        protected void doAddRowVector(int rows, int cols, float[] v, int vOff, float[] x, int xOff) {
            calls.add("addRowVector");
        }

        @Override
        protected void doAddColumnSums(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
            calls.add("addColumnSums");
        }

        @Override
        protected void doRelu(int n, float[] x, int xOff, float[] y, int yOff) {
            calls.add("relu");
        }

        @Override
        protected void doReluBackward(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
            calls.add("reluBackward");
        }

        @Override
        protected void doLeakyRelu(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
            calls.add("leakyRelu");
        }

        @Override
        protected void doLeakyReluBackward(int n, float alpha, float[] x, int xOff, float[] dy, int dyOff,
                                           float[] dx, int dxOff) {
            calls.add("leakyReluBackward");
        }

        @Override
        protected void doSigmoid(int n, float[] x, int xOff, float[] y, int yOff) {
            calls.add("sigmoid");
        }

        @Override
        protected void doSigmoidBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
            calls.add("sigmoidBackward");
        }

        @Override
        protected void doTanh(int n, float[] x, int xOff, float[] y, int yOff) {
            calls.add("tanh");
        }

        @Override
        protected void doTanhBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
            calls.add("tanhBackward");
        }

        @Override
        protected void doAxpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
            calls.add("axpy");
        }

        @Override
        protected void doScale(int n, float alpha, float[] x, int xOff) {
            calls.add("scale");
        }

        @Override
        protected void doMultiply(int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
            calls.add("multiply");
        }

        @Override
        protected double doSumOfSquares(int n, float[] x, int xOff) {
            calls.add("sumOfSquares");
            return 0;
        }

        @Override
        protected void doSoftmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
            calls.add("softmaxRows");
        }

        @Override
        protected void doSoftmaxBackwardRows(int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                                             float[] dx, int dxOff) {
            calls.add("softmaxBackwardRows");
        }

        @Override
        protected void doLogSumExpRows(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
            calls.add("logSumExpRows");
        }

        @Override
        protected void doAdamStep(int n, float lr, float beta1, float beta2, float eps, float bc1, float bc2,
                                  float[] w, int wOff, float[] g, int gOff, float[] m, int mOff,
                                  float[] v, int vOff) {
            calls.add("adamStep");
        }

        @Override
        protected void doAdadeltaStep(int n, float lr, float rho, float eps, float[] w, int wOff,
                                      float[] g, int gOff, float[] squareAvg, int squareAvgOff,
                                      float[] accDelta, int accDeltaOff) {
            calls.add("adadeltaStep");
        }

        @Override
        protected void doAddSquares(int n, float beta, float alpha, float[] x, int xOff, float[] y, int yOff) {
            calls.add("addSquares");
        }

        @Override
        protected void doAddcdivSqrt(int n, float beta, float alpha, float c, float eps, float[] x, int xOff,
                                     float[] d, int dOff, float[] y, int yOff) {
            calls.add("addcdivSqrt");
        }

        @Override
        protected void doAddcdiv(int n, float alpha, float[] x, int xOff, float[] d, int dOff,
                                 float[] y, int yOff) {
            calls.add("addcdiv");
        }

        @Override
        protected void doMaxAbs(int n, float beta, float eps, float[] x, int xOff, float[] y, int yOff) {
            calls.add("maxAbs");
        }

        @Override
        protected void doBatchNormStatistics(int n, int channels, int plane, float[] x, int xOff,
                                             float[] mean, int meanOff, float[] var, int varOff) {
            calls.add("batchNormStatistics");
        }

        @Override
        protected void doBatchNormForward(int n, int channels, int plane, float[] x, int xOff,
                                          float[] mean, int meanOff, float[] invStd, int invStdOff,
                                          float[] weight, int weightOff, float[] bias, int biasOff,
                                          float[] y, int yOff) {
            calls.add("batchNormForward");
        }

        @Override
        protected void doBatchNormBackward(boolean training, int n, int channels, int plane,
                                           float[] x, int xOff, float[] dy, int dyOff,
                                           float[] mean, int meanOff, float[] invStd, int invStdOff,
                                           float[] weight, int weightOff, float[] dx, int dxOff,
                                           float[] dWeight, int dWeightOff, float[] dBias, int dBiasOff) {
            calls.add("batchNormBackward");
        }

        @Override
        protected int doConv2dWorkspaceSize(Conv2dGeometry g) {
            return WORK;
        }

        @Override
        protected void doConv2dForward(Conv2dGeometry g, float[] x, int xOff, float[] w, int wOff,
                                       float[] bias, int biasOff, float[] y, int yOff, float[] work, int workOff) {
            calls.add("conv2dForward");
        }

        @Override
        protected void doConv2dBackwardData(Conv2dGeometry g, float[] dy, int dyOff, float[] w, int wOff,
                                            float[] dx, int dxOff, float[] work, int workOff) {
            calls.add("conv2dBackwardData");
        }

        @Override
        protected void doConv2dBackwardWeights(Conv2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                               float[] dw, int dwOff, float[] db, int dbOff,
                                               float[] work, int workOff) {
            calls.add("conv2dBackwardWeights");
        }

        @Override
        protected void doPad2d(Pad2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
            calls.add("pad2d");
        }

        @Override
        protected void doPad2dBackward(Pad2dGeometry g, float[] dy, int dyOff, float[] dx, int dxOff) {
            calls.add("pad2dBackward");
        }

        @Override
        protected void doMaxPool2dForward(Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
            calls.add("maxPool2dForward");
        }

        @Override
        protected void doMaxPool2dBackward(Pool2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                           float[] dx, int dxOff) {
            calls.add("maxPool2dBackward");
        }

        @Override
        protected void doAvgPool2dForward(boolean countIncludePad, Pool2dGeometry g, float[] x, int xOff,
                                          float[] y, int yOff) {
            calls.add("avgPool2dForward");
        }

        @Override
        protected void doAvgPool2dBackward(boolean countIncludePad, Pool2dGeometry g, float[] dy, int dyOff,
                                           float[] dx, int dxOff) {
            calls.add("avgPool2dBackward");
        }
    }

    private static float[] f(int n) {
        return new float[n];
    }

    @Test
    void everyValidCallReachesItsOwnDoMethod() {
        RecordingBackend b = new RecordingBackend(1);
        b.gemm(true, false, 2, 3, 4, 1f, f(8), 0, 2, f(12), 0, 3, 0f, f(6), 0, 3);
        b.addRowVector(2, 3, f(3), 0, f(6), 0);
        b.addColumnSums(2, 3, f(6), 0, f(3), 0);
        b.relu(4, f(4), 0, f(4), 0);
        b.reluBackward(4, f(4), 0, f(4), 0, f(4), 0);
        b.leakyRelu(4, 0.1f, f(4), 0, f(4), 0);
        b.leakyReluBackward(4, 0.1f, f(4), 0, f(4), 0, f(4), 0);
        b.sigmoid(4, f(4), 0, f(4), 0);
        b.sigmoidBackward(4, f(4), 0, f(4), 0, f(4), 0);
        b.tanh(4, f(4), 0, f(4), 0);
        b.tanhBackward(4, f(4), 0, f(4), 0, f(4), 0);
        b.axpy(4, 2f, f(4), 0, f(4), 0);
        b.scale(4, 2f, f(4), 0);
        b.multiply(4, f(4), 0, f(4), 0, f(4), 0);
        b.sumOfSquares(4, f(4), 0);
        b.softmaxRows(2, 3, f(6), 0, f(6), 0);
        b.softmaxBackwardRows(2, 3, f(6), 0, f(6), 0, f(6), 0);
        b.logSumExpRows(2, 3, f(6), 0, f(2), 0);
        b.adamStep(4, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.1f, 0.001f, f(4), 0, f(4), 0, f(4), 0, f(4), 0);
        b.adadeltaStep(4, 1f, 0.9f, 1e-6f, f(4), 0, f(4), 0, f(4), 0, f(4), 0);
        b.addSquares(4, 0.9f, 0.1f, f(4), 0, f(4), 0);
        b.addcdivSqrt(4, 1f, -0.1f, 0.5f, 1e-8f, f(4), 0, f(4), 0, f(4), 0);
        b.addcdiv(4, -0.1f, f(4), 0, f(4), 0, f(4), 0);
        b.maxAbs(4, 0.999f, 1e-8f, f(4), 0, f(4), 0);
        b.conv2dForward(CONV, f(9), 0, f(4), 0, f(1), 0, f(4), 0, f(WORK), 0);
        b.conv2dBackwardData(CONV, f(4), 0, f(4), 0, f(9), 0, f(WORK), 0);
        b.conv2dBackwardWeights(CONV, f(9), 0, f(4), 0, f(4), 0, null, 0, f(WORK), 0);
        b.pad2d(PAD, f(4), 0, f(16), 0);
        b.pad2dBackward(PAD, f(16), 0, f(4), 0);
        b.maxPool2dForward(POOL, f(16), 0, f(4), 0);
        b.maxPool2dBackward(POOL, f(16), 0, f(4), 0, f(16), 0);
        b.avgPool2dForward(true, POOL, f(16), 0, f(4), 0);
        b.avgPool2dBackward(false, POOL, f(4), 0, f(16), 0);

        assertEquals(List.of("gemm", "addRowVector", "addColumnSums", "relu", "reluBackward", "leakyRelu",
                "leakyReluBackward", "sigmoid", "sigmoidBackward", "tanh", "tanhBackward", "axpy", "scale",
                "multiply", "sumOfSquares", "softmaxRows", "softmaxBackwardRows", "logSumExpRows", "adamStep",
                "adadeltaStep", "addSquares",
                "addcdivSqrt", "addcdiv", "maxAbs", "conv2dForward",
                "conv2dBackwardData", "conv2dBackwardWeights", "pad2d", "pad2dBackward", "maxPool2dForward",
                "maxPool2dBackward", "avgPool2dForward", "avgPool2dBackward"), b.calls);
        assertEquals(WORK, b.conv2dWorkspaceSize(CONV));
    }

    /** The log-softmax hooks (added in 1.1.0) are not abstract: a backend that does not override them computes. */
    @Test
    void theLogSoftmaxHooksDefaultToTheScalarReference() {
        RecordingBackend b = new RecordingBackend(1);
        float[] y = new float[2];
        b.logSoftmaxRows(1, 2, new float[] {1000f, 0f}, 0, y, 0);
        assertEquals(0f, y[0]);
        assertEquals(-1000f, y[1]);
        float[] dx = new float[2];
        b.logSoftmaxBackwardRows(1, 2, new float[] {(float) Math.log(0.25), (float) Math.log(0.75)}, 0,
                new float[] {1f, 2f}, 0, dx, 0);
        assertEquals(0.25f, dx[0], 1e-7f);
        assertEquals(-0.25f, dx[1], 1e-7f);
        assertEquals(List.of(), b.calls, "no recorded (overridden) kernel ran");
    }

    /**
     * The smooth activations came after 1.0.0, so their do-methods are not abstract: a backend that does not
     * override them (this one) computes the reference of {@link org.nnj.api.math.ActivationFunctions}.
     */
    @Test
    void theSmoothActivationsDefaultToTheReference() {
        RecordingBackend b = new RecordingBackend(1);
        float[] x = {-3f, -0.5f, 0f, 0.75f, 25f};
        float[] dy = {1f, -2f, 0.5f, 1f, 3f};
        float[] y = new float[5];
        float[] dx = new float[5];
        b.elu(5, 0.5f, 2f, x, 0, y, 0);
        b.geluBackward(true, 5, x, 0, dy, 0, dx, 0);
        for (int i = 0; i < 5; i++) {
            assertEquals((float) org.nnj.api.math.ActivationFunctions.elu(x[i], 0.5, 2), y[i]);
            assertEquals((float) (dy[i] * org.nnj.api.math.ActivationFunctions.geluTanhDerivative(x[i])), dx[i]);
        }
        b.softplus(5, 1f, 20f, x, 0, x, 0); // in place
        assertEquals((float) Math.log1p(Math.exp(-3)), x[0]);
        assertEquals(25f, x[4], "above the threshold, x itself");
        assertEquals(List.of(), b.calls);
    }

    private static Arguments bad(String call, String message, Consumer<ComputeBackend> kernel) {
        return Arguments.of(Named.of(call, kernel), message);
    }

    static Stream<Arguments> badCalls() {
        return Stream.of(
                bad("relu with n = -1", "relu: x: -1 elements from offset 0",
                        b -> b.relu(-1, f(4), 0, f(4), 0)),
                bad("sigmoidBackward with a short dx", "sigmoidBackward: dx: 4 elements from offset 0 do not fit"
                        + " in an array of length 3", b -> b.sigmoidBackward(4, f(4), 0, f(4), 0, f(3), 0)),
                bad("axpy with a negative offset", "axpy: y: 4 elements from offset -1",
                        b -> b.axpy(4, 1f, f(4), 0, f(8), -1)),
                bad("adamStep with v's offset too far", "adamStep: v: 4 elements from offset 2",
                        b -> b.adamStep(4, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.1f, 0.001f, f(4), 0, f(4), 0, f(4), 0,
                                f(5), 2)),
                bad("adadeltaStep with a short w", "adadeltaStep: w: 4 elements from offset 0 do not fit in an"
                        + " array of length 3", b -> b.adadeltaStep(4, 1f, 0.9f, 1e-6f, f(3), 0, f(4), 0, f(4), 0,
                                f(4), 0)),
                bad("adadeltaStep with a null g", "adadeltaStep: g is null",
                        b -> b.adadeltaStep(0, 1f, 0.9f, 1e-6f, f(0), 0, null, 0, f(0), 0, f(0), 0)),
                bad("adadeltaStep with squareAvg's offset too far", "adadeltaStep: squareAvg: 4 elements from"
                        + " offset 2", b -> b.adadeltaStep(4, 1f, 0.9f, 1e-6f, f(4), 0, f(4), 0, f(5), 2, f(4), 0)),
                bad("adadeltaStep with a short accDelta", "adadeltaStep: accDelta: 4 elements from offset 1",
                        b -> b.adadeltaStep(4, 1f, 0.9f, 1e-6f, f(4), 0, f(4), 0, f(4), 0, f(4), 1)),
                bad("addSquares with a short x", "addSquares: x: 4 elements from offset 0 do not fit in an array"
                        + " of length 3", b -> b.addSquares(4, 0.9f, 0.1f, f(3), 0, f(4), 0)),
                bad("addSquares with a null y", "addSquares: y is null",
                        b -> b.addSquares(0, 0.9f, 0.1f, f(0), 0, null, 0)),
                bad("addcdivSqrt with a short d", "addcdivSqrt: d: 4 elements from offset 1",
                        b -> b.addcdivSqrt(4, 1f, -0.1f, 1f, 1e-8f, f(4), 0, f(4), 1, f(4), 0)),
                bad("addcdivSqrt with a negative y offset", "addcdivSqrt: y: 4 elements from offset -1",
                        b -> b.addcdivSqrt(4, 1f, -0.1f, 1f, 1e-8f, f(4), 0, f(4), 0, f(4), -1)),
                bad("addcdivSqrt with n = -1", "addcdivSqrt: x: -1 elements",
                        b -> b.addcdivSqrt(-1, 1f, -0.1f, 1f, 1e-8f, f(4), 0, f(4), 0, f(4), 0)),
                bad("addcdiv with a null d", "addcdiv: d is null",
                        b -> b.addcdiv(4, -0.1f, f(4), 0, null, 0, f(4), 0)),
                bad("addcdiv with a short y", "addcdiv: y: 4 elements from offset 2",
                        b -> b.addcdiv(4, -0.1f, f(4), 0, f(4), 0, f(5), 2)),
                bad("maxAbs with a short x", "maxAbs: x: 4 elements from offset 1",
                        b -> b.maxAbs(4, 0.999f, 1e-8f, f(4), 1, f(4), 0)),
                bad("maxAbs with a short y", "maxAbs: y: 4 elements from offset 0",
                        b -> b.maxAbs(4, 0.999f, 1e-8f, f(4), 0, f(3), 0)),
                bad("scale of a null array", "scale: x is null", b -> b.scale(0, 1f, null, 0)),
                bad("elu with a short y", "elu: y: 4 elements from offset 1",
                        b -> b.elu(4, 1f, 1f, f(4), 0, f(4), 1)),
                bad("eluBackward with a null dy", "eluBackward: dy is null",
                        b -> b.eluBackward(0, 1f, 1f, f(0), 0, null, 0, f(0), 0)),
                bad("gelu with n = -1", "gelu: x: -1 elements",
                        b -> b.gelu(false, -1, f(4), 0, f(4), 0)),
                bad("geluBackward with a short dx", "geluBackward: dx: 4 elements from offset 0 do not fit in an"
                        + " array of length 3", b -> b.geluBackward(true, 4, f(4), 0, f(4), 0, f(3), 0)),
                bad("softplus with a negative offset", "softplus: x: 4 elements from offset -1",
                        b -> b.softplus(4, 1f, 20f, f(8), -1, f(4), 0)),
                bad("softplusBackward with a short x", "softplusBackward: x: 4 elements from offset 2",
                        b -> b.softplusBackward(4, 1f, 20f, f(5), 2, f(4), 0, f(4), 0)),
                bad("multiply with a short y", "multiply: y: 4 elements from offset 1 do not fit in an array of"
                        + " length 4", b -> b.multiply(4, f(4), 0, f(4), 1, f(4), 0)),
                bad("multiply with a null out", "multiply: out is null",
                        b -> b.multiply(0, f(0), 0, f(0), 0, null, 0)),
                bad("multiply with n = -1", "multiply: x: -1 elements",
                        b -> b.multiply(-1, f(4), 0, f(4), 0, f(4), 0)),
                bad("gemm with k = -1", "gemm: m, n and k must not be negative, got m=2, n=2, k=-1",
                        b -> b.gemm(false, false, 2, 2, -1, 1f, f(4), 0, 2, f(4), 0, 2, 0f, f(4), 0, 2)),
                bad("gemm with lda < k", "gemm: A: leading dimension 2 must be at least 3 (k)",
                        b -> b.gemm(false, false, 2, 2, 3, 1f, f(6), 0, 2, f(6), 0, 2, 0f, f(4), 0, 2)),
                bad("softmaxRows with a short y", "softmaxRows: y (2x3, ld=3, offset 1) needs 7 elements",
                        b -> b.softmaxRows(2, 3, f(6), 0, f(6), 1)),
                bad("logSumExpRows with a short out", "logSumExpRows: out: 2 elements",
                        b -> b.logSumExpRows(2, 3, f(6), 0, f(1), 0)),
                bad("logSoftmaxRows with a short y", "logSoftmaxRows: y (2x3, ld=3, offset 1) needs 7 elements",
                        b -> b.logSoftmaxRows(2, 3, f(6), 0, f(6), 1)),
                bad("logSoftmaxBackwardRows with a short dx", "logSoftmaxBackwardRows: dx (2x3, ld=3, offset 0)"
                        + " needs 6 elements", b -> b.logSoftmaxBackwardRows(2, 3, f(6), 0, f(6), 0, f(5), 0)),
                bad("conv2dForward with a short workspace", "conv2dForward: the workspace needs 5 floats from"
                        + " offset 0", b -> b.conv2dForward(CONV, f(9), 0, f(4), 0, null, 0, f(4), 0, f(4), 0)),
                bad("conv2dBackwardWeights with a short db", "conv2dBackwardWeights: db: 1 elements from offset 1",
                        b -> b.conv2dBackwardWeights(CONV, f(9), 0, f(4), 0, f(4), 0, f(1), 1, f(WORK), 0)),
                bad("pad2d with a short y", "pad2d: y: 16 elements",
                        b -> b.pad2d(PAD, f(4), 0, f(15), 0)),
                bad("maxPool2dBackward with a short x", "maxPool2dBackward: x: 16 elements",
                        b -> b.maxPool2dBackward(POOL, f(4), 0, f(4), 0, f(16), 0)),
                bad("avgPool2dBackward with a short dx", "avgPool2dBackward: dx: 16 elements",
                        b -> b.avgPool2dBackward(true, POOL, f(4), 0, f(16), 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCalls")
    void aBadArgumentThrowsNamingItBeforeTheDoMethodRuns(Consumer<ComputeBackend> kernel, String message) {
        RecordingBackend b = new RecordingBackend(1);
        ShapeException e = assertThrows(ShapeException.class, () -> kernel.accept(b));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertEquals(List.of(), b.calls);
    }

    /** 2 images of 3 channels of 5 positions: 30 elements, 3 per channel. */
    @Test
    void everyValidBatchNormCallReachesItsOwnDoMethod() {
        RecordingBackend b = new RecordingBackend(1);
        b.batchNormStatistics(2, 3, 5, f(31), 1, f(3), 0, f(4), 1);
        b.batchNormForward(2, 3, 5, f(30), 0, f(3), 0, f(3), 0, f(3), 0, f(3), 0, f(30), 0);
        b.batchNormForward(2, 3, 5, f(30), 0, f(3), 0, f(3), 0, null, 0, null, 0, f(30), 0);
        b.batchNormBackward(true, 2, 3, 5, f(30), 0, f(30), 0, f(3), 0, f(3), 0, f(3), 0, f(30), 0,
                f(3), 0, f(3), 0);
        b.batchNormBackward(false, 2, 3, 5, f(30), 0, f(30), 0, f(3), 0, f(3), 0, null, 0, null, 0,
                null, 0, null, 0);
        // Empty calls: no channels, or (outside the statistics) no values per channel.
        b.batchNormStatistics(4, 0, 5, f(0), 0, f(0), 0, f(0), 0);
        b.batchNormForward(0, 3, 5, f(0), 0, f(3), 0, f(3), 0, null, 0, null, 0, f(0), 0);
        b.batchNormBackward(true, 2, 3, 0, f(0), 0, f(0), 0, f(3), 0, f(3), 0, null, 0, f(0), 0, f(3), 0, f(3), 0);
        assertEquals(List.of("batchNormStatistics", "batchNormForward", "batchNormForward", "batchNormBackward",
                "batchNormBackward", "batchNormStatistics", "batchNormForward", "batchNormBackward"), b.calls);
    }

    static Stream<Arguments> badBatchNormCalls() {
        return Stream.of(
                bad("batchNormStatistics with channels = -1", "batchNormStatistics: n, channels and plane must not"
                        + " be negative, got n=2, channels=-1, plane=5",
                        b -> b.batchNormStatistics(2, -1, 5, f(30), 0, f(3), 0, f(3), 0)),
                bad("batchNormStatistics without values", "batchNormStatistics: a channel needs at least one value,"
                        + " got n=0 and plane=5", b -> b.batchNormStatistics(0, 3, 5, f(0), 0, f(3), 0, f(3), 0)),
                bad("batchNormStatistics with a short x", "batchNormStatistics: x: 30 elements from offset 1",
                        b -> b.batchNormStatistics(2, 3, 5, f(30), 1, f(3), 0, f(3), 0)),
                bad("batchNormStatistics with a short var", "batchNormStatistics: var: 3 elements from offset 1",
                        b -> b.batchNormStatistics(2, 3, 5, f(30), 0, f(3), 0, f(3), 1)),
                bad("batchNormStatistics with a null mean", "batchNormStatistics: mean is null",
                        b -> b.batchNormStatistics(2, 3, 5, f(30), 0, null, 0, f(3), 0)),
                bad("batchNormForward with more elements than an int", "batchNormForward: n * channels * plane ="
                        + " 65536 * 65536 * 1 elements do not fit", b -> b.batchNormForward(65536, 65536, 1,
                        f(1), 0, f(1), 0, f(1), 0, null, 0, null, 0, f(1), 0)),
                bad("batchNormForward with a short invStd", "batchNormForward: invStd: 3 elements",
                        b -> b.batchNormForward(2, 3, 5, f(30), 0, f(3), 0, f(2), 0, null, 0, null, 0, f(30), 0)),
                bad("batchNormForward with a short weight", "batchNormForward: weight: 3 elements from offset 1",
                        b -> b.batchNormForward(2, 3, 5, f(30), 0, f(3), 0, f(3), 0, f(3), 1, null, 0, f(30), 0)),
                bad("batchNormForward with a short bias", "batchNormForward: bias: 3 elements",
                        b -> b.batchNormForward(2, 3, 5, f(30), 0, f(3), 0, f(3), 0, null, 0, f(2), 0, f(30), 0)),
                bad("batchNormForward with a short y", "batchNormForward: y: 30 elements",
                        b -> b.batchNormForward(2, 3, 5, f(30), 0, f(3), 0, f(3), 0, null, 0, null, 0, f(29), 0)),
                bad("batchNormBackward with a short dy", "batchNormBackward: dy: 30 elements",
                        b -> b.batchNormBackward(true, 2, 3, 5, f(30), 0, f(29), 0, f(3), 0, f(3), 0, null, 0,
                                f(30), 0, null, 0, null, 0)),
                bad("batchNormBackward with a short mean", "batchNormBackward: mean: 3 elements",
                        b -> b.batchNormBackward(true, 2, 3, 5, f(30), 0, f(30), 0, f(2), 0, f(3), 0, null, 0,
                                f(30), 0, null, 0, null, 0)),
                bad("batchNormBackward with a short weight", "batchNormBackward: weight: 3 elements",
                        b -> b.batchNormBackward(true, 2, 3, 5, f(30), 0, f(30), 0, f(3), 0, f(3), 0, f(1), 0,
                                f(30), 0, null, 0, null, 0)),
                bad("batchNormBackward with a short dx", "batchNormBackward: dx: 30 elements from offset 2",
                        b -> b.batchNormBackward(false, 2, 3, 5, f(30), 0, f(30), 0, f(3), 0, f(3), 0, null, 0,
                                f(30), 2, null, 0, null, 0)),
                bad("batchNormBackward with a short dWeight", "batchNormBackward: dWeight: 3 elements",
                        b -> b.batchNormBackward(true, 2, 3, 5, f(30), 0, f(30), 0, f(3), 0, f(3), 0, null, 0,
                                null, 0, f(2), 0, f(3), 0)),
                bad("batchNormBackward with a short dBias", "batchNormBackward: dBias: 3 elements",
                        b -> b.batchNormBackward(true, 2, 3, 5, f(30), 0, f(30), 0, f(3), 0, f(3), 0, null, 0,
                                null, 0, f(3), 0, f(3), 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBatchNormCalls")
    void aBadBatchNormArgumentThrowsNamingItBeforeTheDoMethodRuns(Consumer<ComputeBackend> kernel, String message) {
        aBadArgumentThrowsNamingItBeforeTheDoMethodRuns(kernel, message);
    }

    static Stream<Arguments> nullGeometryCalls() {
        return Stream.of(
                bad("conv2dWorkspaceSize", "conv2dWorkspaceSize", b -> b.conv2dWorkspaceSize(null)),
                bad("conv2dForward", "conv2dForward",
                        b -> b.conv2dForward(null, f(9), 0, f(4), 0, null, 0, f(4), 0, f(WORK), 0)),
                bad("conv2dBackwardData", "conv2dBackwardData",
                        b -> b.conv2dBackwardData(null, f(4), 0, f(4), 0, f(9), 0, f(WORK), 0)),
                bad("conv2dBackwardWeights", "conv2dBackwardWeights",
                        b -> b.conv2dBackwardWeights(null, f(9), 0, f(4), 0, f(4), 0, null, 0, f(WORK), 0)),
                bad("pad2d", "pad2d", b -> b.pad2d(null, f(4), 0, f(16), 0)),
                bad("pad2dBackward", "pad2dBackward", b -> b.pad2dBackward(null, f(16), 0, f(4), 0)),
                bad("maxPool2dForward", "maxPool2dForward", b -> b.maxPool2dForward(null, f(16), 0, f(4), 0)),
                bad("maxPool2dBackward", "maxPool2dBackward",
                        b -> b.maxPool2dBackward(null, f(16), 0, f(4), 0, f(16), 0)),
                bad("avgPool2dForward", "avgPool2dForward",
                        b -> b.avgPool2dForward(true, null, f(16), 0, f(4), 0)),
                bad("avgPool2dBackward", "avgPool2dBackward",
                        b -> b.avgPool2dBackward(false, null, f(4), 0, f(16), 0)));
    }

    /** A null geometry is a bad argument like any other: a ShapeException naming the kernel and the geometry. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nullGeometryCalls")
    void aNullGeometryThrowsAShapeExceptionNamingTheKernelBeforeTheDoMethodRuns(Consumer<ComputeBackend> kernel,
                                                                                String name) {
        RecordingBackend b = new RecordingBackend(1);
        ShapeException e = assertThrows(ShapeException.class, () -> kernel.accept(b));
        assertEquals(name + ": geometry is null", e.getMessage());
        assertEquals(List.of(), b.calls);
    }

    @Test
    void anEmptyGemmReturnsBeforeDoGemmButAnEmptyDepthDoesNot() {
        RecordingBackend b = new RecordingBackend(1);
        b.gemm(false, false, 0, 3, 4, 1f, null, 0, 4, f(12), 0, 3, 0f, null, 0, 3);
        b.gemm(false, false, 2, 0, 4, 1f, f(8), 0, 4, null, 0, 1, 0f, null, 0, 1);
        assertEquals(List.of(), b.calls);
        // k == 0 still writes C (beta * C), so it reaches doGemm, with A and B unread and allowed to be null.
        b.gemm(false, false, 2, 3, 0, 1f, null, 0, 1, null, 0, 3, 0f, f(6), 0, 3);
        assertEquals(List.of("gemm"), b.calls);
    }

    @Test
    void theBaseClassHoldsNameAndThreadsAndRejectsFewerThanOne() {
        RecordingBackend b = new RecordingBackend(3);
        assertEquals("recording", b.name());
        assertEquals(3, b.threads());
        assertEquals("recording (3 threads)", b.description());
        ConfigException e = assertThrows(ConfigException.class, () -> new RecordingBackend(0));
        assertEquals("recording backend: 'threads' must be at least 1, got 0", e.getMessage());
    }
}
