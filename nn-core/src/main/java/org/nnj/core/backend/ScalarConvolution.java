package org.nnj.core.backend;

import java.util.Arrays;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.Conv2dGeometry;

/**
 * The scalar backend's convolutions: {@link Im2col} per image into the workspace, then one GEMM per image,
 * {@code y_n[out, P] = W[out, K] * col_n[K, P]} (with {@code K = patchSize}, {@code P = outputPlaneSize}),
 * which lands directly in NCHW order. The backward passes reuse the same lowering:
 * {@code dcol_n = W^T * dy_n} folded back with {@link Im2col#col2im}, and {@code dW += dy_n * col_n^T}.
 *
 * <p>A 1x1 kernel with stride 1 and no padding needs no lowering: the image is its own im2col matrix.
 *
 * <h2>Threads</h2>
 * A batch large enough to pay for it is split by images over up to {@code threads} parts, each with its own
 * slice of the workspace and single-threaded GEMMs; the weight gradient of part {@code p > 0} goes to a
 * partial sum in the workspace, added into {@code dw} in part order at the end, so the result depends on
 * the thread count but never on timing. A single part runs the backend's own (row-parallel) GEMM.
 */
final class ScalarConvolution {
    /** Below this many multiply-adds per call, the batch is not split. */
    private static final long PARALLEL_THRESHOLD = 1L << 18;

    private final ComputeBackend backend;
    private final ComputeBackend singleThreaded;
    private final int threads;

    ScalarConvolution(ComputeBackend backend, ComputeBackend singleThreaded) {
        this.backend = backend;
        this.singleThreaded = singleThreaded;
        this.threads = backend.threads();
    }

    int workspaceSize(Conv2dGeometry g) {
        int parts = parts(g);
        long size = (long) parts * columnSize(g) + (long) (parts - 1) * partialSize(g);
        if (size > Integer.MAX_VALUE) {
            throw new ShapeException("conv2d: the workspace would need " + size
                    + " floats, more than an array can hold, for " + g);
        }
        return (int) size;
    }

    /** How many parts a call of geometry {@code g} is split into. */
    private int parts(Conv2dGeometry g) {
        long work = (long) g.batch() * g.outChannels() * g.patchSize() * g.outputPlaneSize();
        if (threads == 1 || g.batch() < 2 || work < PARALLEL_THRESHOLD) {
            return 1;
        }
        return Math.min(threads, g.batch());
    }

    private static boolean pointwise(Conv2dGeometry g) {
        return g.kernelHeight() == 1 && g.kernelWidth() == 1 && g.strideHeight() == 1 && g.strideWidth() == 1
                && g.unpadded();
    }

    /** The floats of one im2col matrix, 0 when the image itself serves. */
    private static int columnSize(Conv2dGeometry g) {
        return pointwise(g) ? 0 : g.patchSize() * g.outputPlaneSize();
    }

    /** The floats of one partial weight-and-bias gradient. */
    private static int partialSize(Conv2dGeometry g) {
        return g.weightSize() + g.outChannels();
    }

    void forward(Conv2dGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                 float[] y, int yOff, float[] work, int workOff) {
        int parts = parts(g);
        int k = g.patchSize();
        int plane = g.outputPlaneSize();
        int colSize = columnSize(g);
        WorkerPool.run(parts, part -> {
            ComputeBackend gemm = parts == 1 ? backend : singleThreaded;
            int colOff = workOff + part * colSize;
            for (int n = from(g, part, parts); n < to(g, part, parts); n++) {
                int xn = xOff + n * g.inputImageSize();
                int yn = yOff + n * g.outputImageSize();
                float[] b = work;
                int bOff = colOff;
                if (colSize == 0) {
                    b = x;
                    bOff = xn;
                } else {
                    Im2col.im2col(g, x, xn, work, colOff);
                }
                gemm.gemm(false, false, g.outChannels(), plane, k, 1f, w, wOff, k, b, bOff, plane, 0f, y, yn, plane);
                if (bias != null) {
                    for (int o = 0; o < g.outChannels(); o++) {
                        float bo = bias[biasOff + o];
                        int row = yn + o * plane;
                        for (int p = 0; p < plane; p++) {
                            y[row + p] += bo;
                        }
                    }
                }
            }
        });
    }

    void backwardData(Conv2dGeometry g, float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff,
                      float[] work, int workOff) {
        int parts = parts(g);
        int k = g.patchSize();
        int plane = g.outputPlaneSize();
        int colSize = columnSize(g);
        WorkerPool.run(parts, part -> {
            ComputeBackend gemm = parts == 1 ? backend : singleThreaded;
            int colOff = workOff + part * colSize;
            for (int n = from(g, part, parts); n < to(g, part, parts); n++) {
                int dxn = dxOff + n * g.inputImageSize();
                int dyn = dyOff + n * g.outputImageSize();
                if (colSize == 0) {
                    // dx_n[K, P] = W^T * dy_n: the image is its own column matrix.
                    gemm.gemm(true, false, k, plane, g.outChannels(), 1f, w, wOff, k, dy, dyn, plane, 0f, dx, dxn, plane);
                    continue;
                }
                gemm.gemm(true, false, k, plane, g.outChannels(), 1f, w, wOff, k, dy, dyn, plane, 0f, work, colOff, plane);
                Arrays.fill(dx, dxn, dxn + g.inputImageSize(), 0f);
                Im2col.col2im(g, work, colOff, dx, dxn);
            }
        });
    }

    void backwardWeights(Conv2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                         float[] dw, int dwOff, float[] db, int dbOff, float[] work, int workOff) {
        int parts = parts(g);
        int k = g.patchSize();
        int plane = g.outputPlaneSize();
        int outC = g.outChannels();
        int colSize = columnSize(g);
        int partialsOff = workOff + parts * colSize;
        int partialSize = partialSize(g);
        WorkerPool.run(parts, part -> {
            ComputeBackend gemm = parts == 1 ? backend : singleThreaded;
            int colOff = workOff + part * colSize;
            // Part 0 adds straight into the caller's gradients, the others into zeroed partial sums.
            float[] gw = dw;
            int gwOff = dwOff;
            float[] gb = db;
            int gbOff = dbOff;
            if (part > 0) {
                gw = work;
                gwOff = partialsOff + (part - 1) * partialSize;
                gb = db == null ? null : work;
                gbOff = gwOff + g.weightSize();
                Arrays.fill(work, gwOff, gwOff + partialSize, 0f);
            }
            for (int n = from(g, part, parts); n < to(g, part, parts); n++) {
                int xn = xOff + n * g.inputImageSize();
                int dyn = dyOff + n * g.outputImageSize();
                float[] b = work;
                int bOff = colOff;
                if (colSize == 0) {
                    b = x;
                    bOff = xn;
                } else {
                    Im2col.im2col(g, x, xn, work, colOff);
                }
                // dW[out, K] += dy_n[out, P] * col_n[K, P]^T
                gemm.gemm(false, true, outC, k, plane, 1f, dy, dyn, plane, b, bOff, plane, 1f, gw, gwOff, k);
                if (gb != null) {
                    for (int o = 0; o < outC; o++) {
                        int row = dyn + o * plane;
                        float sum = 0f;
                        for (int p = 0; p < plane; p++) {
                            sum += dy[row + p];
                        }
                        gb[gbOff + o] += sum;
                    }
                }
            }
        });
        for (int part = 1; part < parts; part++) {
            int off = partialsOff + (part - 1) * partialSize;
            for (int i = 0; i < g.weightSize(); i++) {
                dw[dwOff + i] += work[off + i];
            }
            if (db != null) {
                for (int o = 0; o < outC; o++) {
                    db[dbOff + o] += work[off + g.weightSize() + o];
                }
            }
        }
    }

    private static int from(Conv2dGeometry g, int part, int parts) {
        return (int) ((long) g.batch() * part / parts);
    }

    private static int to(Conv2dGeometry g, int part, int parts) {
        return (int) ((long) g.batch() * (part + 1) / parts);
    }
}
