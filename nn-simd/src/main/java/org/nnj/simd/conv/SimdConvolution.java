package org.nnj.simd.conv;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.simd.SimdSettings;
import org.nnj.simd.gemm.Sgemm;
import org.nnj.simd.parallel.WorkerPool;
import org.nnj.simd.species.Lanes;
import org.nnj.simd.species.Species;

/**
 * The SIMD backend's convolutions: {@link Lowering im2col} of a group of images side by side, one SIMD GEMM
 * per group, and the result scattered back to NCHW. With {@code K = patchSize}, {@code O = outChannels} and
 * {@code Q = group * outputPlaneSize} columns:
 * <ul>
 *   <li>forward: {@code Y[O, Q] = W[O, K] * col[K, Q]}, copied to each image's planes with the bias added;</li>
 *   <li>backward data: {@code dcol[K, Q] = W^T * dY[O, Q]} (the group's output gradients gathered side by
 *       side), folded back into each image with col2im;</li>
 *   <li>backward weights: {@code dW[O, K] += dY[O, Q] * col[K, Q]^T}, the bias gradient the row sums of
 *       {@code dY}.</li>
 * </ul>
 * A group of one image needs no gathering: its NCHW planes already are {@code Y} and {@code dY}. A 1x1 kernel
 * with stride 1 and no padding needs no lowering: the image is {@code col}.
 *
 * <p>Threads: see {@link ConvolutionPlan}; the batch is split into parts that run on the shared
 * {@link WorkerPool} with single-threaded GEMMs, or, when the batch is too small to split, one part runs
 * GEMMs that split themselves. Stateless and thread-safe; every call works in the caller's workspace only.
 * Arguments are validated by the backend before these run.
 */
public final class SimdConvolution {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;

    /**
     * Whether the {@link DirectConvolution direct kernels} may be used: {@code -Dnnj.simd.conv=lowered} turns
     * them off, so that the two can be measured against each other.
     */
    private static final boolean DIRECT = !"lowered".equals(System.getProperty("nnj.simd.conv"));

    /**
     * Whether a mostly-zero output gradient may take the sparse passes ({@link SparseWeightGradient},
     * {@link SparseDataGradient}): see {@link SimdSettings#SPARSE}.
     */
    private static final boolean SPARSE = SimdSettings.get().sparse();

    private final int threads;

    /** Convolutions that may use up to {@code threads} threads per call. */
    public SimdConvolution(int threads) {
        this.threads = threads;
    }

    /** See {@link org.nnj.api.backend.ConvolutionKernels#conv2dWorkspaceSize}. */
    public int workspaceSize(Conv2dGeometry g) {
        int lowered = ConvolutionPlan.of(g, threads).workspaceSize();
        boolean direct = DIRECT && (DirectConvolution.suitsForward(g) || DirectConvolution.suitsBackwardData(g)
                || PixelConvolution.suits(g));
        return direct ? Math.max(lowered, DirectPlan.of(g, threads).workspaceSize()) : lowered;
    }

    /** See {@link org.nnj.api.backend.ConvolutionKernels#conv2dForward}. */
    public void forward(Conv2dGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                        float[] y, int yOff, float[] work, int workOff) {
        if (DIRECT && PixelConvolution.suits(g)) {
            PixelConvolution.forward(DirectPlan.of(g, threads), g, x, xOff, w, wOff, bias, biasOff, y, yOff, work,
                    workOff);
            return;
        }
        if (DIRECT && DirectConvolution.suitsForward(g)) {
            DirectConvolution.forward(DirectPlan.of(g, threads), g, x, xOff, w, wOff, bias, biasOff, y, yOff, work,
                    workOff);
            return;
        }
        ConvolutionPlan plan = ConvolutionPlan.of(g, threads);
        int k = g.patchSize();
        int outC = g.outChannels();
        int plane = g.outputPlaneSize();
        WorkerPool.run(plan.parts(), part -> {
            int colOff = workOff + plan.columnOffset(part);
            int gatherOff = workOff + plan.gatherOffset(part);
            int end = plan.firstImage(g.batch(), part + 1);
            for (int n0 = plan.firstImage(g.batch(), part); n0 < end; n0 += plan.group()) {
                int images = Math.min(plan.group(), end - n0);
                int cols = images * plane;
                float[] b = work;
                int bOff = colOff;
                if (plan.columnSize() == 0) {
                    b = x;
                    bOff = xOff + n0 * g.inputImageSize();
                } else {
                    lower(g, plan, part, x, xOff, n0, images, work, workOff);
                }
                if (images == 1) {
                    int yn = yOff + n0 * g.outputImageSize();
                    Sgemm.gemm(plan.gemmThreads(), false, false, outC, plane, k, 1f, w, wOff, k, b, bOff, plane,
                            0f, y, yn, plane);
                    if (bias != null) {
                        for (int o = 0; o < outC; o++) {
                            addScalar(bias[biasOff + o], y, yn + o * plane, plane);
                        }
                    }
                } else {
                    Sgemm.gemm(plan.gemmThreads(), false, false, outC, cols, k, 1f, w, wOff, k, b, bOff, cols,
                            0f, work, gatherOff, cols);
                    scatter(g, work, gatherOff, images, bias, biasOff, y, yOff + n0 * g.outputImageSize());
                }
            }
        });
    }

    /** See {@link org.nnj.api.backend.ConvolutionKernels#conv2dBackwardData}. */
    public void backwardData(Conv2dGeometry g, float[] dy, int dyOff, float[] w, int wOff,
                             float[] dx, int dxOff, float[] work, int workOff) {
        if (DIRECT && DirectConvolution.suitsBackwardData(g)) {
            DirectPlan plan = DirectPlan.of(g, threads);
            if (SPARSE && SparseDataGradient.suits(g) && SparseDataGradient.pays(threads, g, dy, dyOff, w, wOff)) {
                SparseDataGradient.backwardData(plan, g, dy, dyOff, w, wOff, dx, dxOff, work, workOff);
            } else {
                DirectConvolution.backwardData(plan, g, dy, dyOff, w, wOff, dx, dxOff, work, workOff);
            }
            return;
        }
        ConvolutionPlan plan = ConvolutionPlan.of(g, threads);
        int k = g.patchSize();
        int outC = g.outChannels();
        int plane = g.outputPlaneSize();
        WorkerPool.run(plan.parts(), part -> {
            int colOff = workOff + plan.columnOffset(part);
            int gatherOff = workOff + plan.gatherOffset(part);
            int end = plan.firstImage(g.batch(), part + 1);
            for (int n0 = plan.firstImage(g.batch(), part); n0 < end; n0 += plan.group()) {
                int images = Math.min(plan.group(), end - n0);
                int cols = images * plane;
                int dxn = dxOff + n0 * g.inputImageSize();
                float[] a = dy;
                int aOff = dyOff + n0 * g.outputImageSize();
                if (images > 1) {
                    gather(g, dy, aOff, images, work, gatherOff);
                    a = work;
                    aOff = gatherOff;
                }
                if (plan.columnSize() == 0) {
                    // dx_n[K, P] = W^T * dy_n: the image is its own lowered matrix (and groups are single images).
                    Sgemm.gemm(plan.gemmThreads(), true, false, k, plane, outC, 1f, w, wOff, k, a, aOff, plane,
                            0f, dx, dxn, plane);
                    continue;
                }
                Sgemm.gemm(plan.gemmThreads(), true, false, k, cols, outC, 1f, w, wOff, k, a, aOff, cols,
                        0f, work, colOff, cols);
                if (g.unpadded()) {
                    int dxEnd = dxn + images * g.inputImageSize();
                    Arrays.fill(dx, dxn, dxEnd, 0f);
                    Lowering.col2im(g, work, colOff, images, dx, dxn, g.inputImageSize(), g.inHeight(), g.inWidth(),
                            true, dxEnd);
                } else {
                    int padOff = workOff + plan.paddedOffset(part);
                    Arrays.fill(work, padOff, padOff + plan.paddedSize(), 0f);
                    Lowering.col2im(g, work, colOff, images, work, padOff, Lowering.paddedImageSize(g),
                            Lowering.paddedHeight(g), Lowering.paddedWidth(g), false, padOff + plan.paddedSize());
                    Lowering.unpad(g, work, padOff, images, dx, dxn);
                }
            }
        });
    }

    /** See {@link org.nnj.api.backend.ConvolutionKernels#conv2dBackwardWeights}. */
    public void backwardWeights(Conv2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                float[] dw, int dwOff, float[] db, int dbOff, float[] work, int workOff) {
        if (DIRECT && DirectConvolution.suitsForward(g)) {
            DirectPlan plan = DirectPlan.of(g, threads);
            if (SPARSE && SparseWeightGradient.suits(g)
                    && SparseWeightGradient.pays(threads, g, x, xOff, dy, dyOff)) {
                SparseWeightGradient.backwardWeights(plan, g, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, work, workOff);
            } else {
                DirectConvolution.backwardWeights(plan, g, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, work, workOff);
            }
            return;
        }
        ConvolutionPlan plan = ConvolutionPlan.of(g, threads);
        int k = g.patchSize();
        int outC = g.outChannels();
        int plane = g.outputPlaneSize();
        WorkerPool.run(plan.parts(), part -> {
            int colOff = workOff + plan.columnOffset(part);
            int gatherOff = workOff + plan.gatherOffset(part);
            // Part 0 adds straight into the caller's gradients, the others into zeroed partial sums.
            float[] gw = dw;
            int gwOff = dwOff;
            float[] gb = db;
            int gbOff = dbOff;
            if (part > 0) {
                gw = work;
                gwOff = workOff + plan.partialOffset(part);
                gb = db == null ? null : work;
                gbOff = gwOff + g.weightSize();
                Arrays.fill(work, gwOff, gwOff + plan.partialSize(), 0f);
            }
            int end = plan.firstImage(g.batch(), part + 1);
            for (int n0 = plan.firstImage(g.batch(), part); n0 < end; n0 += plan.group()) {
                int images = Math.min(plan.group(), end - n0);
                int cols = images * plane;
                float[] b = work;
                int bOff = colOff;
                if (plan.columnSize() == 0) {
                    b = x;
                    bOff = xOff + n0 * g.inputImageSize();
                } else {
                    lower(g, plan, part, x, xOff, n0, images, work, workOff);
                }
                float[] a = dy;
                int aOff = dyOff + n0 * g.outputImageSize();
                if (images > 1) {
                    gather(g, dy, aOff, images, work, gatherOff);
                    a = work;
                    aOff = gatherOff;
                }
                if (plan.rowDots()) {
                    // Few weights: dot products along the rows of dY and col.
                    RowDots.accumulate(outC, k, cols, a, aOff, cols, b, bOff, cols, gw, gwOff, k);
                } else {
                    // dW[O, K] += dY[O, Q] * col[K, Q]^T
                    Sgemm.gemm(plan.gemmThreads(), false, true, outC, k, cols, 1f, a, aOff, cols, b, bOff, cols,
                            1f, gw, gwOff, k);
                }
                if (gb != null) {
                    for (int o = 0; o < outC; o++) {
                        gb[gbOff + o] += sum(a, aOff + o * cols, cols);
                    }
                }
            }
        });
        for (int part = 1; part < plan.parts(); part++) {
            int off = workOff + plan.partialOffset(part);
            Lowering.addRange(work, off, dw, dwOff, g.weightSize());
            if (db != null) {
                Lowering.addRange(work, off + g.weightSize(), db, dbOff, outC);
            }
        }
    }

    /**
     * The lowered matrix of images {@code [n0, n0 + images)} side by side in part {@code part}'s columns
     * (image {@code m} fills columns {@code m * P ...}), lowered from zero-bordered copies when the
     * convolution is padded.
     */
    private static void lower(Conv2dGeometry g, ConvolutionPlan plan, int part, float[] x, int xOff, int n0,
                              int images, float[] work, int workOff) {
        int colOff = workOff + plan.columnOffset(part);
        int xn = xOff + n0 * g.inputImageSize();
        if (g.unpadded()) {
            Lowering.im2col(g, x, xn, g.inputImageSize(), g.inHeight(), g.inWidth(), images, work, colOff);
            return;
        }
        int padOff = workOff + plan.paddedOffset(part);
        Lowering.pad(g, x, xn, images, work, padOff);
        Lowering.im2col(g, work, padOff, Lowering.paddedImageSize(g), Lowering.paddedHeight(g),
                Lowering.paddedWidth(g), images, work, colOff);
    }

    /** Copies the {@code [O, P]} planes of {@code images} images from {@code src} side by side into {@code [O, images * P]}. */
    private static void gather(Conv2dGeometry g, float[] src, int srcOff, int images, float[] dst, int dstOff) {
        int plane = g.outputPlaneSize();
        int cols = images * plane;
        for (int m = 0; m < images; m++) {
            for (int o = 0; o < g.outChannels(); o++) {
                System.arraycopy(src, srcOff + m * g.outputImageSize() + o * plane, dst, dstOff + o * cols + m * plane,
                        plane);
            }
        }
    }

    /** The inverse of {@link #gather}, adding the bias on the way. */
    private static void scatter(Conv2dGeometry g, float[] src, int srcOff, int images, float[] bias, int biasOff,
                                float[] y, int yOff) {
        int plane = g.outputPlaneSize();
        int cols = images * plane;
        for (int o = 0; o < g.outChannels(); o++) {
            for (int m = 0; m < images; m++) {
                int s = srcOff + o * cols + m * plane;
                int d = yOff + m * g.outputImageSize() + o * plane;
                if (bias == null) {
                    System.arraycopy(src, s, y, d, plane);
                } else {
                    addScalarCopy(src, s, bias[biasOff + o], y, d, plane);
                }
            }
        }
    }

    /** {@code x[off, off + n) += v}. */
    private static void addScalar(float v, float[] x, int off, int n) {
        FloatVector bv = FloatVector.broadcast(S, v);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, off + i).add(bv).intoArray(x, off + i);
        }
        for (; i < n; i++) {
            x[off + i] += v;
        }
    }

    /** {@code dst[d, d + n) = src[s, s + n) + v}. */
    private static void addScalarCopy(float[] src, int s, float v, float[] dst, int d, int n) {
        FloatVector bv = FloatVector.broadcast(S, v);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, src, s + i).add(bv).intoArray(dst, d + i);
        }
        for (; i < n; i++) {
            dst[d + i] = src[s + i] + v;
        }
    }

    /** The sum of {@code x[off, off + n)}, in vector lanes. */
    private static float sum(float[] x, int off, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            acc = acc.add(FloatVector.fromArray(S, x, off + i));
        }
        float s = Lanes.sum(acc);
        for (; i < n; i++) {
            s += x[off + i];
        }
        return s;
    }
}
