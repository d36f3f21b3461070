package org.nnj.simd.conv;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.simd.species.Species;

/**
 * The lowering of a convolution to a matrix product (im2col) and its adjoint (col2im), one image at a time,
 * into a matrix whose rows may be longer than one image so that several images sit side by side.
 *
 * <p>Row {@code (c * kh + p) * kw + q} of an image's block (the order of a weight row in the
 * {@code [out, in, kh, kw]} layout) holds, for every output position {@code (i, j)}, the input element
 * {@code x[c, i * sh - padTop + p * dh, j * sw - padLeft + q * dw]}, or 0 in the padding. For each row only
 * the ranges of {@code i} and {@code j} that fall inside the image are computed, once, so no element is
 * tested against the borders.
 *
 * <p>The copies are long where the layout allows: with stride 1 and an output as wide as the input (the
 * "same" convolutions), input and row advance in step, so a whole row of the matrix is one
 * {@link System#arraycopy} (a vectorised copy) followed by clearing the few columns that fall into the
 * left and right padding. Otherwise each output row is one copy (stride 1) or a strided loop. col2im adds
 * back with vector adds the same way.
 */
final class Lowering {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;

    private Lowering() {
    }

    /**
     * Writes the lowered matrix of image {@code x[xOff ...]} ({@code [inChannels, inHeight, inWidth]}):
     * row {@code r} of it is {@code col[colOff + r * ld ... + outputPlaneSize)}. Unchecked.
     */
    static void im2col(Conv2dGeometry g, float[] x, int xOff, float[] col, int colOff, int ld) {
        int h = g.inHeight();
        int w = g.inWidth();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int sh = g.strideHeight();
        int sw = g.strideWidth();
        int plane = oh * ow;
        int row = colOff;
        for (int c = 0; c < g.inChannels(); c++) {
            int src = xOff + c * h * w;
            for (int p = 0; p < g.kernelHeight(); p++) {
                int rowShift = p * g.dilationHeight() - g.padTop();
                int iFrom = Math.min(oh, firstInside(rowShift, sh));
                int iTo = Math.max(iFrom, endInside(rowShift, sh, h, oh));
                for (int q = 0; q < g.kernelWidth(); q++, row += ld) {
                    int colShift = q * g.dilationWidth() - g.padLeft();
                    int jFrom = Math.min(ow, firstInside(colShift, sw));
                    int jTo = Math.max(jFrom, endInside(colShift, sw, w, ow));
                    if (iFrom == iTo || jFrom == jTo) {
                        Arrays.fill(col, row, row + plane, 0f);
                        continue;
                    }
                    Arrays.fill(col, row, row + iFrom * ow, 0f);
                    Arrays.fill(col, row + iTo * ow, row + plane, 0f);
                    // Element (i, j) of this row reads input (i * sh + rowShift, j * sw + colShift).
                    int base = src + rowShift * w + colShift;
                    if (sh == 1 && sw == 1 && ow == w) {
                        // Input and row advance in step: one copy from the first to the last element inside,
                        // then the columns in the side padding (which got neighbouring pixels) cleared.
                        int from = iFrom * ow + jFrom;
                        int to = (iTo - 1) * ow + jTo;
                        System.arraycopy(x, base + from, col, row + from, to - from);
                        clearSides(col, row, ow, iFrom, iTo, jFrom, jTo);
                    } else if (sw == 1) {
                        for (int i = iFrom; i < iTo; i++) {
                            int d = row + i * ow;
                            Arrays.fill(col, d, d + jFrom, 0f);
                            System.arraycopy(x, base + i * sh * w + jFrom, col, d + jFrom, jTo - jFrom);
                            Arrays.fill(col, d + jTo, d + ow, 0f);
                        }
                    } else {
                        for (int i = iFrom; i < iTo; i++) {
                            int d = row + i * ow;
                            int s = base + i * sh * w;
                            Arrays.fill(col, d, d + jFrom, 0f);
                            for (int j = jFrom; j < jTo; j++) {
                                col[d + j] = x[s + j * sw];
                            }
                            Arrays.fill(col, d + jTo, d + ow, 0f);
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col}: adds every element of the lowered matrix of one image onto the input
     * position it was copied from; positions in the padding are dropped. {@code dx} is not cleared first.
     * The matrix is used as scratch: its elements that belong to the padding may be overwritten. Unchecked.
     */
    static void col2im(Conv2dGeometry g, float[] col, int colOff, int ld, float[] dx, int dxOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int sh = g.strideHeight();
        int sw = g.strideWidth();
        int row = colOff;
        for (int c = 0; c < g.inChannels(); c++) {
            int dst = dxOff + c * h * w;
            for (int p = 0; p < g.kernelHeight(); p++) {
                int rowShift = p * g.dilationHeight() - g.padTop();
                int iFrom = Math.min(oh, firstInside(rowShift, sh));
                int iTo = Math.max(iFrom, endInside(rowShift, sh, h, oh));
                for (int q = 0; q < g.kernelWidth(); q++, row += ld) {
                    int colShift = q * g.dilationWidth() - g.padLeft();
                    int jFrom = Math.min(ow, firstInside(colShift, sw));
                    int jTo = Math.max(jFrom, endInside(colShift, sw, w, ow));
                    if (iFrom == iTo || jFrom == jTo) {
                        continue;
                    }
                    int base = dst + rowShift * w + colShift;
                    if (sh == 1 && sw == 1 && ow == w) {
                        // One long add, after zeroing the padding columns so that they add nothing to the
                        // pixels at the other end of the neighbouring input row.
                        clearSides(col, row, ow, iFrom, iTo, jFrom, jTo);
                        int from = iFrom * ow + jFrom;
                        int to = (iTo - 1) * ow + jTo;
                        addRun(col, row + from, dx, base + from, to - from);
                    } else if (sw == 1) {
                        for (int i = iFrom; i < iTo; i++) {
                            addRun(col, row + i * ow + jFrom, dx, base + i * sh * w + jFrom, jTo - jFrom);
                        }
                    } else {
                        for (int i = iFrom; i < iTo; i++) {
                            int s = row + i * ow;
                            int d = base + i * sh * w;
                            for (int j = jFrom; j < jTo; j++) {
                                dx[d + j * sw] += col[s + j];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Zeroes columns {@code [0, jFrom)} and {@code [jTo, ow)} of rows {@code [iFrom, iTo)} of one lowered row. */
    private static void clearSides(float[] col, int row, int ow, int iFrom, int iTo, int jFrom, int jTo) {
        if (jFrom == 0 && jTo == ow) {
            return;
        }
        for (int i = iFrom; i < iTo; i++) {
            int d = row + i * ow;
            for (int j = 0; j < jFrom; j++) {
                col[d + j] = 0f;
            }
            for (int j = jTo; j < ow; j++) {
                col[d + j] = 0f;
            }
        }
    }

    /** {@code dst[d, d + n) += src[s, s + n)}. */
    static void addRun(float[] src, int s, float[] dst, int d, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, dst, d + i).add(FloatVector.fromArray(S, src, s + i)).intoArray(dst, d + i);
        }
        for (; i < n; i++) {
            dst[d + i] += src[s + i];
        }
    }

    /** The first output index {@code i >= 0} whose input index {@code i * stride + shift} is not before 0. */
    private static int firstInside(int shift, int stride) {
        return shift >= 0 ? 0 : (-shift + stride - 1) / stride;
    }

    /** One past the last output index {@code i < out} whose input index {@code i * stride + shift} is before {@code size}. */
    private static int endInside(int shift, int stride, int size, int out) {
        int limit = size - shift;
        if (limit <= 0) {
            return 0;
        }
        return Math.min(out, (limit + stride - 1) / stride);
    }
}
