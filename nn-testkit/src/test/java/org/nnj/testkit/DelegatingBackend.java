package org.nnj.testkit;

import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.api.backend.Pad2dGeometry;
import org.nnj.api.backend.Pool2dGeometry;
import org.nnj.core.backend.ScalarBackend;

/** A backend that forwards every kernel to a scalar one; tests override one kernel with a bug. */
class DelegatingBackend implements ComputeBackend {
    final ScalarBackend inner = new ScalarBackend();

    @Override
    public String name() {
        return "buggy";
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        inner.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void addRowVector(int rows, int cols, float[] v, int vOff, float[] x, int xOff) {
        inner.addRowVector(rows, cols, v, vOff, x, xOff);
    }

    @Override
    public void addColumnSums(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        inner.addColumnSums(rows, cols, x, xOff, out, outOff);
    }

    @Override
    public void relu(int n, float[] x, int xOff, float[] y, int yOff) {
        inner.relu(n, x, xOff, y, yOff);
    }

    @Override
    public void reluBackward(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        inner.reluBackward(n, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    public void leakyRelu(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        inner.leakyRelu(n, alpha, x, xOff, y, yOff);
    }

    @Override
    public void leakyReluBackward(int n, float alpha, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        inner.leakyReluBackward(n, alpha, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    public void sigmoid(int n, float[] x, int xOff, float[] y, int yOff) {
        inner.sigmoid(n, x, xOff, y, yOff);
    }

    @Override
    public void sigmoidBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        inner.sigmoidBackward(n, y, yOff, dy, dyOff, dx, dxOff);
    }

    @Override
    public void tanh(int n, float[] x, int xOff, float[] y, int yOff) {
        inner.tanh(n, x, xOff, y, yOff);
    }

    @Override
    public void tanhBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        inner.tanhBackward(n, y, yOff, dy, dyOff, dx, dxOff);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        inner.axpy(n, alpha, x, xOff, y, yOff);
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOff) {
        inner.scale(n, alpha, x, xOff);
    }

    @Override
    public void multiply(int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        inner.multiply(n, x, xOff, y, yOff, out, outOff);
    }

    @Override
    public double sumOfSquares(int n, float[] x, int xOff) {
        return inner.sumOfSquares(n, x, xOff);
    }

    @Override
    public void softmaxRows(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        inner.softmaxRows(rows, cols, x, xOff, y, yOff);
    }

    @Override
    public void softmaxBackwardRows(int rows, int cols, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        inner.softmaxBackwardRows(rows, cols, y, yOff, dy, dyOff, dx, dxOff);
    }

    @Override
    public void logSumExpRows(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        inner.logSumExpRows(rows, cols, x, xOff, out, outOff);
    }

    @Override
    public void adamStep(int n, float lr, float beta1, float beta2, float eps, float bc1, float bc2,
                         float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff) {
        inner.adamStep(n, lr, beta1, beta2, eps, bc1, bc2, w, wOff, g, gOff, m, mOff, v, vOff);
    }

    @Override
    public void adadeltaStep(int n, float lr, float rho, float eps, float[] w, int wOff, float[] g, int gOff,
                             float[] squareAvg, int squareAvgOff, float[] accDelta, int accDeltaOff) {
        inner.adadeltaStep(n, lr, rho, eps, w, wOff, g, gOff, squareAvg, squareAvgOff, accDelta, accDeltaOff);
    }

    @Override
    public void addSquares(int n, float beta, float alpha, float[] x, int xOff, float[] y, int yOff) {
        inner.addSquares(n, beta, alpha, x, xOff, y, yOff);
    }

    @Override
    public void addcdivSqrt(int n, float beta, float alpha, float c, float eps, float[] x, int xOff,
                            float[] d, int dOff, float[] y, int yOff) {
        inner.addcdivSqrt(n, beta, alpha, c, eps, x, xOff, d, dOff, y, yOff);
    }

    @Override
    public void addcdiv(int n, float alpha, float[] x, int xOff, float[] d, int dOff, float[] y, int yOff) {
        inner.addcdiv(n, alpha, x, xOff, d, dOff, y, yOff);
    }

    @Override
    public void maxAbs(int n, float beta, float eps, float[] x, int xOff, float[] y, int yOff) {
        inner.maxAbs(n, beta, eps, x, xOff, y, yOff);
    }

    @Override
    public void batchNormStatistics(int n, int channels, int plane, float[] x, int xOff,
                                    float[] mean, int meanOff, float[] var, int varOff) {
        inner.batchNormStatistics(n, channels, plane, x, xOff, mean, meanOff, var, varOff);
    }

    @Override
    public void batchNormForward(int n, int channels, int plane, float[] x, int xOff,
                                 float[] mean, int meanOff, float[] invStd, int invStdOff,
                                 float[] weight, int weightOff, float[] bias, int biasOff, float[] y, int yOff) {
        inner.batchNormForward(n, channels, plane, x, xOff, mean, meanOff, invStd, invStdOff,
                weight, weightOff, bias, biasOff, y, yOff);
    }

    @Override
    public void batchNormBackward(boolean training, int n, int channels, int plane, float[] x, int xOff,
                                  float[] dy, int dyOff, float[] mean, int meanOff, float[] invStd, int invStdOff,
                                  float[] weight, int weightOff, float[] dx, int dxOff,
                                  float[] dWeight, int dWeightOff, float[] dBias, int dBiasOff) {
        inner.batchNormBackward(training, n, channels, plane, x, xOff, dy, dyOff, mean, meanOff, invStd, invStdOff,
                weight, weightOff, dx, dxOff, dWeight, dWeightOff, dBias, dBiasOff);
    }

    @Override
    public int conv2dWorkspaceSize(Conv2dGeometry g) {
        return inner.conv2dWorkspaceSize(g);
    }

    @Override
    public void conv2dForward(Conv2dGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                              float[] y, int yOff, float[] work, int workOff) {
        inner.conv2dForward(g, x, xOff, w, wOff, bias, biasOff, y, yOff, work, workOff);
    }

    @Override
    public void conv2dBackwardData(Conv2dGeometry g, float[] dy, int dyOff, float[] w, int wOff,
                                   float[] dx, int dxOff, float[] work, int workOff) {
        inner.conv2dBackwardData(g, dy, dyOff, w, wOff, dx, dxOff, work, workOff);
    }

    @Override
    public void conv2dBackwardWeights(Conv2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                      float[] dw, int dwOff, float[] db, int dbOff, float[] work, int workOff) {
        inner.conv2dBackwardWeights(g, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, work, workOff);
    }

    @Override
    public void pad2d(Pad2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        inner.pad2d(g, x, xOff, y, yOff);
    }

    @Override
    public void pad2dBackward(Pad2dGeometry g, float[] dy, int dyOff, float[] dx, int dxOff) {
        inner.pad2dBackward(g, dy, dyOff, dx, dxOff);
    }

    @Override
    public void maxPool2dForward(Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        inner.maxPool2dForward(g, x, xOff, y, yOff);
    }

    @Override
    public void maxPool2dBackward(Pool2dGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        inner.maxPool2dBackward(g, x, xOff, dy, dyOff, dx, dxOff);
    }

    @Override
    public void avgPool2dForward(boolean countIncludePad, Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        inner.avgPool2dForward(countIncludePad, g, x, xOff, y, yOff);
    }

    @Override
    public void avgPool2dBackward(boolean countIncludePad, Pool2dGeometry g, float[] dy, int dyOff,
                                  float[] dx, int dxOff) {
        inner.avgPool2dBackward(countIncludePad, g, dy, dyOff, dx, dxOff);
    }
}
