package org.nnj.simd.normalization;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.simd.species.Lanes;
import org.nnj.simd.species.Species;

/**
 * Batch normalisation over {@code [n, channels, plane]} data; see
 * {@link org.nnj.api.backend.NormalizationKernels} for the formulas. Each plane (the positions of one image
 * and one channel, consecutive in memory) is a vector loop with a scalar tail; nothing is allocated.
 *
 * <p>Precision: the sums (of {@code x}, of {@code (x - mean)^2}, of {@code dy} and of {@code dy * (x - mean)})
 * widen every float lane to double and accumulate in double vectors, so they are as precise as the scalar
 * reference's and differ from it only in the order of the double additions (far below float rounding; a
 * rounded result can differ from the reference's by one float ulp when it lies next to a rounding boundary).
 * The element-wise maps use the reference's float operations in its order, without fused multiply-adds, so
 * they give its bits from the same statistics and sums.
 */
public final class BatchNorm {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    /** Doubles in a vector of the same size: half as many lanes; a float vector widens into two. */
    private static final VectorSpecies<Double> D = S.withLanes(double.class);

    private BatchNorm() {
    }

    /** Per-channel mean and biased variance: two passes, in double precision. */
    public static void statistics(int n, int channels, int plane, float[] x, int xOff,
                                  float[] mean, int meanOff, float[] var, int varOff) {
        long count = (long) n * plane;
        int end = S.loopBound(plane);
        for (int c = 0; c < channels; c++) {
            DoubleVector acc0 = DoubleVector.zero(D);
            DoubleVector acc1 = DoubleVector.zero(D);
            double sum = 0;
            for (int b = 0; b < n; b++) {
                int from = xOff + (b * channels + c) * plane;
                int i = 0;
                for (; i < end; i += S.length()) {
                    FloatVector v = FloatVector.fromArray(S, x, from + i);
                    acc0 = acc0.add(v.convertShape(VectorOperators.F2D, D, 0));
                    acc1 = acc1.add(v.convertShape(VectorOperators.F2D, D, 1));
                }
                for (; i < plane; i++) {
                    sum += x[from + i];
                }
            }
            double mu = (sum + Lanes.sum(acc0.add(acc1))) / count;
            // Around the mean: E[x^2] - mean^2 would cancel when the mean is large beside the spread.
            DoubleVector vmu = DoubleVector.broadcast(D, mu);
            acc0 = DoubleVector.zero(D);
            acc1 = DoubleVector.zero(D);
            double squares = 0;
            for (int b = 0; b < n; b++) {
                int from = xOff + (b * channels + c) * plane;
                int i = 0;
                for (; i < end; i += S.length()) {
                    FloatVector v = FloatVector.fromArray(S, x, from + i);
                    DoubleVector lo = ((DoubleVector) v.convertShape(VectorOperators.F2D, D, 0)).sub(vmu);
                    DoubleVector hi = ((DoubleVector) v.convertShape(VectorOperators.F2D, D, 1)).sub(vmu);
                    acc0 = lo.fma(lo, acc0);
                    acc1 = hi.fma(hi, acc1);
                }
                for (; i < plane; i++) {
                    double d = x[from + i] - mu;
                    squares += d * d;
                }
            }
            mean[meanOff + c] = (float) mu;
            var[varOff + c] = (float) ((squares + Lanes.sum(acc0.add(acc1))) / count);
        }
    }

    /** {@code y = (x - mean) * (invStd * weight) + bias}, plane by plane. */
    public static void forward(int n, int channels, int plane, float[] x, int xOff,
                               float[] mean, int meanOff, float[] invStd, int invStdOff,
                               float[] weight, int weightOff, float[] bias, int biasOff, float[] y, int yOff) {
        int end = S.loopBound(plane);
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < channels; c++) {
                float mu = mean[meanOff + c];
                float scale = invStd[invStdOff + c] * (weight == null ? 1f : weight[weightOff + c]);
                float shift = bias == null ? 0f : bias[biasOff + c];
                int from = (b * channels + c) * plane;
                int xi = xOff + from;
                int yi = yOff + from;
                int i = 0;
                for (; i < end; i += S.length()) {
                    FloatVector.fromArray(S, x, xi + i).sub(mu).mul(scale).add(shift).intoArray(y, yi + i);
                }
                for (; i < plane; i++) {
                    y[yi + i] = (x[xi + i] - mu) * scale + shift;
                }
            }
        }
    }

    /** The backward pass, channel by channel: the sums first (if anything needs them), then {@code dx}. */
    public static void backward(boolean training, int n, int channels, int plane, float[] x, int xOff,
                                float[] dy, int dyOff, float[] mean, int meanOff, float[] invStd, int invStdOff,
                                float[] weight, int weightOff, float[] dx, int dxOff,
                                float[] dWeight, int dWeightOff, float[] dBias, int dBiasOff) {
        long count = (long) n * plane;
        boolean needSums = dWeight != null || dBias != null || (dx != null && training);
        int end = S.loopBound(plane);
        for (int c = 0; c < channels; c++) {
            float mu = mean[meanOff + c];
            float is = invStd[invStdOff + c];
            float gamma = weight == null ? 1f : weight[weightOff + c];
            double sumDy = 0;
            double sumDyDiff = 0;
            if (needSums) {
                // dy * (x - mean): the difference in float (as the reference), the product exact in double.
                DoubleVector dy0 = DoubleVector.zero(D);
                DoubleVector dy1 = DoubleVector.zero(D);
                DoubleVector dd0 = DoubleVector.zero(D);
                DoubleVector dd1 = DoubleVector.zero(D);
                for (int b = 0; b < n; b++) {
                    int from = (b * channels + c) * plane;
                    int xi = xOff + from;
                    int gi = dyOff + from;
                    int i = 0;
                    for (; i < end; i += S.length()) {
                        FloatVector g = FloatVector.fromArray(S, dy, gi + i);
                        FloatVector diff = FloatVector.fromArray(S, x, xi + i).sub(mu);
                        DoubleVector glo = (DoubleVector) g.convertShape(VectorOperators.F2D, D, 0);
                        DoubleVector ghi = (DoubleVector) g.convertShape(VectorOperators.F2D, D, 1);
                        dy0 = dy0.add(glo);
                        dy1 = dy1.add(ghi);
                        dd0 = glo.fma(diff.convertShape(VectorOperators.F2D, D, 0), dd0);
                        dd1 = ghi.fma(diff.convertShape(VectorOperators.F2D, D, 1), dd1);
                    }
                    for (; i < plane; i++) {
                        double g = dy[gi + i];
                        sumDy += g;
                        sumDyDiff += g * (x[xi + i] - mu);
                    }
                }
                sumDy += Lanes.sum(dy0.add(dy1));
                sumDyDiff += Lanes.sum(dd0.add(dd1));
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
                    int xi = xOff + from;
                    int gi = dyOff + from;
                    int di = dxOff + from;
                    int i = 0;
                    for (; i < end; i += S.length()) {
                        FloatVector xhat = FloatVector.fromArray(S, x, xi + i).sub(mu).mul(is);
                        FloatVector.fromArray(S, dy, gi + i).mul(m).sub(sumDyF).sub(xhat.mul(sumDyXhatF)).mul(k)
                                .intoArray(dx, di + i);
                    }
                    for (; i < plane; i++) {
                        float xhat = (x[xi + i] - mu) * is;
                        dx[di + i] = k * (m * dy[gi + i] - sumDyF - xhat * sumDyXhatF);
                    }
                }
            } else {
                float k = gamma * is;
                for (int b = 0; b < n; b++) {
                    int from = (b * channels + c) * plane;
                    int gi = dyOff + from;
                    int di = dxOff + from;
                    int i = 0;
                    for (; i < end; i += S.length()) {
                        FloatVector.fromArray(S, dy, gi + i).mul(k).intoArray(dx, di + i);
                    }
                    for (; i < plane; i++) {
                        dx[di + i] = k * dy[gi + i];
                    }
                }
            }
        }
    }
}
