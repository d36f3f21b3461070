package org.nnj.api.backend;

/**
 * The scalar reference of log-softmax and its backward pass, shared by the default methods of
 * {@link RowKernels} and the default hooks of {@link AbstractComputeBackend}, so that a backend written
 * before these kernels existed computes them correctly. Sums and logarithms are taken in double.
 */
final class ScalarLogSoftmax {
    private ScalarLogSoftmax() {
    }

    /** {@code y = x - max - log(sum(exp(x - max)))} per row; {@code x} and {@code y} may be the same. */
    static void forward(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            int yr = yOff + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[xr + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp((double) x[xr + j] - max);
            }
            double logSum = Math.log(sum);
            for (int j = 0; j < cols; j++) {
                y[yr + j] = (float) (((double) x[xr + j] - max) - logSum);
            }
        }
    }

    /** {@code dx = dy - exp(y) * sum(dy)} per row; {@code dx} may be {@code dy}. */
    static void backward(int rows, int cols, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += dy[dyOff + o + j];
            }
            for (int j = 0; j < cols; j++) {
                dx[dxOff + o + j] = (float) (dy[dyOff + o + j] - Math.exp(y[yOff + o + j]) * sum);
            }
        }
    }
}
