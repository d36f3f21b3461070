package org.nnj.simd.conv;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.simd.elementwise.Scans;
import org.nnj.simd.parallel.WorkerPool;
import org.nnj.simd.species.Species;

/**
 * The input gradient of a convolution whose output gradient is mostly zeros (under a ReLU and a max pooling,
 * see {@link SparseWeightGradient}): each nonzero output gradient is multiplied into the kernel and added to
 * the input pixels it came from, instead of {@link DirectConvolution#backwardData}'s gathering of every
 * output gradient, zero or not, into each input pixel.
 *
 * <p>A tile holds 13 kernel taps by two vectors of input channels of one output channel's weights in
 * registers; a step is one nonzero output gradient, broadcast, multiplied with the 13 taps' weights and added
 * to the 13 input pixels' channel vectors of a channels-last, zero-bordered copy of the image's gradient,
 * which is copied to NCHW at the end. Each input pixel's sum gets its terms in the dense pass's order: output
 * channel by output channel, and within one, output pixel by output pixel in row-major order. (Within a
 * channel, a larger tap reaches an input pixel from an earlier output pixel, so the tiles of taps go from the
 * last to the first.) A skipped term is a zero, which changes no sum, so the result is the dense pass's, bit
 * for bit, when the output gradient and the weights are finite; {@link #pays} sends any other case to the
 * dense pass. A tile past the last tap holds zero weights on the last tap's pixel: adding {@code v * 0}
 * changes nothing when {@code v} is finite.
 *
 * <p>For stride 1 (as every direct backward-data pass here) and input channels that fill two vectors (24 to
 * 32) with 512-bit vectors.
 */
final class SparseDataGradient {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;
    /** Floats per pixel of the channels-last gradient: two vectors of input channels, zeros past the last. */
    private static final int CHANNELS = 2 * L;
    /** Taps per tile: 13 taps' weights by two vectors are 26 of the 32 registers. */
    private static final int TAPS = 13;
    private static final int TILE_FLOATS = TAPS * CHANNELS;
    /**
     * The largest share of nonzero output gradients for which this pass runs. Measured on the CNN's second
     * layer (batch 64, one thread, JDK 25, random positions): 4.4 ms at 10 % nonzero, 8.3 at 22 %, 13.2 at
     * 30 %, against the dense pass's 12.1-12.7. A 2x2 max pooling leaves at most 25 %.
     */
    static final double MAX_DENSITY = 0.25;

    private SparseDataGradient() {
    }

    /** True when this pass can run {@code g}: the direct backward-data pass can, and its channels fill two vectors. */
    static boolean suits(Conv2dGeometry g) {
        return DirectConvolution.suitsBackwardData(g) && g.inChannels() > L && g.inChannels() <= CHANNELS;
    }

    /** Floats of the weights packed for the tiles, shared by the parts. */
    static long sharedFloats(Conv2dGeometry g) {
        return SparseSteps.ALIGNMENT - 1 + (long) g.outChannels() * tiles(g) * TILE_FLOATS;
    }

    /** Floats of one part's area: one image's channels-last, zero-bordered gradient. */
    static long partFloats(Conv2dGeometry g) {
        return SparseSteps.ALIGNMENT - 1 + (long) height(g) * width(g) * CHANNELS;
    }

    /**
     * True when this pass is worth running on these arguments and gives the dense pass's bits: at most
     * {@link #MAX_DENSITY} of the output gradient is nonzero, and it and the weights are finite.
     */
    static boolean pays(int threads, Conv2dGeometry g, float[] dy, int dyOff, float[] w, int wOff) {
        int planes = g.batch() * g.outChannels();
        int plane = g.outputPlaneSize();
        int filter = g.weightSize() / g.outChannels();
        return SparseSteps.sparse(threads, dy, dyOff, planes, plane, MAX_DENSITY)
                && Scans.finite(threads, dy, dyOff, planes, plane, plane)
                && Scans.finite(threads, w, wOff, g.outChannels(), filter, filter);
    }

    /**
     * The input gradient {@code dx} (written, not added to), in the workspace layout of {@link DirectPlan}:
     * the packed weights at {@code workOff}, then one area per part.
     */
    static void backwardData(DirectPlan plan, Conv2dGeometry g, float[] dy, int dyOff, float[] w, int wOff,
                             float[] dx, int dxOff, float[] work, int workOff) {
        int outC = g.outChannels();
        int plane = g.outputPlaneSize();
        int tiles = tiles(g);
        int width = width(g);
        int imageFloats = height(g) * width * CHANNELS;
        int packed = SparseSteps.aligned(workOff);
        pack(g, w, wOff, work, packed);
        int[] tapOffsets = tapOffsets(g, width);
        int[] pixelOffsets = DirectConvolution.pixels(g.outHeight(), g.outWidth(), 1, 1, width);
        WorkerPool.run(plan.parts(), part -> {
            int[] steps = new int[plane];
            float[] values = new float[plane];
            int image = SparseSteps.aligned(workOff + plan.partOffset(part));
            int end = plan.firstImage(part + 1);
            for (int n = plan.firstImage(part); n < end; n++) {
                Arrays.fill(work, image, image + imageFloats, 0f);
                for (int o = 0; o < outC; o++) {
                    int count = SparseSteps.nonzeros(dy, dyOff + (n * outC + o) * plane, plane, pixelOffsets, image,
                            CHANNELS, steps, values, 0);
                    for (int t = tiles - 1; count > 0 && t >= 0; t--) {
                        scatter13x2(count, steps, values, work, tapOffsets, t * TAPS, work,
                                packed + (o * tiles + t) * TILE_FLOATS);
                    }
                }
                channelsFirst(g, work, image, width, dx, dxOff + n * g.inputImageSize());
            }
        });
    }

    private static int tiles(Conv2dGeometry g) {
        return (g.kernelHeight() * g.kernelWidth() + TAPS - 1) / TAPS;
    }

    /** Rows of the zero-bordered gradient: every input row an output pixel's kernel reaches, and more. */
    private static int height(Conv2dGeometry g) {
        return g.outHeight() + g.dilationHeight() * (g.kernelHeight() - 1);
    }

    private static int width(Conv2dGeometry g) {
        return g.outWidth() + g.dilationWidth() * (g.kernelWidth() - 1);
    }

    /**
     * {@code packed[o][tile][r][c] = w[o][c][tap]} for the tile's taps {@code 13 * tile + r}, zeros past the
     * last tap and in the channels past the last.
     */
    private static void pack(Conv2dGeometry g, float[] w, int wOff, float[] packed, int packedOff) {
        int inC = g.inChannels();
        int taps = g.kernelHeight() * g.kernelWidth();
        int tiles = tiles(g);
        Arrays.fill(packed, packedOff, packedOff + g.outChannels() * tiles * TILE_FLOATS, 0f);
        for (int o = 0; o < g.outChannels(); o++) {
            for (int c = 0; c < inC; c++) {
                for (int t = 0; t < taps; t++) {
                    packed[packedOff + (o * tiles * TAPS + t) * CHANNELS + c] = w[wOff + (o * inC + c) * taps + t];
                }
            }
        }
    }

    /**
     * The offset of the input pixel that tap {@code (p, q)} reaches from an output pixel's, in the
     * channels-last gradient; past the last tap, the last tap's.
     */
    private static int[] tapOffsets(Conv2dGeometry g, int width) {
        int taps = g.kernelHeight() * g.kernelWidth();
        int[] offsets = new int[tiles(g) * TAPS];
        for (int t = 0; t < offsets.length; t++) {
            int tap = Math.min(t, taps - 1);
            int p = tap / g.kernelWidth();
            int q = tap % g.kernelWidth();
            offsets[t] = (p * g.dilationHeight() * width + q * g.dilationWidth()) * CHANNELS;
        }
        return offsets;
    }

    /** {@code dx[c][i][j] = src[padTop + i][padLeft + j][c]}: the interior of the channels-last gradient. */
    private static void channelsFirst(Conv2dGeometry g, float[] src, int srcOff, int width, float[] dx, int dxOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        for (int c = 0; c < g.inChannels(); c++) {
            int s = srcOff + (g.padTop() * width + g.padLeft()) * CHANNELS + c;
            int d = dxOff + c * h * w;
            for (int i = 0; i < h; i++) {
                for (int j = 0, at = s + i * width * CHANNELS; j < w; j++, at += CHANNELS) {
                    dx[d + i * w + j] = src[at];
                }
            }
        }
    }

    /**
     * For each {@code e < count} in order, {@code dst[steps[e] + taps[t0 + r] + c] += values[e] * w[r][c]}
     * for 13 taps from {@code t0} by two vectors of channels, the weights {@code w} at {@code wOff}.
     */
    private static void scatter13x2(int count, int[] steps, float[] values, float[] dst, int[] taps, int t0,
                                    float[] w, int wOff) {
        int d0 = taps[t0];
        int d1 = taps[t0 + 1];
        int d2 = taps[t0 + 2];
        int d3 = taps[t0 + 3];
        int d4 = taps[t0 + 4];
        int d5 = taps[t0 + 5];
        int d6 = taps[t0 + 6];
        int d7 = taps[t0 + 7];
        int d8 = taps[t0 + 8];
        int d9 = taps[t0 + 9];
        int d10 = taps[t0 + 10];
        int d11 = taps[t0 + 11];
        int d12 = taps[t0 + 12];
        FloatVector w0a = FloatVector.fromArray(S, w, wOff);
        FloatVector w0b = FloatVector.fromArray(S, w, wOff + L);
        FloatVector w1a = FloatVector.fromArray(S, w, wOff + 2 * L);
        FloatVector w1b = FloatVector.fromArray(S, w, wOff + 3 * L);
        FloatVector w2a = FloatVector.fromArray(S, w, wOff + 4 * L);
        FloatVector w2b = FloatVector.fromArray(S, w, wOff + 5 * L);
        FloatVector w3a = FloatVector.fromArray(S, w, wOff + 6 * L);
        FloatVector w3b = FloatVector.fromArray(S, w, wOff + 7 * L);
        FloatVector w4a = FloatVector.fromArray(S, w, wOff + 8 * L);
        FloatVector w4b = FloatVector.fromArray(S, w, wOff + 9 * L);
        FloatVector w5a = FloatVector.fromArray(S, w, wOff + 10 * L);
        FloatVector w5b = FloatVector.fromArray(S, w, wOff + 11 * L);
        FloatVector w6a = FloatVector.fromArray(S, w, wOff + 12 * L);
        FloatVector w6b = FloatVector.fromArray(S, w, wOff + 13 * L);
        FloatVector w7a = FloatVector.fromArray(S, w, wOff + 14 * L);
        FloatVector w7b = FloatVector.fromArray(S, w, wOff + 15 * L);
        FloatVector w8a = FloatVector.fromArray(S, w, wOff + 16 * L);
        FloatVector w8b = FloatVector.fromArray(S, w, wOff + 17 * L);
        FloatVector w9a = FloatVector.fromArray(S, w, wOff + 18 * L);
        FloatVector w9b = FloatVector.fromArray(S, w, wOff + 19 * L);
        FloatVector w10a = FloatVector.fromArray(S, w, wOff + 20 * L);
        FloatVector w10b = FloatVector.fromArray(S, w, wOff + 21 * L);
        FloatVector w11a = FloatVector.fromArray(S, w, wOff + 22 * L);
        FloatVector w11b = FloatVector.fromArray(S, w, wOff + 23 * L);
        FloatVector w12a = FloatVector.fromArray(S, w, wOff + 24 * L);
        FloatVector w12b = FloatVector.fromArray(S, w, wOff + 25 * L);
        for (int e = 0; e < count; e++) {
            int base = steps[e];
            FloatVector v = FloatVector.broadcast(S, values[e]);
            v.fma(w0a, FloatVector.fromArray(S, dst, base + d0)).intoArray(dst, base + d0);
            v.fma(w0b, FloatVector.fromArray(S, dst, base + d0 + L)).intoArray(dst, base + d0 + L);
            v.fma(w1a, FloatVector.fromArray(S, dst, base + d1)).intoArray(dst, base + d1);
            v.fma(w1b, FloatVector.fromArray(S, dst, base + d1 + L)).intoArray(dst, base + d1 + L);
            v.fma(w2a, FloatVector.fromArray(S, dst, base + d2)).intoArray(dst, base + d2);
            v.fma(w2b, FloatVector.fromArray(S, dst, base + d2 + L)).intoArray(dst, base + d2 + L);
            v.fma(w3a, FloatVector.fromArray(S, dst, base + d3)).intoArray(dst, base + d3);
            v.fma(w3b, FloatVector.fromArray(S, dst, base + d3 + L)).intoArray(dst, base + d3 + L);
            v.fma(w4a, FloatVector.fromArray(S, dst, base + d4)).intoArray(dst, base + d4);
            v.fma(w4b, FloatVector.fromArray(S, dst, base + d4 + L)).intoArray(dst, base + d4 + L);
            v.fma(w5a, FloatVector.fromArray(S, dst, base + d5)).intoArray(dst, base + d5);
            v.fma(w5b, FloatVector.fromArray(S, dst, base + d5 + L)).intoArray(dst, base + d5 + L);
            v.fma(w6a, FloatVector.fromArray(S, dst, base + d6)).intoArray(dst, base + d6);
            v.fma(w6b, FloatVector.fromArray(S, dst, base + d6 + L)).intoArray(dst, base + d6 + L);
            v.fma(w7a, FloatVector.fromArray(S, dst, base + d7)).intoArray(dst, base + d7);
            v.fma(w7b, FloatVector.fromArray(S, dst, base + d7 + L)).intoArray(dst, base + d7 + L);
            v.fma(w8a, FloatVector.fromArray(S, dst, base + d8)).intoArray(dst, base + d8);
            v.fma(w8b, FloatVector.fromArray(S, dst, base + d8 + L)).intoArray(dst, base + d8 + L);
            v.fma(w9a, FloatVector.fromArray(S, dst, base + d9)).intoArray(dst, base + d9);
            v.fma(w9b, FloatVector.fromArray(S, dst, base + d9 + L)).intoArray(dst, base + d9 + L);
            v.fma(w10a, FloatVector.fromArray(S, dst, base + d10)).intoArray(dst, base + d10);
            v.fma(w10b, FloatVector.fromArray(S, dst, base + d10 + L)).intoArray(dst, base + d10 + L);
            v.fma(w11a, FloatVector.fromArray(S, dst, base + d11)).intoArray(dst, base + d11);
            v.fma(w11b, FloatVector.fromArray(S, dst, base + d11 + L)).intoArray(dst, base + d11 + L);
            v.fma(w12a, FloatVector.fromArray(S, dst, base + d12)).intoArray(dst, base + d12);
            v.fma(w12b, FloatVector.fromArray(S, dst, base + d12 + L)).intoArray(dst, base + d12 + L);
        }
    }
}
