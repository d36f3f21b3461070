package org.nnj.simd.pooling;

import java.util.Arrays;
import org.nnj.api.backend.Pool2dGeometry;

/**
 * Average pooling, forward and backward (see {@link org.nnj.api.backend.PoolingKernels} for the divisor).
 * Windows are clipped to the input once, so the inner loops test no borders; in floor mode no window
 * reaches past the padding, so with {@code countIncludePad} the divisor is always the kernel's area. 2x2
 * windows with stride 2 and no padding have their own loops. Arguments are validated by the backend
 * before these run.
 */
public final class AvgPooling {
    private AvgPooling() {
    }

    /** See {@link org.nnj.api.backend.PoolingKernels#avgPool2dForward}. */
    public static void forward(Pool2dGeometry g, boolean countIncludePad, float[] x, int xOff, float[] y, int yOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        int oh = g.outHeight();
        int ow = g.outWidth();
        if (Windows.isPairs(g)) {
            for (int plane = 0; plane < g.planes(); plane++) {
                int base = xOff + plane * h * w;
                int out = yOff + plane * oh * ow;
                for (int i = 0; i < oh; i++) {
                    int top = base + 2 * i * w;
                    int bottom = top + w;
                    for (int j = 0; j < ow; j++) {
                        float sum = x[top + 2 * j] + x[top + 2 * j + 1] + x[bottom + 2 * j] + x[bottom + 2 * j + 1];
                        y[out + i * ow + j] = sum * 0.25f;
                    }
                }
            }
            return;
        }
        int out = yOff;
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = xOff + plane * h * w;
            for (int i = 0; i < oh; i++) {
                int r0 = Math.max(0, i * g.strideHeight() - g.padHeight());
                int r1 = Math.min(h, i * g.strideHeight() - g.padHeight() + g.kernelHeight());
                for (int j = 0; j < ow; j++) {
                    int c0 = Math.max(0, j * g.strideWidth() - g.padWidth());
                    int c1 = Math.min(w, j * g.strideWidth() - g.padWidth() + g.kernelWidth());
                    float sum = 0f;
                    for (int r = r0; r < r1; r++) {
                        for (int at = base + r * w + c0, stop = base + r * w + c1; at < stop; at++) {
                            sum += x[at];
                        }
                    }
                    y[out++] = sum / divisor(g, countIncludePad, r1 - r0, c1 - c0);
                }
            }
        }
    }

    /** See {@link org.nnj.api.backend.PoolingKernels#avgPool2dBackward}. */
    public static void backward(Pool2dGeometry g, boolean countIncludePad, float[] dy, int dyOff,
                                float[] dx, int dxOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        int oh = g.outHeight();
        int ow = g.outWidth();
        Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        if (Windows.isPairs(g)) {
            for (int plane = 0; plane < g.planes(); plane++) {
                int base = dxOff + plane * h * w;
                int out = dyOff + plane * oh * ow;
                for (int i = 0; i < oh; i++) {
                    int top = base + 2 * i * w;
                    int bottom = top + w;
                    for (int j = 0; j < ow; j++) {
                        float share = dy[out + i * ow + j] * 0.25f;
                        dx[top + 2 * j] = share;
                        dx[top + 2 * j + 1] = share;
                        dx[bottom + 2 * j] = share;
                        dx[bottom + 2 * j + 1] = share;
                    }
                }
            }
            return;
        }
        int out = dyOff;
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = dxOff + plane * h * w;
            for (int i = 0; i < oh; i++) {
                int r0 = Math.max(0, i * g.strideHeight() - g.padHeight());
                int r1 = Math.min(h, i * g.strideHeight() - g.padHeight() + g.kernelHeight());
                for (int j = 0; j < ow; j++) {
                    int c0 = Math.max(0, j * g.strideWidth() - g.padWidth());
                    int c1 = Math.min(w, j * g.strideWidth() - g.padWidth() + g.kernelWidth());
                    float share = dy[out++] / divisor(g, countIncludePad, r1 - r0, c1 - c0);
                    for (int r = r0; r < r1; r++) {
                        for (int at = base + r * w + c0, stop = base + r * w + c1; at < stop; at++) {
                            dx[at] += share;
                        }
                    }
                }
            }
        }
    }

    private static float divisor(Pool2dGeometry g, boolean countIncludePad, int rows, int cols) {
        return countIncludePad ? g.kernelHeight() * g.kernelWidth() : rows * cols;
    }
}
