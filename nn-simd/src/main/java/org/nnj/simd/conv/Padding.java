package org.nnj.simd.conv;

import java.util.Arrays;
import org.nnj.api.backend.Pad2dGeometry;
import org.nnj.api.backend.PaddingMode;

/**
 * {@link org.nnj.api.backend.ConvolutionKernels#pad2d} and its backward pass, plane by plane. The forward
 * pass builds the padded copies of the input rows first (a row copy plus the few side elements), then fills
 * the top and bottom padding with whole copies of the padded rows they mirror or repeat, so every long
 * move is one {@link System#arraycopy}. The backward pass adds each padded row back onto its source row with
 * vector adds. Arguments are validated by the backend before these run.
 */
public final class Padding {
    private Padding() {
    }

    /** See {@link org.nnj.api.backend.ConvolutionKernels#pad2d}. */
    public static void pad(Pad2dGeometry g, float[] x, int xOff, float[] y, int yOff) {
        PaddingMode mode = g.mode();
        int h = g.height();
        int w = g.width();
        int ow = g.outWidth();
        int oh = g.outHeight();
        for (int plane = 0; plane < g.planes(); plane++) {
            int src = xOff + plane * h * w;
            int dst = yOff + plane * oh * ow;
            // The rows that hold the input, each with its side padding.
            for (int r = 0; r < h; r++) {
                int s = src + r * w;
                int d = dst + (g.top() + r) * ow;
                for (int j = 0; j < g.left(); j++) {
                    int sj = mode.sourceIndex(j - g.left(), w);
                    y[d + j] = sj < 0 ? 0f : x[s + sj];
                }
                System.arraycopy(x, s, y, d + g.left(), w);
                for (int j = 0; j < g.right(); j++) {
                    int sj = mode.sourceIndex(w + j, w);
                    y[d + g.left() + w + j] = sj < 0 ? 0f : x[s + sj];
                }
            }
            // The padding rows: copies of the padded rows they come from, or zeros.
            for (int i = 0; i < oh; i++) {
                if (i >= g.top() && i < g.top() + h) {
                    continue;
                }
                int d = dst + i * ow;
                int si = mode.sourceIndex(i - g.top(), h);
                if (si < 0) {
                    Arrays.fill(y, d, d + ow, 0f);
                } else {
                    System.arraycopy(y, dst + (g.top() + si) * ow, y, d, ow);
                }
            }
        }
    }

    /** See {@link org.nnj.api.backend.ConvolutionKernels#pad2dBackward}. */
    public static void padBackward(Pad2dGeometry g, float[] dy, int dyOff, float[] dx, int dxOff) {
        PaddingMode mode = g.mode();
        int h = g.height();
        int w = g.width();
        int ow = g.outWidth();
        int oh = g.outHeight();
        Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        for (int plane = 0; plane < g.planes(); plane++) {
            int src = dyOff + plane * oh * ow;
            int dst = dxOff + plane * h * w;
            for (int i = 0; i < oh; i++) {
                int si = mode.sourceIndex(i - g.top(), h);
                if (si < 0) {
                    continue;
                }
                int s = src + i * ow;
                int d = dst + si * w;
                Lowering.addRange(dy, s + g.left(), dx, d, w);
                for (int j = 0; j < g.left(); j++) {
                    int sj = mode.sourceIndex(j - g.left(), w);
                    if (sj >= 0) {
                        dx[d + sj] += dy[s + j];
                    }
                }
                for (int j = 0; j < g.right(); j++) {
                    int sj = mode.sourceIndex(w + j, w);
                    if (sj >= 0) {
                        dx[d + sj] += dy[s + g.left() + w + j];
                    }
                }
            }
        }
    }
}
