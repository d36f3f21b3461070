package org.nnj.simd.conv;

import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.simd.conv.ConvolutionAgainstReferenceTest.Data;

/**
 * Single elements of a convolution's results from their defining sums, in double precision, independent of
 * any lowering: each method returns the value and the sum of the magnitudes of its terms (for the
 * tolerance). The arrays of {@link Data} hold their values from index 3.
 */
final class Reference {
    private static final int OFF = 3;

    private Reference() {
    }

    /** {@code y[i]} (flat NCHW index) of the forward pass with bias. */
    static double[] forward(Conv2dGeometry g, Data d, int i) {
        int plane = g.outputPlaneSize();
        int n = i / g.outputImageSize();
        int o = i / plane % g.outChannels();
        int oi = i % plane / g.outWidth();
        int oj = i % g.outWidth();
        double sum = d.bias[OFF + o];
        double mag = Math.abs(sum);
        for (int c = 0; c < g.inChannels(); c++) {
            for (int p = 0; p < g.kernelHeight(); p++) {
                int ih = oi * g.strideHeight() - g.padTop() + p * g.dilationHeight();
                for (int q = 0; q < g.kernelWidth(); q++) {
                    int iw = oj * g.strideWidth() - g.padLeft() + q * g.dilationWidth();
                    if (ih < 0 || ih >= g.inHeight() || iw < 0 || iw >= g.inWidth()) {
                        continue;
                    }
                    double t = (double) weight(g, d, o, c, p, q) * input(g, d.x, n, c, ih, iw);
                    sum += t;
                    mag += Math.abs(t);
                }
            }
        }
        return new double[] {sum, mag};
    }

    /** {@code dx[j]} (flat NCHW index of the input). */
    static double[] backwardData(Conv2dGeometry g, Data d, int j) {
        int n = j / g.inputImageSize();
        int c = j / (g.inHeight() * g.inWidth()) % g.inChannels();
        int ih = j % (g.inHeight() * g.inWidth()) / g.inWidth();
        int iw = j % g.inWidth();
        double sum = 0;
        double mag = 0;
        for (int o = 0; o < g.outChannels(); o++) {
            for (int p = 0; p < g.kernelHeight(); p++) {
                int rows = ih + g.padTop() - p * g.dilationHeight();
                if (rows < 0 || rows % g.strideHeight() != 0 || rows / g.strideHeight() >= g.outHeight()) {
                    continue;
                }
                for (int q = 0; q < g.kernelWidth(); q++) {
                    int cols = iw + g.padLeft() - q * g.dilationWidth();
                    if (cols < 0 || cols % g.strideWidth() != 0 || cols / g.strideWidth() >= g.outWidth()) {
                        continue;
                    }
                    double t = (double) weight(g, d, o, c, p, q)
                            * output(g, d.dy, n, o, rows / g.strideHeight(), cols / g.strideWidth());
                    sum += t;
                    mag += Math.abs(t);
                }
            }
        }
        return new double[] {sum, mag};
    }

    /** {@code dw[k]} after adding the gradient to the initial value (flat {@code [out, in, kh, kw]} index). */
    static double[] backwardWeight(Conv2dGeometry g, Data d, int k) {
        int q = k % g.kernelWidth();
        int p = k / g.kernelWidth() % g.kernelHeight();
        int c = k / (g.kernelWidth() * g.kernelHeight()) % g.inChannels();
        int o = k / g.patchSize();
        double sum = d.initialDw[OFF + k];
        double mag = Math.abs(sum);
        for (int n = 0; n < g.batch(); n++) {
            for (int oi = 0; oi < g.outHeight(); oi++) {
                int ih = oi * g.strideHeight() - g.padTop() + p * g.dilationHeight();
                if (ih < 0 || ih >= g.inHeight()) {
                    continue;
                }
                for (int oj = 0; oj < g.outWidth(); oj++) {
                    int iw = oj * g.strideWidth() - g.padLeft() + q * g.dilationWidth();
                    if (iw < 0 || iw >= g.inWidth()) {
                        continue;
                    }
                    double t = (double) output(g, d.dy, n, o, oi, oj) * input(g, d.x, n, c, ih, iw);
                    sum += t;
                    mag += Math.abs(t);
                }
            }
        }
        return new double[] {sum, mag};
    }

    /** {@code db[o]} after adding the gradient to the initial value. */
    static double[] backwardBias(Conv2dGeometry g, Data d, int o) {
        double sum = d.initialDb[OFF + o];
        double mag = Math.abs(sum);
        for (int n = 0; n < g.batch(); n++) {
            for (int pos = 0; pos < g.outputPlaneSize(); pos++) {
                double t = d.dy[OFF + n * g.outputImageSize() + o * g.outputPlaneSize() + pos];
                sum += t;
                mag += Math.abs(t);
            }
        }
        return new double[] {sum, mag};
    }

    private static float weight(Conv2dGeometry g, Data d, int o, int c, int p, int q) {
        return d.w[OFF + ((o * g.inChannels() + c) * g.kernelHeight() + p) * g.kernelWidth() + q];
    }

    private static float input(Conv2dGeometry g, float[] x, int n, int c, int ih, int iw) {
        return x[OFF + n * g.inputImageSize() + (c * g.inHeight() + ih) * g.inWidth() + iw];
    }

    private static float output(Conv2dGeometry g, float[] dy, int n, int o, int oi, int oj) {
        return dy[OFF + n * g.outputImageSize() + (o * g.outHeight() + oi) * g.outWidth() + oj];
    }
}
