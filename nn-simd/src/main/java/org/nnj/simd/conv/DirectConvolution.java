package org.nnj.simd.conv;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.simd.gemm.BroadcastTiles;
import org.nnj.simd.gemm.LaneBlocks;
import org.nnj.simd.parallel.WorkerPool;
import org.nnj.simd.species.Lanes;
import org.nnj.simd.species.Species;

/**
 * Convolutions as implicit GEMMs with the channels in the vector lanes: no im2col, no packing of the image.
 * {@link BroadcastTiles} reads every scalar of the patch matrix straight from the (zero-bordered) images at
 * {@code tapOffset + pixelOffset}, and multiplies it by a vector of weights (or of output gradients) for 16
 * channels at once.
 * <ul>
 *   <li>forward: a tile is {@code rows} output pixels (consecutive over the whole group of images, so only
 *       the group's last tile is partial) by up to 64 output channels; the steps are the {@code C * kh * kw}
 *       taps, the B operand the weights packed tap-major ({@code [tap][outChannel]}), and the tile's store
 *       adds the bias (the epilogue);</li>
 *   <li>backward data, stride 1: the same forward pass over the output gradient, zero-bordered by
 *       {@code dilation * (kernel - 1) - padding}, with the weights flipped in space and their channel
 *       axes swapped; so the lanes hold input channels and the depth is {@code O * kh * kw};</li>
 *   <li>backward weights: a tile is {@code rows} taps by up to 64 output channels; the steps are the group's
 *       output pixels, the B operand the output gradient transposed to {@code [pixel][outChannel]}; tiles add
 *       into a per-thread weight gradient laid out {@code [tap][outChannel]}, which is added into the
 *       caller's {@code [outChannel][tap]} gradient once at the end.</li>
 * </ul>
 * Threads split the batch into parts of consecutive images, as {@link ConvolutionPlan} does; the per-part
 * weight gradients are added in part order, so a result depends on the thread count but never on timing.
 * Used with 512-bit vectors only, where the 6 x 4-vector tile fits the 32 registers.
 */
final class DirectConvolution {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;
    private static final int TILE_FLOATS = BroadcastTiles.MAX_OUT;

    private DirectConvolution() {
    }

    /** True when the direct kernels run on this machine: with 512-bit vectors (and so 32 registers). */
    static boolean available() {
        return L == 16;
    }

    /**
     * True when {@code channels} in the lanes fill at least three quarters of the tile's vectors: 16, 32 or 64
     * channels fill them, while LeNet's 6 output channels would leave 10 of 16 lanes idle. Measured at batch
     * 64 (one thread, JDK 25, ms per call, direct against lowered): 6 output channels 0.75 against 0.37 (LeNet's
     * first layer, forward), 16 output channels 0.33 against 0.56 (its second), 6 input channels in the
     * backward-data pass 1.68 against 0.84.
     */
    static boolean fillsLanes(int channels) {
        return LaneBlocks.fills(channels);
    }

    /** True when the forward and weight-gradient passes of {@code g} run here. */
    static boolean suitsForward(Conv2dGeometry g) {
        return available() && fillsLanes(g.outChannels());
    }

    /** True when the backward-data pass of {@code g} runs here. */
    static boolean suitsBackwardData(Conv2dGeometry g) {
        return available() && backwardDataIsAConvolution(g) && fillsLanes(g.inChannels());
    }

    /**
     * True when the backward-data pass is a forward convolution of the output gradient: stride 1, and no
     * padding wider than the dilated kernel less one (the output gradient's border would be negative).
     */
    static boolean backwardDataIsAConvolution(Conv2dGeometry g) {
        int reachH = g.dilationHeight() * (g.kernelHeight() - 1);
        int reachW = g.dilationWidth() * (g.kernelWidth() - 1);
        return g.strideHeight() == 1 && g.strideWidth() == 1 && g.padTop() <= reachH && g.padBottom() <= reachH
                && g.padLeft() <= reachW && g.padRight() <= reachW;
    }

    // ---------------------------------------------------------------- forward

    static void forward(DirectPlan plan, Conv2dGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias,
                        int biasOff, float[] y, int yOff, float[] work, int workOff) {
        int k = g.patchSize();
        int outC = g.outChannels();
        int plane = g.outputPlaneSize();
        LaneBlocks blocks = new LaneBlocks(outC);
        packWeights(blocks, outC, k, w, wOff, work, workOff);
        int[] taps = taps(g.inChannels(), g.kernelHeight(), g.kernelWidth(), g.dilationHeight(), g.dilationWidth(),
                plan.sourceHeight(), plan.sourceWidth());
        int[] pixels = pixels(g.outHeight(), g.outWidth(), g.strideHeight(), g.strideWidth(), plan.sourceWidth());
        int imageFloats = plan.sourceImageFloats();
        WorkerPool.run(plan.parts(), part -> {
            int[] d = new int[BroadcastTiles.MAX_ROWS];
            float[] out = new float[TILE_FLOATS];
            int groupOff = workOff + plan.partOffset(part);
            int end = plan.firstImage(part + 1);
            for (int n0 = plan.firstImage(part); n0 < end; n0 += plan.forwardGroup()) {
                int images = Math.min(plan.forwardGroup(), end - n0);
                float[] src = x;
                int srcOff = xOff + n0 * g.inputImageSize();
                if (!g.unpadded()) {
                    pad(x, srcOff, images * g.inChannels(), g.inHeight(), g.inWidth(), g.padTop(), g.padBottom(),
                            g.padLeft(), g.padRight(), work, groupOff);
                    src = work;
                    srcOff = groupOff;
                }
                int yn = yOff + n0 * g.outputImageSize();
                tilesOverPixels(blocks, k, taps, pixels, plane, images, src, srcOff, imageFloats, work, workOff, d,
                        out, y, yn, outC, bias, biasOff);
            }
        });
    }

    // ---------------------------------------------------------------- backward data

    static void backwardData(DirectPlan plan, Conv2dGeometry g, float[] dy, int dyOff, float[] w, int wOff,
                             float[] dx, int dxOff, float[] work, int workOff) {
        int inC = g.inChannels();
        int outC = g.outChannels();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int depth = outC * kh * kw;
        int top = g.dilationHeight() * (kh - 1) - g.padTop();
        int bottom = g.dilationHeight() * (kh - 1) - g.padBottom();
        int left = g.dilationWidth() * (kw - 1) - g.padLeft();
        int right = g.dilationWidth() * (kw - 1) - g.padRight();
        int gh = g.outHeight() + top + bottom;
        int gw = g.outWidth() + left + right;
        LaneBlocks blocks = new LaneBlocks(inC);
        packFlippedWeights(blocks, g, w, wOff, work, workOff);
        int[] taps = taps(outC, kh, kw, g.dilationHeight(), g.dilationWidth(), gh, gw);
        int[] pixels = pixels(g.inHeight(), g.inWidth(), 1, 1, gw);
        int plane = g.inHeight() * g.inWidth();
        int imageFloats = outC * gh * gw;
        int[] rowSteps = fitsRowTiles(g, blocks) ? taps(outC, kh, 1, g.dilationHeight(), 1, gh, gw) : null;
        WorkerPool.run(plan.parts(), part -> {
            int[] d = new int[BroadcastTiles.MAX_ROWS];
            float[] out = new float[TILE_FLOATS];
            int groupOff = workOff + plan.partOffset(part);
            int end = plan.firstImage(part + 1);
            for (int n0 = plan.firstImage(part); n0 < end; n0 += plan.backwardDataGroup()) {
                int images = Math.min(plan.backwardDataGroup(), end - n0);
                pad(dy, dyOff + n0 * g.outputImageSize(), images * outC, g.outHeight(), g.outWidth(), top, bottom,
                        left, right, work, groupOff);
                int dxn = dxOff + n0 * g.inputImageSize();
                if (rowSteps != null) {
                    rowTiles(g, rowSteps, images, work, groupOff, imageFloats, gw, work, workOff, out, dx, dxn);
                } else {
                    tilesOverPixels(blocks, depth, taps, pixels, plane, images, work, groupOff, imageFloats, work,
                            workOff, d, out, dx, dxn, inC, null, 0);
                }
            }
        });
    }

    /**
     * True when {@link BroadcastTiles#row7x2w5} covers the backward-data pass: a kernel 5 wide with dilation 1
     * (stride 1 holds for every backward-data pass here), one block of two vectors of input channels (17 to
     * 32), rows a multiple of 7 wide. The CNN's second layer (32 channels, 14 wide) is such a case: its
     * plain tiles broadcast once per two FMAs and reached about 77 % of the FMA peak.
     */
    private static boolean fitsRowTiles(Conv2dGeometry g, LaneBlocks blocks) {
        return g.kernelWidth() == 5 && g.dilationWidth() == 1 && blocks.count() == 1 && blocks.vectors(0) == 2
                && g.inWidth() % 7 == 0;
    }

    /**
     * The backward-data pass in tiles of 7 pixels of one row by the (two vectors of) input channels, each
     * step one row of the flipped kernel ({@code rowSteps[(o, p)]}), stored to the NCHW input gradient.
     */
    private static void rowTiles(Conv2dGeometry g, int[] rowSteps, int images, float[] src, int srcOff,
                                 int imageFloats, int srcWidth, float[] packed, int packedOff, float[] out,
                                 float[] dx, int dxOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        int plane = h * w;
        int channels = g.inChannels();
        int stride = 2 * L;
        for (int m = 0; m < images; m++) {
            for (int i = 0; i < h; i++) {
                for (int j0 = 0; j0 < w; j0 += 7) {
                    int d = srcOff + m * imageFloats + i * srcWidth + j0;
                    BroadcastTiles.row7x2w5(rowSteps.length, rowSteps, src, d, packed, packedOff, out);
                    int at = dxOff + m * channels * plane + i * w + j0;
                    for (int j = 0; j < 7; j++) {
                        int o = j * stride;
                        for (int c = 0, e = at + j; c < channels; c++, e += plane) {
                            dx[e] = out[o + c];
                        }
                    }
                }
            }
        }
    }

    /**
     * The output-stationary pass shared by forward and backward data: for every tile of {@code rows}
     * consecutive pixels of the group's images, the tile over all {@code depth} steps, stored to the
     * NCHW result ({@code channels} planes of {@code plane} per image) with the bias, if any, added.
     */
    private static void tilesOverPixels(LaneBlocks blocks, int depth, int[] taps, int[] pixels, int plane,
                                        int images, float[] src, int srcOff, int imageFloats, float[] packed,
                                        int packedOff, int[] d, float[] out, float[] y, int yOff, int channels,
                                        float[] bias, int biasOff) {
        int total = images * plane;
        for (int b = 0; b < blocks.count(); b++) {
            int nv = blocks.vectors(b);
            int rows = BroadcastTiles.rows(nv);
            int stride = nv * L;
            int first = blocks.first(b);
            int width = blocks.width(b);
            int bOff = packedOff + blocks.offset(b, depth);
            for (int t0 = 0; t0 < total; t0 += rows) {
                int valid = Math.min(rows, total - t0);
                for (int r = 0; r < rows; r++) {
                    int t = t0 + Math.min(r, valid - 1);
                    int m = t / plane;
                    d[r] = srcOff + m * imageFloats + pixels[t - m * plane];
                }
                BroadcastTiles.tile(nv, 0, depth, taps, src, d, packed, bOff, out);
                for (int r = 0; r < valid; r++) {
                    int t = t0 + r;
                    int m = t / plane;
                    int at = yOff + (m * channels + first) * plane + t - m * plane;
                    int o = r * stride;
                    if (bias == null) {
                        for (int j = 0; j < width; j++, at += plane) {
                            y[at] = out[o + j];
                        }
                    } else {
                        for (int j = 0; j < width; j++, at += plane) {
                            y[at] = out[o + j] + bias[biasOff + first + j];
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- backward weights

    static void backwardWeights(DirectPlan plan, Conv2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                float[] dw, int dwOff, float[] db, int dbOff, float[] work, int workOff) {
        int k = g.patchSize();
        int outC = g.outChannels();
        int plane = g.outputPlaneSize();
        LaneBlocks blocks = new LaneBlocks(outC);
        int[] taps = taps(g.inChannels(), g.kernelHeight(), g.kernelWidth(), g.dilationHeight(), g.dilationWidth(),
                plan.sourceHeight(), plan.sourceWidth());
        int[] pixels = pixels(g.outHeight(), g.outWidth(), g.strideHeight(), g.strideWidth(), plan.sourceWidth());
        int imageFloats = plan.sourceImageFloats();
        int group = plan.weightsGroup();
        WorkerPool.run(plan.parts(), part -> {
            int[] d = new int[BroadcastTiles.MAX_ROWS];
            float[] out = new float[TILE_FLOATS];
            int[] pixelOffsets = new int[group * plane];
            int groupOff = workOff + plan.partOffset(part);
            int transposedOff = groupOff + plan.weightsImageFloats();
            int gradOff = transposedOff + blocks.size(group * plane);
            int biasGradOff = gradOff + blocks.size(k);
            Arrays.fill(work, gradOff, biasGradOff + outC, 0f);
            int end = plan.firstImage(part + 1);
            for (int n0 = plan.firstImage(part); n0 < end; n0 += group) {
                int images = Math.min(group, end - n0);
                int total = images * plane;
                float[] src = x;
                int srcOff = xOff + n0 * g.inputImageSize();
                if (!g.unpadded()) {
                    pad(x, srcOff, images * g.inChannels(), g.inHeight(), g.inWidth(), g.padTop(), g.padBottom(),
                            g.padLeft(), g.padRight(), work, groupOff);
                    src = work;
                    srcOff = groupOff;
                }
                for (int m = 0; m < images; m++) {
                    for (int p = 0; p < plane; p++) {
                        pixelOffsets[m * plane + p] = srcOff + m * imageFloats + pixels[p];
                    }
                }
                int dyn = dyOff + n0 * g.outputImageSize();
                transpose(blocks, dy, dyn, images, outC, plane, work, transposedOff);
                if (db != null) {
                    addRowSums(dy, dyn, images, outC, plane, work, biasGradOff);
                }
                for (int b = 0; b < blocks.count(); b++) {
                    int nv = blocks.vectors(b);
                    int rows = BroadcastTiles.rowsFor(nv, k);
                    int stride = nv * L;
                    int bOff = transposedOff + blocks.offset(b, total);
                    int gOff = gradOff + blocks.offset(b, k);
                    for (int k0 = 0; k0 < k; k0 += rows) {
                        int valid = Math.min(rows, k - k0);
                        for (int r = 0; r < rows; r++) {
                            d[r] = taps[k0 + Math.min(r, valid - 1)];
                        }
                        BroadcastTiles.tile(rows, nv, 0, total, pixelOffsets, src, d, work, bOff, stride, out);
                        for (int r = 0; r < valid; r++) {
                            addVectors(out, r * stride, work, gOff + (k0 + r) * stride, nv);
                        }
                    }
                }
            }
        });
        for (int part = 0; part < plan.parts(); part++) {
            int gradOff = workOff + plan.partOffset(part) + plan.weightsImageFloats() + blocks.size(group * plane);
            for (int b = 0; b < blocks.count(); b++) {
                int stride = blocks.stride(b);
                int first = blocks.first(b);
                int gOff = gradOff + blocks.offset(b, k);
                for (int j = 0; j < blocks.width(b); j++) {
                    int o = dwOff + (first + j) * k;
                    for (int t = 0; t < k; t++) {
                        dw[o + t] += work[gOff + t * stride + j];
                    }
                }
            }
            if (db != null) {
                Lowering.addRange(work, gradOff + blocks.size(k), db, dbOff, outC);
            }
        }
    }

    /**
     * {@code dst[[n, o]]}: the output gradient of {@code images} images, {@code [pixel][channel]} per block,
     * zeros in a block's lanes past its channels. 16 pixels by 16 channels at a time are transposed in
     * registers ({@link #transposeTile}), so both sides are whole-vector loads and stores; channels past a
     * multiple of 16 and pixels past a multiple of 16 are copied one by one. A copy one float at a time
     * costs about two cycles per float (a millisecond per batch in the CNN's first layer), the range checks
     * of its strided stores about as much as the copy itself. Only copies: the buffer is the same either way.
     */
    static void transpose(LaneBlocks blocks, float[] dy, int dyOff, int images, int channels, int plane,
                          float[] dst, int dstOff) {
        int total = images * plane;
        for (int b = 0; b < blocks.count(); b++) {
            int stride = blocks.stride(b);
            int first = blocks.first(b);
            int width = blocks.width(b);
            int bOff = dstOff + blocks.offset(b, total);
            if (width < stride) {
                Arrays.fill(dst, bOff, bOff + total * stride, 0f);
            }
            int tiledWidth = L == 16 ? width / L * L : 0;
            int tiledPlane = L == 16 ? plane / L * L : 0;
            for (int m = 0; m < images; m++) {
                int src = dyOff + (m * channels + first) * plane;
                int img = bOff + m * plane * stride;
                for (int j0 = 0; j0 < tiledWidth; j0 += L) {
                    for (int p0 = 0; p0 < tiledPlane; p0 += L) {
                        transposeTile(dy, src + j0 * plane + p0, plane, dst, img + p0 * stride + j0, stride);
                    }
                }
                copy(dy, src, plane, dst, img, stride, tiledWidth, width, 0, tiledPlane);
                copy(dy, src, plane, dst, img, stride, 0, width, tiledPlane, plane);
            }
        }
    }

    /**
     * {@code dst[t + p * stride + j] = src[s + j * plane + p]} for channels {@code j0 <= j < j1} and pixels
     * {@code p0 <= p < p1}: the edges the register tiles leave.
     */
    private static void copy(float[] src, int s, int plane, float[] dst, int t, int stride, int j0, int j1, int p0,
                             int p1) {
        for (int p = p0; p < p1; p++) {
            for (int j = j0; j < j1; j++) {
                dst[t + p * stride + j] = src[s + j * plane + p];
            }
        }
    }

    private static final VectorShuffle<Float> UP8 = VectorShuffle.fromOp(S, i -> (i - 8) & (L - 1));
    private static final VectorShuffle<Float> DOWN8 = VectorShuffle.fromOp(S, i -> (i + 8) & (L - 1));
    private static final VectorMask<Float> HIGH8 = VectorMask.fromLong(S, 0xff00L);
    private static final VectorShuffle<Float> UP4 = VectorShuffle.fromOp(S, i -> (i - 4) & (L - 1));
    private static final VectorShuffle<Float> DOWN4 = VectorShuffle.fromOp(S, i -> (i + 4) & (L - 1));
    private static final VectorMask<Float> HIGH4 = VectorMask.fromLong(S, 0xf0f0L);
    private static final VectorShuffle<Float> UP2 = VectorShuffle.fromOp(S, i -> (i - 2) & (L - 1));
    private static final VectorShuffle<Float> DOWN2 = VectorShuffle.fromOp(S, i -> (i + 2) & (L - 1));
    private static final VectorMask<Float> HIGH2 = VectorMask.fromLong(S, 0xccccL);
    private static final VectorShuffle<Float> UP1 = VectorShuffle.fromOp(S, i -> (i - 1) & (L - 1));
    private static final VectorShuffle<Float> DOWN1 = VectorShuffle.fromOp(S, i -> (i + 1) & (L - 1));
    private static final VectorMask<Float> HIGH1 = VectorMask.fromLong(S, 0xaaaaL);

    /**
     * Transposes 16 vectors ({@code src[s + i * plane ...+ 16)}, channel {@code i}) into 16 vectors
     * ({@code dst[t0 + p * stride ...+ 16)}, pixel {@code p}) in four butterfly stages: the stage of distance
     * {@code k} swaps, between rows {@code i} and {@code i + k}, the lanes in which bit {@code k} of the row
     * and of the lane differ, so after the four stages element {@code (i, p)} has moved to {@code (p, i)}.
     * 16 lanes only.
     */
    private static void transposeTile(float[] src, int s, int plane, float[] dst, int t0, int stride) {
        FloatVector v0 = FloatVector.fromArray(S, src, s);
        FloatVector v1 = FloatVector.fromArray(S, src, s + 1 * plane);
        FloatVector v2 = FloatVector.fromArray(S, src, s + 2 * plane);
        FloatVector v3 = FloatVector.fromArray(S, src, s + 3 * plane);
        FloatVector v4 = FloatVector.fromArray(S, src, s + 4 * plane);
        FloatVector v5 = FloatVector.fromArray(S, src, s + 5 * plane);
        FloatVector v6 = FloatVector.fromArray(S, src, s + 6 * plane);
        FloatVector v7 = FloatVector.fromArray(S, src, s + 7 * plane);
        FloatVector v8 = FloatVector.fromArray(S, src, s + 8 * plane);
        FloatVector v9 = FloatVector.fromArray(S, src, s + 9 * plane);
        FloatVector v10 = FloatVector.fromArray(S, src, s + 10 * plane);
        FloatVector v11 = FloatVector.fromArray(S, src, s + 11 * plane);
        FloatVector v12 = FloatVector.fromArray(S, src, s + 12 * plane);
        FloatVector v13 = FloatVector.fromArray(S, src, s + 13 * plane);
        FloatVector v14 = FloatVector.fromArray(S, src, s + 14 * plane);
        FloatVector v15 = FloatVector.fromArray(S, src, s + 15 * plane);
        FloatVector t;
        t = v0;
        v0 = t.blend(v8.rearrange(UP8), HIGH8);
        v8 = t.rearrange(DOWN8).blend(v8, HIGH8);
        t = v1;
        v1 = t.blend(v9.rearrange(UP8), HIGH8);
        v9 = t.rearrange(DOWN8).blend(v9, HIGH8);
        t = v2;
        v2 = t.blend(v10.rearrange(UP8), HIGH8);
        v10 = t.rearrange(DOWN8).blend(v10, HIGH8);
        t = v3;
        v3 = t.blend(v11.rearrange(UP8), HIGH8);
        v11 = t.rearrange(DOWN8).blend(v11, HIGH8);
        t = v4;
        v4 = t.blend(v12.rearrange(UP8), HIGH8);
        v12 = t.rearrange(DOWN8).blend(v12, HIGH8);
        t = v5;
        v5 = t.blend(v13.rearrange(UP8), HIGH8);
        v13 = t.rearrange(DOWN8).blend(v13, HIGH8);
        t = v6;
        v6 = t.blend(v14.rearrange(UP8), HIGH8);
        v14 = t.rearrange(DOWN8).blend(v14, HIGH8);
        t = v7;
        v7 = t.blend(v15.rearrange(UP8), HIGH8);
        v15 = t.rearrange(DOWN8).blend(v15, HIGH8);
        t = v0;
        v0 = t.blend(v4.rearrange(UP4), HIGH4);
        v4 = t.rearrange(DOWN4).blend(v4, HIGH4);
        t = v1;
        v1 = t.blend(v5.rearrange(UP4), HIGH4);
        v5 = t.rearrange(DOWN4).blend(v5, HIGH4);
        t = v2;
        v2 = t.blend(v6.rearrange(UP4), HIGH4);
        v6 = t.rearrange(DOWN4).blend(v6, HIGH4);
        t = v3;
        v3 = t.blend(v7.rearrange(UP4), HIGH4);
        v7 = t.rearrange(DOWN4).blend(v7, HIGH4);
        t = v8;
        v8 = t.blend(v12.rearrange(UP4), HIGH4);
        v12 = t.rearrange(DOWN4).blend(v12, HIGH4);
        t = v9;
        v9 = t.blend(v13.rearrange(UP4), HIGH4);
        v13 = t.rearrange(DOWN4).blend(v13, HIGH4);
        t = v10;
        v10 = t.blend(v14.rearrange(UP4), HIGH4);
        v14 = t.rearrange(DOWN4).blend(v14, HIGH4);
        t = v11;
        v11 = t.blend(v15.rearrange(UP4), HIGH4);
        v15 = t.rearrange(DOWN4).blend(v15, HIGH4);
        t = v0;
        v0 = t.blend(v2.rearrange(UP2), HIGH2);
        v2 = t.rearrange(DOWN2).blend(v2, HIGH2);
        t = v1;
        v1 = t.blend(v3.rearrange(UP2), HIGH2);
        v3 = t.rearrange(DOWN2).blend(v3, HIGH2);
        t = v4;
        v4 = t.blend(v6.rearrange(UP2), HIGH2);
        v6 = t.rearrange(DOWN2).blend(v6, HIGH2);
        t = v5;
        v5 = t.blend(v7.rearrange(UP2), HIGH2);
        v7 = t.rearrange(DOWN2).blend(v7, HIGH2);
        t = v8;
        v8 = t.blend(v10.rearrange(UP2), HIGH2);
        v10 = t.rearrange(DOWN2).blend(v10, HIGH2);
        t = v9;
        v9 = t.blend(v11.rearrange(UP2), HIGH2);
        v11 = t.rearrange(DOWN2).blend(v11, HIGH2);
        t = v12;
        v12 = t.blend(v14.rearrange(UP2), HIGH2);
        v14 = t.rearrange(DOWN2).blend(v14, HIGH2);
        t = v13;
        v13 = t.blend(v15.rearrange(UP2), HIGH2);
        v15 = t.rearrange(DOWN2).blend(v15, HIGH2);
        t = v0;
        v0 = t.blend(v1.rearrange(UP1), HIGH1);
        v1 = t.rearrange(DOWN1).blend(v1, HIGH1);
        t = v2;
        v2 = t.blend(v3.rearrange(UP1), HIGH1);
        v3 = t.rearrange(DOWN1).blend(v3, HIGH1);
        t = v4;
        v4 = t.blend(v5.rearrange(UP1), HIGH1);
        v5 = t.rearrange(DOWN1).blend(v5, HIGH1);
        t = v6;
        v6 = t.blend(v7.rearrange(UP1), HIGH1);
        v7 = t.rearrange(DOWN1).blend(v7, HIGH1);
        t = v8;
        v8 = t.blend(v9.rearrange(UP1), HIGH1);
        v9 = t.rearrange(DOWN1).blend(v9, HIGH1);
        t = v10;
        v10 = t.blend(v11.rearrange(UP1), HIGH1);
        v11 = t.rearrange(DOWN1).blend(v11, HIGH1);
        t = v12;
        v12 = t.blend(v13.rearrange(UP1), HIGH1);
        v13 = t.rearrange(DOWN1).blend(v13, HIGH1);
        t = v14;
        v14 = t.blend(v15.rearrange(UP1), HIGH1);
        v15 = t.rearrange(DOWN1).blend(v15, HIGH1);
        v0.intoArray(dst, t0);
        v1.intoArray(dst, t0 + 1 * stride);
        v2.intoArray(dst, t0 + 2 * stride);
        v3.intoArray(dst, t0 + 3 * stride);
        v4.intoArray(dst, t0 + 4 * stride);
        v5.intoArray(dst, t0 + 5 * stride);
        v6.intoArray(dst, t0 + 6 * stride);
        v7.intoArray(dst, t0 + 7 * stride);
        v8.intoArray(dst, t0 + 8 * stride);
        v9.intoArray(dst, t0 + 9 * stride);
        v10.intoArray(dst, t0 + 10 * stride);
        v11.intoArray(dst, t0 + 11 * stride);
        v12.intoArray(dst, t0 + 12 * stride);
        v13.intoArray(dst, t0 + 13 * stride);
        v14.intoArray(dst, t0 + 14 * stride);
        v15.intoArray(dst, t0 + 15 * stride);
    }

    /** {@code sums[o] += sum of the output gradient's plane o} over {@code images} images. */
    static void addRowSums(float[] dy, int dyOff, int images, int channels, int plane, float[] sums,
                                   int sumsOff) {
        for (int m = 0; m < images; m++) {
            for (int o = 0; o < channels; o++) {
                int s = dyOff + (m * channels + o) * plane;
                FloatVector acc = FloatVector.zero(S);
                int p = 0;
                for (int e = S.loopBound(plane); p < e; p += L) {
                    acc = acc.add(FloatVector.fromArray(S, dy, s + p));
                }
                float sum = Lanes.sum(acc);
                for (; p < plane; p++) {
                    sum += dy[s + p];
                }
                sums[sumsOff + o] += sum;
            }
        }
    }

    private static void addVectors(float[] src, int s, float[] dst, int d, int vectors) {
        for (int v = 0; v < vectors * L; v += L) {
            FloatVector.fromArray(S, dst, d + v).add(FloatVector.fromArray(S, src, s + v)).intoArray(dst, d + v);
        }
    }

    // ---------------------------------------------------------------- packing and tables

    /** {@code packed[block][tap][channel] = w[channel][tap]}, zeros in a block's lanes past its channels. */
    private static void packWeights(LaneBlocks blocks, int channels, int taps, float[] w, int wOff,
                                    float[] packed, int packedOff) {
        for (int b = 0; b < blocks.count(); b++) {
            int stride = blocks.stride(b);
            int first = blocks.first(b);
            int width = blocks.width(b);
            int bOff = packedOff + blocks.offset(b, taps);
            for (int t = 0; t < taps; t++) {
                int at = bOff + t * stride;
                for (int j = 0; j < width; j++) {
                    packed[at + j] = w[wOff + (first + j) * taps + t];
                }
                Arrays.fill(packed, at + width, at + stride, 0f);
            }
        }
    }

    /**
     * The weights of the backward-data pass: {@code packed[block][(o, p, q)][c] = w[o][c][kh-1-p][kw-1-q]},
     * the kernel flipped in space with the input channels in the lanes.
     */
    private static void packFlippedWeights(LaneBlocks blocks, Conv2dGeometry g, float[] w, int wOff,
                                           float[] packed, int packedOff) {
        int inC = g.inChannels();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int steps = g.outChannels() * kh * kw;
        for (int b = 0; b < blocks.count(); b++) {
            int stride = blocks.stride(b);
            int first = blocks.first(b);
            int width = blocks.width(b);
            int bOff = packedOff + blocks.offset(b, steps);
            for (int o = 0; o < g.outChannels(); o++) {
                for (int p = 0; p < kh; p++) {
                    for (int q = 0; q < kw; q++) {
                        int at = bOff + ((o * kh + p) * kw + q) * stride;
                        for (int j = 0; j < width; j++) {
                            packed[at + j] = w[wOff + (((o * inC + first + j) * kh + kh - 1 - p) * kw + kw - 1 - q)];
                        }
                        Arrays.fill(packed, at + width, at + stride, 0f);
                    }
                }
            }
        }
    }

    /** The offset of tap {@code (c, p, q)} in an image of {@code channels} planes of {@code height x width}. */
    static int[] taps(int channels, int kh, int kw, int dh, int dw, int height, int width) {
        int[] taps = new int[channels * kh * kw];
        int i = 0;
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < kh; p++) {
                for (int q = 0; q < kw; q++) {
                    taps[i++] = (c * height + p * dh) * width + q * dw;
                }
            }
        }
        return taps;
    }

    /** The offset of output pixel {@code (i, j)}'s first tap, in an image {@code width} floats wide. */
    static int[] pixels(int height, int widthOut, int sh, int sw, int width) {
        int[] pixels = new int[height * widthOut];
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < widthOut; j++) {
                pixels[i * widthOut + j] = i * sh * width + j * sw;
            }
        }
        return pixels;
    }

    /**
     * Copies {@code planes} planes of {@code h x w} at {@code src[srcOff]} into zero-bordered planes of
     * {@code (top + h + bottom) x (left + w + right)} at {@code dst[dstOff]}.
     *
     * <p>The models' rows are short (14 or 28 floats), so a row costs less in vectors than in calls to
     * {@link System#arraycopy} and {@link Arrays#fill}: a row is copied with whole vectors (the last one
     * ending at the row's end, or, in a row narrower than a vector, running past it), then one vector of
     * zeros from the row's end covers its right border and the next row's left one. What those vectors
     * spill past is written again later in the same call: the next row, or the bottom border and the next
     * plane. So the vectors run only while the side borders together fit one vector and the reads and
     * writes stay inside the source and destination ranges; the last rows fall back to the copies.
     */
    static void pad(float[] src, int srcOff, int planes, int h, int w, int top, int bottom, int left, int right,
                    float[] dst, int dstOff) {
        int pw = left + w + right;
        int ph = top + h + bottom;
        int srcEnd = srcOff + planes * h * w;
        int dstEnd = dstOff + planes * ph * pw;
        int span = Math.max(w, L);
        boolean sides = left + right <= L;
        for (int plane = 0; plane < planes; plane++) {
            int s = srcOff + plane * h * w;
            int d = dstOff + plane * ph * pw;
            Arrays.fill(dst, d, d + top * pw + left, 0f);
            for (int r = 0; r < h; r++) {
                int from = s + r * w;
                int at = d + (top + r) * pw + left;
                if (sides && from + span <= srcEnd && at + w + L <= dstEnd && at + span <= dstEnd) {
                    for (int c = 0; c < w - L; c += L) {
                        FloatVector.fromArray(S, src, from + c).intoArray(dst, at + c);
                    }
                    int c = Math.max(0, w - L);
                    FloatVector.fromArray(S, src, from + c).intoArray(dst, at + c);
                    FloatVector.zero(S).intoArray(dst, at + w);
                } else {
                    System.arraycopy(src, from, dst, at, w);
                    Arrays.fill(dst, at + w, at + w + right + (r + 1 < h ? left : 0), 0f);
                }
            }
            Arrays.fill(dst, d + (top + h) * pw, d + ph * pw, 0f);
        }
    }
}
