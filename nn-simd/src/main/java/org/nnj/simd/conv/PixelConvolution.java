package org.nnj.simd.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.simd.gemm.LaneBlocks;
import org.nnj.simd.parallel.WorkerPool;
import org.nnj.simd.species.Species;

/**
 * The forward pass of convolutions with a short patch (few input channels: a model's first layer) with
 * the output pixels in the vector lanes: each step of the tile is one kernel tap, whose 16 consecutive
 * pixels of an output row are one unaligned load from the zero-bordered image, multiplied by the tap's
 * weight for each of 6 output channels (broadcast straight from the weights). The result is already in
 * the NCHW layout, so a tile ends in whole-vector stores with the bias added.
 *
 * <p>{@link DirectConvolution} puts the channels in the lanes instead, which suits deep patches; with a
 * patch of 25 (one input channel, 5x5) its tiles would spend more time storing their scattered results
 * than multiplying, and 6 output channels (LeNet) would leave most lanes idle.
 *
 * <p>A row of {@code outWidth} pixels is covered by vectors starting at 0, 16, ... and one ending at the
 * row's end, which may overlap the one before it: the overlapping lanes are computed twice and stored twice
 * with the same value. Images, groups and threads are cut as in {@link DirectPlan}.
 */
final class PixelConvolution {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;
    /** Patches up to this many taps are short enough that the channel tiles would be store-bound. */
    static final int MAX_SHORT_PATCH = 64;

    private PixelConvolution() {
    }

    /**
     * True when the forward pass of {@code g} runs here: 512-bit vectors, stride 1 along rows at least a vector
     * wide, and a short patch or too few output channels to fill the channel tiles' lanes.
     */
    static boolean suits(Conv2dGeometry g) {
        return DirectConvolution.available() && g.strideWidth() == 1 && g.outWidth() >= L
                && (g.patchSize() <= MAX_SHORT_PATCH || !LaneBlocks.fills(g.outChannels()));
    }

    static void forward(DirectPlan plan, Conv2dGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias,
                        int biasOff, float[] y, int yOff, float[] work, int workOff) {
        int k = g.patchSize();
        int outC = g.outChannels();
        int ow = g.outWidth();
        int plane = g.outputPlaneSize();
        int[] taps = DirectConvolution.taps(g.inChannels(), g.kernelHeight(), g.kernelWidth(), g.dilationHeight(),
                g.dilationWidth(), plan.sourceHeight(), plan.sourceWidth());
        int perRow = (ow + L - 1) / L;
        int positions = g.outHeight() * perRow;
        int[] source = new int[positions];
        int[] target = new int[positions];
        for (int i = 0; i < g.outHeight(); i++) {
            for (int v = 0; v < perRow; v++) {
                int j = Math.min(v * L, ow - L);
                source[i * perRow + v] = i * g.strideHeight() * plan.sourceWidth() + j;
                target[i * perRow + v] = i * ow + j;
            }
        }
        int imageFloats = plan.sourceImageFloats();
        WorkerPool.run(plan.parts(), part -> {
            int[] d = new int[6];
            int[] e = new int[4];
            int[] at = new int[4];
            float[] out = new float[24 * L];
            int groupOff = workOff + plan.partOffset(part);
            int end = plan.firstImage(part + 1);
            for (int n0 = plan.firstImage(part); n0 < end; n0 += plan.forwardGroup()) {
                int images = Math.min(plan.forwardGroup(), end - n0);
                float[] src = x;
                int srcOff = xOff + n0 * g.inputImageSize();
                if (!g.unpadded()) {
                    DirectConvolution.pad(x, srcOff, images * g.inChannels(), g.inHeight(), g.inWidth(), g.padTop(),
                            g.padBottom(), g.padLeft(), g.padRight(), work, groupOff);
                    src = work;
                    srcOff = groupOff;
                }
                int total = images * positions;
                int yn = yOff + n0 * g.outputImageSize();
                for (int o0 = 0; o0 < outC; o0 += 6) {
                    int rows = Math.min(6, outC - o0);
                    for (int r = 0; r < 6; r++) {
                        d[r] = wOff + (o0 + Math.min(r, rows - 1)) * k;
                    }
                    for (int p0 = 0; p0 < total; p0 += 4) {
                        int valid = Math.min(4, total - p0);
                        for (int v = 0; v < 4; v++) {
                            int p = p0 + Math.min(v, valid - 1);
                            int m = p / positions;
                            e[v] = srcOff + m * imageFloats + source[p - m * positions];
                            at[v] = yn + m * g.outputImageSize() + target[p - m * positions];
                        }
                        tile6x4(0, k, taps, src, e, w, d, out);
                        for (int r = 0; r < rows; r++) {
                            FloatVector b = FloatVector.broadcast(S, bias == null ? 0f : bias[biasOff + o0 + r]);
                            int o = (o0 + r) * plane;
                            for (int v = 0; v < valid; v++) {
                                FloatVector.fromArray(S, out, (r * 4 + v) * L).add(b).intoArray(y, at[v] + o);
                            }
                        }
                    }
                }
            }
        });
    }

    /**
     * 6 rows of weights by 4 vectors of pixels: {@code out[r][v] += a[d[r] + k] * b[offsets[k] + e[v] ...+ LANES)}.
     */
    private static void tile6x4(int k0, int k1, int[] offsets, float[] b, int[] e, float[] a, int[] d, float[] out) {
        int e0 = e[0];
        int e1 = e[1];
        int e2 = e[2];
        int e3 = e[3];
        int d0 = d[0];
        int d1 = d[1];
        int d2 = d[2];
        int d3 = d[3];
        int d4 = d[4];
        int d5 = d[5];
        FloatVector c0_0 = FloatVector.zero(S);
        FloatVector c0_1 = FloatVector.zero(S);
        FloatVector c0_2 = FloatVector.zero(S);
        FloatVector c0_3 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S);
        FloatVector c1_1 = FloatVector.zero(S);
        FloatVector c1_2 = FloatVector.zero(S);
        FloatVector c1_3 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S);
        FloatVector c2_1 = FloatVector.zero(S);
        FloatVector c2_2 = FloatVector.zero(S);
        FloatVector c2_3 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S);
        FloatVector c3_1 = FloatVector.zero(S);
        FloatVector c3_2 = FloatVector.zero(S);
        FloatVector c3_3 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S);
        FloatVector c4_1 = FloatVector.zero(S);
        FloatVector c4_2 = FloatVector.zero(S);
        FloatVector c4_3 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S);
        FloatVector c5_1 = FloatVector.zero(S);
        FloatVector c5_2 = FloatVector.zero(S);
        FloatVector c5_3 = FloatVector.zero(S);
        for (int k = k0; k < k1; k++) {
            int base = offsets[k];
            FloatVector b0 = FloatVector.fromArray(S, b, base + e0);
            FloatVector b1 = FloatVector.fromArray(S, b, base + e1);
            FloatVector b2 = FloatVector.fromArray(S, b, base + e2);
            FloatVector b3 = FloatVector.fromArray(S, b, base + e3);
            FloatVector a0 = FloatVector.broadcast(S, a[d0 + k]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            c0_2 = a0.fma(b2, c0_2);
            c0_3 = a0.fma(b3, c0_3);
            FloatVector a1 = FloatVector.broadcast(S, a[d1 + k]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            c1_2 = a1.fma(b2, c1_2);
            c1_3 = a1.fma(b3, c1_3);
            FloatVector a2 = FloatVector.broadcast(S, a[d2 + k]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            c2_2 = a2.fma(b2, c2_2);
            c2_3 = a2.fma(b3, c2_3);
            FloatVector a3 = FloatVector.broadcast(S, a[d3 + k]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            c3_2 = a3.fma(b2, c3_2);
            c3_3 = a3.fma(b3, c3_3);
            FloatVector a4 = FloatVector.broadcast(S, a[d4 + k]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            c4_2 = a4.fma(b2, c4_2);
            c4_3 = a4.fma(b3, c4_3);
            FloatVector a5 = FloatVector.broadcast(S, a[d5 + k]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
            c5_2 = a5.fma(b2, c5_2);
            c5_3 = a5.fma(b3, c5_3);
        }
        c0_0.intoArray(out, 0);
        c0_1.intoArray(out, L);
        c0_2.intoArray(out, 2 * L);
        c0_3.intoArray(out, 3 * L);
        c1_0.intoArray(out, 4 * L);
        c1_1.intoArray(out, 5 * L);
        c1_2.intoArray(out, 6 * L);
        c1_3.intoArray(out, 7 * L);
        c2_0.intoArray(out, 8 * L);
        c2_1.intoArray(out, 9 * L);
        c2_2.intoArray(out, 10 * L);
        c2_3.intoArray(out, 11 * L);
        c3_0.intoArray(out, 12 * L);
        c3_1.intoArray(out, 13 * L);
        c3_2.intoArray(out, 14 * L);
        c3_3.intoArray(out, 15 * L);
        c4_0.intoArray(out, 16 * L);
        c4_1.intoArray(out, 17 * L);
        c4_2.intoArray(out, 18 * L);
        c4_3.intoArray(out, 19 * L);
        c5_0.intoArray(out, 20 * L);
        c5_1.intoArray(out, 21 * L);
        c5_2.intoArray(out, 22 * L);
        c5_3.intoArray(out, 23 * L);
    }
}
