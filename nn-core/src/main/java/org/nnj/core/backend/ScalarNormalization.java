package org.nnj.core.backend;

/**
 * The batch-normalisation kernels of {@link ScalarBackend}: plain loops over one channel at a time, the
 * reference for {@link org.nnj.api.backend.NormalizationKernels}. Sums are taken in double precision; the
 * element-wise maps are float operations in the order the contract states, so that a vectorised backend can
 * match them bit for bit.
 */
final class ScalarNormalization {
    private ScalarNormalization() {
    }

    static void statistics(int n, int channels, int plane, float[] x, int xOff,
                           float[] mean, int meanOff, float[] var, int varOff) {
        long count = (long) n * plane;
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int b = 0; b < n; b++) {
                int from = xOff + (b * channels + c) * plane;
                for (int i = 0; i < plane; i++) {
                    sum += x[from + i];
                }
            }
            double mu = sum / count;
            // A second pass around the mean: E[x^2] - mean^2 would cancel when the mean is large.
            double squares = 0;
            for (int b = 0; b < n; b++) {
                int from = xOff + (b * channels + c) * plane;
                for (int i = 0; i < plane; i++) {
                    double d = x[from + i] - mu;
                    squares += d * d;
                }
            }
            mean[meanOff + c] = (float) mu;
            var[varOff + c] = (float) (squares / count);
        }
    }

    static void forward(int n, int channels, int plane, float[] x, int xOff,
                        float[] mean, int meanOff, float[] invStd, int invStdOff,
                        float[] weight, int weightOff, float[] bias, int biasOff, float[] y, int yOff) {
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < channels; c++) {
                float mu = mean[meanOff + c];
                float scale = invStd[invStdOff + c] * (weight == null ? 1f : weight[weightOff + c]);
                float shift = bias == null ? 0f : bias[biasOff + c];
                int from = (b * channels + c) * plane;
                for (int i = 0; i < plane; i++) {
                    y[yOff + from + i] = (x[xOff + from + i] - mu) * scale + shift;
                }
            }
        }
    }

    static void backward(boolean training, int n, int channels, int plane, float[] x, int xOff,
                         float[] dy, int dyOff, float[] mean, int meanOff, float[] invStd, int invStdOff,
                         float[] weight, int weightOff, float[] dx, int dxOff,
                         float[] dWeight, int dWeightOff, float[] dBias, int dBiasOff) {
        long count = (long) n * plane;
        for (int c = 0; c < channels; c++) {
            float mu = mean[meanOff + c];
            float is = invStd[invStdOff + c];
            float gamma = weight == null ? 1f : weight[weightOff + c];
            boolean needSums = dWeight != null || dBias != null || (dx != null && training);
            double sumDy = 0;
            double sumDyDiff = 0;
            if (needSums) {
                for (int b = 0; b < n; b++) {
                    int from = (b * channels + c) * plane;
                    for (int i = 0; i < plane; i++) {
                        double g = dy[dyOff + from + i];
                        sumDy += g;
                        sumDyDiff += g * (x[xOff + from + i] - mu);
                    }
                }
            }
            double sumDyXhat = sumDyDiff * is;
            if (dWeight != null) {
                dWeight[dWeightOff + c] += (float) sumDyXhat;
            }
            if (dBias != null) {
                dBias[dBiasOff + c] += (float) sumDy;
            }
            if (dx == null) {
                continue;
            }
            if (training) {
                float k = (float) ((double) gamma * is / count);
                float m = count;
                float sumDyF = (float) sumDy;
                float sumDyXhatF = (float) sumDyXhat;
                for (int b = 0; b < n; b++) {
                    int from = (b * channels + c) * plane;
                    for (int i = 0; i < plane; i++) {
                        float xhat = (x[xOff + from + i] - mu) * is;
                        dx[dxOff + from + i] = k * (m * dy[dyOff + from + i] - sumDyF - xhat * sumDyXhatF);
                    }
                }
            } else {
                float k = gamma * is;
                for (int b = 0; b < n; b++) {
                    int from = (b * channels + c) * plane;
                    for (int i = 0; i < plane; i++) {
                        dx[dxOff + from + i] = k * dy[dyOff + from + i];
                    }
                }
            }
        }
    }
}
