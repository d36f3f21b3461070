package org.nnj.core.backend;

import java.util.Arrays;
import org.nnj.api.backend.Conv2dGeometry;

/**
 * The lowering that turns a convolution into a matrix product, for one image at a time: {@link #im2col}
 * copies every receptive field of an image into a column of a {@code patchSize x outputPlaneSize} matrix
 * (rows ordered {@code (channel, kernel row, kernel column)}, which is the order of a weight row in the
 * {@code [out, in, kh, kw]} layout), so that {@code y = W * col}; {@link #col2im} is its adjoint and adds each
 * column back onto the positions it was copied from.
 *
 * <p>The loops write the matrix row by row, and for stride 1 each run of one output row is a single
 * {@link System#arraycopy}, the positions that fall into the zero padding being cleared around it. Other
 * backends may reuse this class as it is or mirror its loops; it has no state.
 */
public final class Im2col {
    private Im2col() {
    }

    /**
     * Writes the {@code g.patchSize() x g.outputPlaneSize()} matrix of image {@code x[xOff ...]}
     * ({@code [inChannels, inHeight, inWidth]}) into {@code col} from {@code colOff}, row-major:
     * {@code col[(c * kh + p) * kw + q][i * outWidth + j] = x[c, i * sh - padTop + p * dh, j * sw - padLeft + q * dw]},
     * or 0 where that position lies in the padding. Unchecked: the caller has validated the ranges.
     */
    public static void im2col(Conv2dGeometry g, float[] x, int xOff, float[] col, int colOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int sh = g.strideHeight();
        int sw = g.strideWidth();
        int row = colOff;
        for (int c = 0; c < g.inChannels(); c++) {
            int plane = xOff + c * h * w;
            for (int p = 0; p < kh; p++) {
                int rowShift = p * g.dilationHeight() - g.padTop();
                for (int q = 0; q < kw; q++) {
                    int colShift = q * g.dilationWidth() - g.padLeft();
                    int jFrom = Math.min(ow, firstInside(colShift, sw));
                    int jTo = Math.max(jFrom, lastInside(colShift, sw, w, ow));
                    for (int i = 0; i < oh; i++) {
                        int dst = row + i * ow;
                        int ih = i * sh + rowShift;
                        if (ih < 0 || ih >= h) {
                            Arrays.fill(col, dst, dst + ow, 0f);
                            continue;
                        }
                        Arrays.fill(col, dst, dst + jFrom, 0f);
                        int src = plane + ih * w + colShift;
                        if (sw == 1) {
                            System.arraycopy(x, src + jFrom, col, dst + jFrom, jTo - jFrom);
                        } else {
                            for (int j = jFrom; j < jTo; j++) {
                                col[dst + j] = x[src + j * sw];
                            }
                        }
                        Arrays.fill(col, dst + jTo, dst + ow, 0f);
                    }
                    row += oh * ow;
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col}: adds every element of the {@code g.patchSize() x g.outputPlaneSize()}
     * matrix {@code col} onto the position of image {@code dx} it was copied from (padding positions are
     * dropped). {@code dx} is not cleared first. Unchecked.
     */
    public static void col2im(Conv2dGeometry g, float[] col, int colOff, float[] dx, int dxOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int sh = g.strideHeight();
        int sw = g.strideWidth();
        int row = colOff;
        for (int c = 0; c < g.inChannels(); c++) {
            int plane = dxOff + c * h * w;
            for (int p = 0; p < kh; p++) {
                int rowShift = p * g.dilationHeight() - g.padTop();
                for (int q = 0; q < kw; q++) {
                    int colShift = q * g.dilationWidth() - g.padLeft();
                    int jFrom = Math.min(ow, firstInside(colShift, sw));
                    int jTo = Math.max(jFrom, lastInside(colShift, sw, w, ow));
                    for (int i = 0; i < oh; i++) {
                        int ih = i * sh + rowShift;
                        if (ih < 0 || ih >= h) {
                            continue;
                        }
                        int src = row + i * ow;
                        int dst = plane + ih * w + colShift;
                        if (sw == 1) {
                            for (int j = jFrom; j < jTo; j++) {
                                dx[dst + j] += col[src + j];
                            }
                        } else {
                            for (int j = jFrom; j < jTo; j++) {
                                dx[dst + j * sw] += col[src + j];
                            }
                        }
                    }
                    row += oh * ow;
                }
            }
        }
    }

    /** The first output column {@code j >= 0} whose input column {@code j * sw + shift} is not left of the image. */
    private static int firstInside(int shift, int sw) {
        return shift >= 0 ? 0 : (-shift + sw - 1) / sw;
    }

    /** One past the last output column {@code j < ow} whose input column {@code j * sw + shift} is left of {@code w}. */
    private static int lastInside(int shift, int sw, int w, int ow) {
        int limit = w - shift; // need j * sw < limit
        if (limit <= 0) {
            return 0;
        }
        return Math.min(ow, (limit + sw - 1) / sw);
    }
}
