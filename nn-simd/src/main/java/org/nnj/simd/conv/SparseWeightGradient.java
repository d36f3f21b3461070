package org.nnj.simd.conv;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.simd.elementwise.Scans;
import org.nnj.simd.parallel.WorkerPool;
import org.nnj.simd.species.Species;

/**
 * The weight gradient of a convolution whose output gradient is mostly zeros, as it is under a ReLU and a
 * max pooling: a 2x2 pooling passes each window's gradient to one of its four pixels, and the ReLU zeroes
 * more (78 % of the CNN's second layer's output gradient is zero). {@link DirectConvolution#backwardWeights}
 * multiplies every one of those zeros; this pass skips them.
 *
 * <p>It turns the tile around: the input channels are in the lanes (the images copied channels-last), a
 * tile is one output channel by 13 kernel taps, and a step is one nonzero output gradient, broadcast and
 * multiplied with the 13 taps' channel vectors of the image around its pixel. The steps of an output channel
 * are its nonzero gradients in the dense pass's order (image, then pixel), the sums are cut into the same
 * groups of images and the threads into the same parts, and {@code x * dy + acc} is the same fused
 * multiply-add whichever operand is broadcast. A skipped product {@code x * 0} is a zero, and adding a zero
 * changes no sum that starts at {@code +0} (such a sum is never {@code -0}). So the result is the dense
 * pass's, bit for bit, whenever the input is finite; an input holding an infinity or a NaN, whose product
 * with a zero is a NaN, goes to the dense pass (see {@link #pays}).
 *
 * <p>For input channels that fill two vectors (17 to 32) with 512-bit vectors, where the 13-tap tile keeps
 * 26 accumulators in registers. It pays up to {@link #MAX_DENSITY} nonzero gradients: each step here
 * issues 26 FMAs with a vector load each, where the dense tile issues 24 per 4 vector loads and 6 broadcasts.
 */
final class SparseWeightGradient {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;
    /** Floats per pixel of the channels-last copy: two vectors of input channels, zeros past the last. */
    private static final int CHANNELS = 2 * L;
    /** Taps per tile: 13 rows of 2 vectors are 26 accumulators of the 32 registers. */
    private static final int TAPS = 13;
    /**
     * The largest share of nonzero output gradients for which this pass runs. Measured on the CNN's second
     * layer (batch 64, one thread, JDK 25, random positions): 5.3 ms at 22 % nonzero, 7.3 at 35 %, 8.9 at 45 %,
     * 13.2 at 50 %, against the dense pass's 12.5-12.9 at any share.
     */
    static final double MAX_DENSITY = 0.5;

    private SparseWeightGradient() {
    }

    /** True when this pass can run {@code g}: the direct kernels run it and its input channels fill two vectors. */
    static boolean suits(Conv2dGeometry g) {
        return DirectConvolution.suitsForward(g) && g.inChannels() > L && g.inChannels() <= CHANNELS;
    }

    /**
     * Floats of one part's area: a group's images channels-last and zero-bordered, the partial weight gradient
     * {@code [out][tap][channel]} and the partial bias gradient.
     */
    static long partFloats(Conv2dGeometry g, int group, int sourceHeight, int sourceWidth) {
        return SparseSteps.ALIGNMENT - 1 + (long) group * imageFloats(sourceHeight, sourceWidth) + gradientFloats(g)
                + g.outChannels();
    }

    /**
     * True when this pass is worth running on these arguments and gives the dense pass's bits: at most
     * {@link #MAX_DENSITY} of the output gradient is nonzero, and the input is finite.
     */
    static boolean pays(int threads, Conv2dGeometry g, float[] x, int xOff, float[] dy, int dyOff) {
        int inPlane = g.inHeight() * g.inWidth();
        return SparseSteps.sparse(threads, dy, dyOff, g.batch() * g.outChannels(), g.outputPlaneSize(), MAX_DENSITY)
                && Scans.finite(threads, x, xOff, g.batch() * g.inChannels(), inPlane, inPlane);
    }

    static void backwardWeights(DirectPlan plan, Conv2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                float[] dw, int dwOff, float[] db, int dbOff, float[] work, int workOff) {
        int outC = g.outChannels();
        int inC = g.inChannels();
        int plane = g.outputPlaneSize();
        int taps = g.kernelHeight() * g.kernelWidth();
        int width = plan.sourceWidth();
        int imageFloats = imageFloats(plan.sourceHeight(), width);
        int[] tapOffsets = tapOffsets(g, width);
        int[] pixelOffsets = DirectConvolution.pixels(g.outHeight(), g.outWidth(), g.strideHeight(),
                g.strideWidth(), width);
        int group = plan.weightsGroup();
        int gradientOff = group * imageFloats;
        int biasOff = gradientOff + gradientFloats(g);
        WorkerPool.run(plan.parts(), part -> {
            int[] steps = new int[group * plane];
            float[] values = new float[group * plane];
            float[] out = new float[TAPS * CHANNELS];
            int area = SparseSteps.aligned(workOff + plan.partOffset(part));
            Arrays.fill(work, area + gradientOff, area + biasOff + outC, 0f);
            int end = plan.firstImage(part + 1);
            for (int n0 = plan.firstImage(part); n0 < end; n0 += group) {
                int images = Math.min(group, end - n0);
                channelsLast(g, x, xOff + n0 * g.inputImageSize(), images, work, area, imageFloats);
                int dyn = dyOff + n0 * g.outputImageSize();
                DirectConvolution.addRowSums(dy, dyn, images, outC, plane, work, area + biasOff);
                for (int o = 0; o < outC; o++) {
                    int count = 0;
                    for (int m = 0; m < images; m++) {
                        count = SparseSteps.nonzeros(dy, dyn + (m * outC + o) * plane, plane, pixelOffsets,
                                area + m * imageFloats, CHANNELS, steps, values, count);
                    }
                    if (count == 0) {
                        continue;
                    }
                    int gradient = area + gradientOff + o * taps * CHANNELS;
                    for (int t0 = 0; t0 < taps; t0 += TAPS) {
                        tile13x2(count, steps, values, work, tapOffsets, t0, out);
                        int valid = Math.min(TAPS, taps - t0);
                        addVectors(out, work, gradient + t0 * CHANNELS, valid * CHANNELS);
                    }
                }
            }
        });
        for (int part = 0; part < plan.parts(); part++) {
            int area = SparseSteps.aligned(workOff + plan.partOffset(part));
            for (int o = 0; o < outC; o++) {
                int gradient = area + gradientOff + o * taps * CHANNELS;
                for (int c = 0; c < inC; c++) {
                    int at = dwOff + (o * inC + c) * taps;
                    for (int t = 0; t < taps; t++) {
                        dw[at + t] += work[gradient + t * CHANNELS + c];
                    }
                }
            }
            if (db != null) {
                Lowering.addRange(work, area + biasOff, db, dbOff, outC);
            }
        }
    }

    private static int imageFloats(int sourceHeight, int sourceWidth) {
        return sourceHeight * sourceWidth * CHANNELS;
    }

    private static int gradientFloats(Conv2dGeometry g) {
        return g.outChannels() * g.kernelHeight() * g.kernelWidth() * CHANNELS;
    }

    /** The offset of tap {@code (p, q)} from its pixel's first tap in a channels-last image. */
    private static int[] tapOffsets(Conv2dGeometry g, int width) {
        int[] taps = new int[g.kernelHeight() * g.kernelWidth()];
        for (int p = 0; p < g.kernelHeight(); p++) {
            for (int q = 0; q < g.kernelWidth(); q++) {
                taps[p * g.kernelWidth() + q] = (p * g.dilationHeight() * width + q * g.dilationWidth()) * CHANNELS;
            }
        }
        return taps;
    }

    /**
     * {@code dst[m][top + i][left + j][c] = src[m][c][i][j]} for {@code images} images, zeros in the border
     * and in the channels past the input's.
     */
    private static void channelsLast(Conv2dGeometry g, float[] src, int srcOff, int images, float[] dst,
                                     int dstOff, int imageFloats) {
        Arrays.fill(dst, dstOff, dstOff + images * imageFloats, 0f);
        int h = g.inHeight();
        int w = g.inWidth();
        int width = w + g.padLeft() + g.padRight();
        for (int m = 0; m < images; m++) {
            for (int c = 0; c < g.inChannels(); c++) {
                int s = srcOff + (m * g.inChannels() + c) * h * w;
                int d = dstOff + m * imageFloats + (g.padTop() * width + g.padLeft()) * CHANNELS + c;
                for (int i = 0; i < h; i++) {
                    for (int j = 0, at = d + i * width * CHANNELS; j < w; j++, at += CHANNELS) {
                        dst[at] = src[s + i * w + j];
                    }
                }
            }
        }
    }

    private static void addVectors(float[] src, float[] dst, int d, int floats) {
        for (int v = 0; v < floats; v += L) {
            FloatVector.fromArray(S, dst, d + v).add(FloatVector.fromArray(S, src, v)).intoArray(dst, d + v);
        }
    }

    /**
     * {@code out[r][c] = sum over e < count of values[e] * x[steps[e] + taps[t0 + r] + c]} for 13 taps from
     * {@code t0} (the ones past the last tap repeat it) by two vectors of channels.
     */
    private static void tile13x2(int count, int[] steps, float[] values, float[] x, int[] taps, int t0,
                                 float[] out) {
        int last = taps.length - 1;
        int d0 = taps[Math.min(t0, last)];
        int d1 = taps[Math.min(t0 + 1, last)];
        int d2 = taps[Math.min(t0 + 2, last)];
        int d3 = taps[Math.min(t0 + 3, last)];
        int d4 = taps[Math.min(t0 + 4, last)];
        int d5 = taps[Math.min(t0 + 5, last)];
        int d6 = taps[Math.min(t0 + 6, last)];
        int d7 = taps[Math.min(t0 + 7, last)];
        int d8 = taps[Math.min(t0 + 8, last)];
        int d9 = taps[Math.min(t0 + 9, last)];
        int d10 = taps[Math.min(t0 + 10, last)];
        int d11 = taps[Math.min(t0 + 11, last)];
        int d12 = taps[Math.min(t0 + 12, last)];
        FloatVector c0a = FloatVector.zero(S);
        FloatVector c0b = FloatVector.zero(S);
        FloatVector c1a = FloatVector.zero(S);
        FloatVector c1b = FloatVector.zero(S);
        FloatVector c2a = FloatVector.zero(S);
        FloatVector c2b = FloatVector.zero(S);
        FloatVector c3a = FloatVector.zero(S);
        FloatVector c3b = FloatVector.zero(S);
        FloatVector c4a = FloatVector.zero(S);
        FloatVector c4b = FloatVector.zero(S);
        FloatVector c5a = FloatVector.zero(S);
        FloatVector c5b = FloatVector.zero(S);
        FloatVector c6a = FloatVector.zero(S);
        FloatVector c6b = FloatVector.zero(S);
        FloatVector c7a = FloatVector.zero(S);
        FloatVector c7b = FloatVector.zero(S);
        FloatVector c8a = FloatVector.zero(S);
        FloatVector c8b = FloatVector.zero(S);
        FloatVector c9a = FloatVector.zero(S);
        FloatVector c9b = FloatVector.zero(S);
        FloatVector c10a = FloatVector.zero(S);
        FloatVector c10b = FloatVector.zero(S);
        FloatVector c11a = FloatVector.zero(S);
        FloatVector c11b = FloatVector.zero(S);
        FloatVector c12a = FloatVector.zero(S);
        FloatVector c12b = FloatVector.zero(S);
        for (int e = 0; e < count; e++) {
            int base = steps[e];
            FloatVector v = FloatVector.broadcast(S, values[e]);
            c0a = FloatVector.fromArray(S, x, base + d0).fma(v, c0a);
            c0b = FloatVector.fromArray(S, x, base + d0 + L).fma(v, c0b);
            c1a = FloatVector.fromArray(S, x, base + d1).fma(v, c1a);
            c1b = FloatVector.fromArray(S, x, base + d1 + L).fma(v, c1b);
            c2a = FloatVector.fromArray(S, x, base + d2).fma(v, c2a);
            c2b = FloatVector.fromArray(S, x, base + d2 + L).fma(v, c2b);
            c3a = FloatVector.fromArray(S, x, base + d3).fma(v, c3a);
            c3b = FloatVector.fromArray(S, x, base + d3 + L).fma(v, c3b);
            c4a = FloatVector.fromArray(S, x, base + d4).fma(v, c4a);
            c4b = FloatVector.fromArray(S, x, base + d4 + L).fma(v, c4b);
            c5a = FloatVector.fromArray(S, x, base + d5).fma(v, c5a);
            c5b = FloatVector.fromArray(S, x, base + d5 + L).fma(v, c5b);
            c6a = FloatVector.fromArray(S, x, base + d6).fma(v, c6a);
            c6b = FloatVector.fromArray(S, x, base + d6 + L).fma(v, c6b);
            c7a = FloatVector.fromArray(S, x, base + d7).fma(v, c7a);
            c7b = FloatVector.fromArray(S, x, base + d7 + L).fma(v, c7b);
            c8a = FloatVector.fromArray(S, x, base + d8).fma(v, c8a);
            c8b = FloatVector.fromArray(S, x, base + d8 + L).fma(v, c8b);
            c9a = FloatVector.fromArray(S, x, base + d9).fma(v, c9a);
            c9b = FloatVector.fromArray(S, x, base + d9 + L).fma(v, c9b);
            c10a = FloatVector.fromArray(S, x, base + d10).fma(v, c10a);
            c10b = FloatVector.fromArray(S, x, base + d10 + L).fma(v, c10b);
            c11a = FloatVector.fromArray(S, x, base + d11).fma(v, c11a);
            c11b = FloatVector.fromArray(S, x, base + d11 + L).fma(v, c11b);
            c12a = FloatVector.fromArray(S, x, base + d12).fma(v, c12a);
            c12b = FloatVector.fromArray(S, x, base + d12 + L).fma(v, c12b);
        }
        c0a.intoArray(out, 0);
        c0b.intoArray(out, L);
        c1a.intoArray(out, 2 * L);
        c1b.intoArray(out, 3 * L);
        c2a.intoArray(out, 4 * L);
        c2b.intoArray(out, 5 * L);
        c3a.intoArray(out, 6 * L);
        c3b.intoArray(out, 7 * L);
        c4a.intoArray(out, 8 * L);
        c4b.intoArray(out, 9 * L);
        c5a.intoArray(out, 10 * L);
        c5b.intoArray(out, 11 * L);
        c6a.intoArray(out, 12 * L);
        c6b.intoArray(out, 13 * L);
        c7a.intoArray(out, 14 * L);
        c7b.intoArray(out, 15 * L);
        c8a.intoArray(out, 16 * L);
        c8b.intoArray(out, 17 * L);
        c9a.intoArray(out, 18 * L);
        c9b.intoArray(out, 19 * L);
        c10a.intoArray(out, 20 * L);
        c10b.intoArray(out, 21 * L);
        c11a.intoArray(out, 22 * L);
        c11b.intoArray(out, 23 * L);
        c12a.intoArray(out, 24 * L);
        c12b.intoArray(out, 25 * L);
    }
}
