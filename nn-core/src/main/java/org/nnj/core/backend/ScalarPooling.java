package org.nnj.core.backend;

import java.util.Arrays;
import org.nnj.api.backend.Pad2dGeometry;
import org.nnj.api.backend.PaddingMode;
import org.nnj.api.backend.Pool2dGeometry;

/**
 * The scalar backend's pooling and padding kernels: plain loops over planes and windows. Every window is
 * clipped to the input once, so the inner loops have no bounds tests. Stateless; arguments are checked by
 * {@link ScalarBackend} before these run.
 */
final class ScalarPooling {
    private ScalarPooling() {
    }

    static void maxForward(Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        int out = yOff;
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = xOff + plane * h * w;
            for (int i = 0; i < g.outHeight(); i++) {
                for (int j = 0; j < g.outWidth(); j++) {
                    y[out++] = x[argmax(g, x, base, i, j)];
                }
            }
        }
    }

    static void maxBackward(Pool2dGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        int out = dyOff;
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = xOff + plane * h * w;
            int shift = dxOff - xOff; // the same element of dx as of x
            for (int i = 0; i < g.outHeight(); i++) {
                for (int j = 0; j < g.outWidth(); j++) {
                    dx[argmax(g, x, base, i, j) + shift] += dy[out++];
                }
            }
        }
    }

    /**
     * The index in {@code x} of the maximum of window {@code (i, j)} of the plane at {@code base}: the first
     * one in row-major order, or the last NaN, with PyTorch's comparison {@code v > max || isNaN(v)}.
     */
    private static int argmax(Pool2dGeometry g, float[] x, int base, int i, int j) {
        int w = g.inWidth();
        int r0 = i * g.strideHeight() - g.padHeight();
        int c0 = j * g.strideWidth() - g.padWidth();
        int r1 = Math.min(r0 + g.kernelHeight(), g.inHeight());
        int c1 = Math.min(c0 + g.kernelWidth(), w);
        r0 = Math.max(r0, 0);
        c0 = Math.max(c0, 0);
        int best = base + r0 * w + c0;
        float max = Float.NEGATIVE_INFINITY;
        for (int r = r0; r < r1; r++) {
            int row = base + r * w;
            for (int c = c0; c < c1; c++) {
                float v = x[row + c];
                if (v > max || Float.isNaN(v)) {
                    max = v;
                    best = row + c;
                }
            }
        }
        return best;
    }

    static void avgForward(Pool2dGeometry g, boolean countIncludePad, float[] x, int xOff, float[] y, int yOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        int out = yOff;
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = xOff + plane * h * w;
            for (int i = 0; i < g.outHeight(); i++) {
                int r0 = i * g.strideHeight() - g.padHeight();
                int r1 = Math.min(r0 + g.kernelHeight(), h);
                r0 = Math.max(r0, 0);
                for (int j = 0; j < g.outWidth(); j++) {
                    int c0 = j * g.strideWidth() - g.padWidth();
                    int c1 = Math.min(c0 + g.kernelWidth(), w);
                    c0 = Math.max(c0, 0);
                    float sum = 0f;
                    for (int r = r0; r < r1; r++) {
                        int row = base + r * w;
                        for (int c = c0; c < c1; c++) {
                            sum += x[row + c];
                        }
                    }
                    y[out++] = sum / divisor(g, countIncludePad, r0, r1, c0, c1);
                }
            }
        }
    }

    static void avgBackward(Pool2dGeometry g, boolean countIncludePad, float[] dy, int dyOff, float[] dx, int dxOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        int out = dyOff;
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = dxOff + plane * h * w;
            for (int i = 0; i < g.outHeight(); i++) {
                int r0 = i * g.strideHeight() - g.padHeight();
                int r1 = Math.min(r0 + g.kernelHeight(), h);
                r0 = Math.max(r0, 0);
                for (int j = 0; j < g.outWidth(); j++) {
                    int c0 = j * g.strideWidth() - g.padWidth();
                    int c1 = Math.min(c0 + g.kernelWidth(), w);
                    c0 = Math.max(c0, 0);
                    float share = dy[out++] / divisor(g, countIncludePad, r0, r1, c0, c1);
                    for (int r = r0; r < r1; r++) {
                        int row = base + r * w;
                        for (int c = c0; c < c1; c++) {
                            dx[row + c] += share;
                        }
                    }
                }
            }
        }
    }

    /**
     * The kernel area with padding counted (in floor mode no window reaches past the padding, so that is
     * always {@code kh * kw}), else the clipped window's area.
     */
    private static float divisor(Pool2dGeometry g, boolean countIncludePad, int r0, int r1, int c0, int c1) {
        return countIncludePad ? g.kernelHeight() * g.kernelWidth() : (r1 - r0) * (c1 - c0);
    }

    static void pad(Pad2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        PaddingMode mode = g.mode();
        int h = g.height();
        int w = g.width();
        int ow = g.outWidth();
        int out = yOff;
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = xOff + plane * h * w;
            for (int i = 0; i < g.outHeight(); i++) {
                int si = mode.sourceIndex(i - g.top(), h);
                if (si < 0) {
                    Arrays.fill(y, out, out + ow, 0f);
                    out += ow;
                    continue;
                }
                int row = base + si * w;
                for (int j = 0; j < g.left(); j++) {
                    int sj = mode.sourceIndex(j - g.left(), w);
                    y[out++] = sj < 0 ? 0f : x[row + sj];
                }
                System.arraycopy(x, row, y, out, w);
                out += w;
                for (int j = 0; j < g.right(); j++) {
                    int sj = mode.sourceIndex(w + j, w);
                    y[out++] = sj < 0 ? 0f : x[row + sj];
                }
            }
        }
    }

    static void padBackward(Pad2dGeometry g, float[] dy, int dyOff, float[] dx, int dxOff) {
        PaddingMode mode = g.mode();
        int h = g.height();
        int w = g.width();
        Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        int in = dyOff;
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = dxOff + plane * h * w;
            for (int i = 0; i < g.outHeight(); i++) {
                int si = mode.sourceIndex(i - g.top(), h);
                if (si < 0) {
                    in += g.outWidth();
                    continue;
                }
                int row = base + si * w;
                for (int j = 0; j < g.left(); j++) {
                    int sj = mode.sourceIndex(j - g.left(), w);
                    if (sj >= 0) {
                        dx[row + sj] += dy[in];
                    }
                    in++;
                }
                for (int j = 0; j < w; j++) {
                    dx[row + j] += dy[in++];
                }
                for (int j = 0; j < g.right(); j++) {
                    int sj = mode.sourceIndex(w + j, w);
                    if (sj >= 0) {
                        dx[row + sj] += dy[in];
                    }
                    in++;
                }
            }
        }
    }
}
