package org.nnj.simd.conv;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.nnj.api.backend.Conv2dGeometry;
import org.nnj.simd.species.Species;

/**
 * The lowering of a convolution to a matrix product (im2col) and its adjoint (col2im), for a group of
 * images whose lowered matrices sit side by side.
 *
 * <p>Row {@code (c * kh + p) * kw + q} of the lowered matrix (the order of a weight row in the
 * {@code [out, in, kh, kw]} layout) holds, in the columns of image {@code m}, the input element
 * {@code x[m, c, i * sh - padTop + p * dh, j * sw - padLeft + q * dw]} for every output position
 * {@code (i, j)}, or 0 in the padding.
 *
 * <h2>How the copies stay vector-wide</h2>
 * A padded convolution first copies its images into a zero-bordered buffer ({@link #pad}); from then on
 * every output row of every kernel tap is a run of {@code outWidth} consecutive elements of one padded row
 * (with stride 1), with no border to test. Each run is copied with whole vectors, the last of which may
 * write past the run: the rows are written in increasing order (taps, then images, then output rows), so
 * whatever lands past a run is overwritten by the run written after it, and the caller leaves
 * {@link #SLACK} floats after the matrix for the very last one. col2im adds runs back the same way, with
 * the lanes past a run loaded as zeros, into a zeroed padded buffer ({@link #unpad} copies its interior
 * out) or, for an unpadded convolution, straight into the caller's gradient, where a run whose vector would
 * leave the image falls back to scalar adds.
 *
 * <p>A stride in the width makes the runs strided; those are copied element by element.
 */
final class Lowering {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = Species.LANES;
    /** Floats a caller leaves writable after a lowered matrix or padded buffer for the last vector to spill into. */
    static final int SLACK = L;

    private Lowering() {
    }

    /** {@code inHeight + padTop + padBottom}. */
    static int paddedHeight(Conv2dGeometry g) {
        return g.inHeight() + g.padTop() + g.padBottom();
    }

    /** {@code inWidth + padLeft + padRight}. */
    static int paddedWidth(Conv2dGeometry g) {
        return g.inWidth() + g.padLeft() + g.padRight();
    }

    /** Floats of one zero-bordered image, {@code inChannels * paddedHeight * paddedWidth}. */
    static int paddedImageSize(Conv2dGeometry g) {
        return g.inChannels() * paddedHeight(g) * paddedWidth(g);
    }

    /**
     * Copies {@code images} consecutive images from {@code x[xOff ...]} into zero-bordered ones at
     * {@code xp[xpOff ...]} ({@link #paddedImageSize} floats each), writing up to {@link #SLACK} floats past
     * the last.
     */
    static void pad(Conv2dGeometry g, float[] x, int xOff, int images, float[] xp, int xpOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        int wp = paddedWidth(g);
        int gap = g.padRight() + g.padLeft(); // from the end of one row's pixels to the start of the next's
        int planes = images * g.inChannels();
        for (int plane = 0; plane < planes; plane++) {
            int s = xOff + plane * h * w;
            int d = xpOff + plane * paddedHeight(g) * wp;
            int first = d + g.padTop() * wp + g.padLeft();
            Arrays.fill(xp, d, first, 0f);
            for (int r = 0; r < h; r++) {
                int at = first + r * wp;
                copyRun(x, s + r * w, xp, at, w);
                // The right padding of this row and the left padding of the next, written after the pixels
                // so that they replace whatever the last vector of the copy spilled there.
                if (gap > 0 && gap <= L) {
                    FloatVector.zero(S).intoArray(xp, at + w);
                } else {
                    Arrays.fill(xp, at + w, at + w + gap, 0f);
                }
            }
            Arrays.fill(xp, first + h * wp - g.padLeft(), d + paddedHeight(g) * wp, 0f);
        }
    }

    /**
     * Writes the lowered matrix of {@code images} images held in {@code src}, image {@code m} at
     * {@code srcOff + m * srcImage} with rows {@code srcWidth} floats apart (the zero-bordered copies, or the
     * caller's images when there is no padding). Row {@code r} of the matrix starts at
     * {@code col[colOff + r * images * outputPlaneSize]}; up to {@link #SLACK} floats past the matrix are
     * written too.
     */
    static void im2col(Conv2dGeometry g, float[] src, int srcOff, int srcImage, int srcHeight, int srcWidth,
                       int images, float[] col, int colOff) {
        int oh = g.outHeight();
        int ow = g.outWidth();
        int plane = oh * ow;
        int ld = images * plane;
        int rowStep = g.strideHeight() * srcWidth;
        int sw = g.strideWidth();
        int row = colOff;
        for (int c = 0; c < g.inChannels(); c++) {
            for (int p = 0; p < g.kernelHeight(); p++) {
                for (int q = 0; q < g.kernelWidth(); q++, row += ld) {
                    int tap = srcOff + (c * srcHeight + p * g.dilationHeight()) * srcWidth + q * g.dilationWidth();
                    for (int m = 0; m < images; m++) {
                        int s = tap + m * srcImage;
                        int d = row + m * plane;
                        if (sw == 1) {
                            for (int i = 0; i < oh; i++) {
                                copyRun(src, s + i * rowStep, col, d + i * ow, ow);
                            }
                        } else {
                            for (int i = 0; i < oh; i++) {
                                int si = s + i * rowStep;
                                int di = d + i * ow;
                                for (int j = 0; j < ow; j++) {
                                    col[di + j] = src[si + j * sw];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col}: adds every element of the lowered matrix of {@code images} images
     * back onto the element of {@code dst} it was copied from, image {@code m} at
     * {@code dstOff + m * dstImage} with rows {@code dstWidth} floats apart. {@code dst} is not cleared.
     * Vector adds may add zeros to elements past a run, up to {@code dstLimit} (exclusive); a run whose
     * last vector would reach past the limit, or past the end of its image when {@code imageBound}, is
     * added element by element.
     */
    static void col2im(Conv2dGeometry g, float[] col, int colOff, int images, float[] dst, int dstOff, int dstImage,
                       int dstHeight, int dstWidth, boolean imageBound, int dstLimit) {
        int oh = g.outHeight();
        int ow = g.outWidth();
        int plane = oh * ow;
        int ld = images * plane;
        int rowStep = g.strideHeight() * dstWidth;
        int sw = g.strideWidth();
        VectorMask<Float> tail = S.indexInRange(0, ow % L == 0 ? L : ow % L);
        int vectorsWide = (ow + L - 1) / L * L;
        int row = colOff;
        for (int c = 0; c < g.inChannels(); c++) {
            for (int p = 0; p < g.kernelHeight(); p++) {
                for (int q = 0; q < g.kernelWidth(); q++, row += ld) {
                    int tap = dstOff + (c * dstHeight + p * g.dilationHeight()) * dstWidth + q * g.dilationWidth();
                    for (int m = 0; m < images; m++) {
                        int d = tap + m * dstImage;
                        int s = row + m * plane;
                        int limit = imageBound ? Math.min(dstLimit, dstOff + (m + 1) * dstImage) : dstLimit;
                        if (sw != 1) {
                            for (int i = 0; i < oh; i++) {
                                int di = d + i * rowStep;
                                int si = s + i * ow;
                                for (int j = 0; j < ow; j++) {
                                    dst[di + j * sw] += col[si + j];
                                }
                            }
                            continue;
                        }
                        for (int i = 0; i < oh; i++) {
                            int di = d + i * rowStep;
                            if (di + vectorsWide <= limit) {
                                addRun(col, s + i * ow, dst, di, ow, tail);
                            } else {
                                addScalar(col, s + i * ow, dst, di, ow);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Copies the interiors of {@code images} zero-bordered images at {@code xp[xpOff ...]} to
     * {@code dx[dxOff ...]} ({@code [inChannels, inHeight, inWidth]} each), writing nothing outside those
     * images.
     */
    static void unpad(Conv2dGeometry g, float[] xp, int xpOff, int images, float[] dx, int dxOff) {
        int h = g.inHeight();
        int w = g.inWidth();
        int wp = paddedWidth(g);
        int planes = images * g.inChannels();
        int end = dxOff + planes * h * w;
        int vectorsWide = (w + L - 1) / L * L;
        for (int plane = 0; plane < planes; plane++) {
            int s = xpOff + plane * paddedHeight(g) * wp + g.padTop() * wp + g.padLeft();
            int d = dxOff + plane * h * w;
            for (int r = 0; r < h; r++) {
                // Rows are written in order, so a vector that spills into the next row is overwritten by it;
                // the last rows, whose spill would leave these images, are copied exactly.
                if (d + r * w + vectorsWide <= end) {
                    copyRun(xp, s + r * wp, dx, d + r * w, w);
                } else {
                    System.arraycopy(xp, s + r * wp, dx, d + r * w, w);
                }
            }
        }
    }

    /**
     * Copies {@code n} floats with whole vectors, writing up to {@code L - 1} floats past {@code d + n} (and
     * reading as far past {@code s + n}, unless that would leave {@code src}).
     */
    private static void copyRun(float[] src, int s, float[] dst, int d, int n) {
        if (s + n + L - 1 >= src.length) {
            System.arraycopy(src, s, dst, d, n);
            return;
        }
        for (int i = 0; i < n; i += L) {
            FloatVector.fromArray(S, src, s + i).intoArray(dst, d + i);
        }
    }

    /** {@code dst[d, d + n) += src[s, s + n)} with whole vectors; the lanes past {@code n} add zero. */
    private static void addRun(float[] src, int s, float[] dst, int d, int n, VectorMask<Float> tail) {
        int i = 0;
        for (; i + L < n; i += L) {
            FloatVector.fromArray(S, dst, d + i).add(FloatVector.fromArray(S, src, s + i)).intoArray(dst, d + i);
        }
        FloatVector.fromArray(S, dst, d + i).add(FloatVector.fromArray(S, src, s + i, tail)).intoArray(dst, d + i);
    }

    private static void addScalar(float[] src, int s, float[] dst, int d, int n) {
        for (int j = 0; j < n; j++) {
            dst[d + j] += src[s + j];
        }
    }

    /** {@code dst[d, d + n) += src[s, s + n)}, vectors and a scalar tail: nothing outside the range is touched. */
    static void addRange(float[] src, int s, float[] dst, int d, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, dst, d + i).add(FloatVector.fromArray(S, src, s + i)).intoArray(dst, d + i);
        }
        for (; i < n; i++) {
            dst[d + i] += src[s + i];
        }
    }
}
