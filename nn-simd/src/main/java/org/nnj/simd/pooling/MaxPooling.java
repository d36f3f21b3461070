package org.nnj.simd.pooling;

import java.util.Arrays;
import org.nnj.api.backend.Pool2dGeometry;

/**
 * Max pooling, forward and backward, with PyTorch's choices (see
 * {@link org.nnj.api.backend.PoolingKernels}): the winner of a window is its first largest element in
 * row-major order, or its last NaN; the backward pass finds the winners again from the forward input.
 *
 * <p>Windows are clipped to the input once per row and column, so the inner loops test no borders. The
 * models' 2x2 windows with stride 2 and no padding have their own loops, which compare the four elements
 * of a window with conditional moves instead of branches (a branch on random data is mispredicted half the
 * time). Arguments are validated by the backend before these run.
 */
public final class MaxPooling {
    private MaxPooling() {
    }

    /** See {@link org.nnj.api.backend.PoolingKernels#maxPool2dForward}. */
    public static void forward(Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        if (Windows.isPairs(g)) {
            forwardPairs(g, x, xOff, y, yOff);
            return;
        }
        int h = g.inHeight();
        int w = g.inWidth();
        int out = yOff;
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = xOff + plane * h * w;
            for (int i = 0; i < g.outHeight(); i++) {
                for (int j = 0; j < g.outWidth(); j++) {
                    y[out++] = x[winner(g, x, base, i, j)];
                }
            }
        }
    }

    /** See {@link org.nnj.api.backend.PoolingKernels#maxPool2dBackward}. */
    public static void backward(Pool2dGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        if (Windows.isPairs(g)) {
            backwardPairs(g, x, xOff, dy, dyOff, dx, dxOff);
            return;
        }
        int h = g.inHeight();
        int w = g.inWidth();
        int shift = dxOff - xOff; // the element of dx at the same place as an element of x
        int out = dyOff;
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = xOff + plane * h * w;
            for (int i = 0; i < g.outHeight(); i++) {
                for (int j = 0; j < g.outWidth(); j++) {
                    dx[winner(g, x, base, i, j) + shift] += dy[out++];
                }
            }
        }
    }

    /** The index in {@code x} of the winner of window {@code (i, j)} of the plane at {@code base}. */
    private static int winner(Pool2dGeometry g, float[] x, int base, int i, int j) {
        int w = g.inWidth();
        int r0 = i * g.strideHeight() - g.padHeight();
        int c0 = j * g.strideWidth() - g.padWidth();
        int r1 = Math.min(r0 + g.kernelHeight(), g.inHeight());
        int c1 = Math.min(c0 + g.kernelWidth(), w);
        r0 = Math.max(r0, 0);
        c0 = Math.max(c0, 0);
        int best = base + r0 * w + c0;
        float max = x[best];
        for (int r = r0; r < r1; r++) {
            for (int at = base + r * w + c0, stop = base + r * w + c1; at < stop; at++) {
                float v = x[at];
                if (v > max || v != v) {
                    max = v;
                    best = at;
                }
            }
        }
        return best;
    }

    /** The 2x2, stride-2 forward pass: each output from its four inputs, in row-major order. */
    private static void forwardPairs(Pool2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        int oh = g.outHeight();
        int ow = g.outWidth();
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = xOff + plane * h * w;
            int out = yOff + plane * oh * ow;
            for (int i = 0; i < oh; i++) {
                int top = base + 2 * i * w;
                int bottom = top + w;
                int o = out + i * ow;
                for (int j = 0; j < ow; j++) {
                    float m = x[top + 2 * j];
                    m = wins(x[top + 2 * j + 1], m) ? x[top + 2 * j + 1] : m;
                    m = wins(x[bottom + 2 * j], m) ? x[bottom + 2 * j] : m;
                    m = wins(x[bottom + 2 * j + 1], m) ? x[bottom + 2 * j + 1] : m;
                    y[o + j] = m;
                }
            }
        }
    }

    /** The 2x2, stride-2 backward pass: windows do not overlap, so each winner gets exactly one gradient. */
    private static void backwardPairs(Pool2dGeometry g, float[] x, int xOff, float[] dy, int dyOff,
                                      float[] dx, int dxOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int shift = dxOff - xOff;
        for (int plane = 0; plane < g.planes(); plane++) {
            int base = xOff + plane * h * w;
            int out = dyOff + plane * oh * ow;
            for (int i = 0; i < oh; i++) {
                int top = base + 2 * i * w;
                int bottom = top + w;
                int o = out + i * ow;
                for (int j = 0; j < ow; j++) {
                    int at = top + 2 * j;
                    float m = x[at];
                    boolean win = wins(x[at + 1], m);
                    m = win ? x[at + 1] : m;
                    at = win ? at + 1 : at;
                    win = wins(x[bottom + 2 * j], m);
                    m = win ? x[bottom + 2 * j] : m;
                    at = win ? bottom + 2 * j : at;
                    win = wins(x[bottom + 2 * j + 1], m);
                    at = win ? bottom + 2 * j + 1 : at;
                    dx[at + shift] = dy[o + j];
                }
            }
        }
    }

    /** PyTorch's test: a later element takes the window when it is larger or NaN. */
    private static boolean wins(float v, float max) {
        return v > max || v != v;
    }
}
