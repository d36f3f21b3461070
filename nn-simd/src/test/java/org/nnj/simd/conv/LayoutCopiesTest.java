package org.nnj.simd.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nnj.simd.gemm.LaneBlocks;

/**
 * The layout copies of {@link DirectConvolution} (the output-gradient transpose and the zero bordering)
 * against their one-float-at-a-time definitions, bit for bit, over ragged sizes:
 * planes not a multiple of 16 pixels, channel counts not a multiple of 16 (so partial lane blocks with zeroed
 * lanes), one image, odd widths, rows narrower and wider than a vector, borders of every width. The arrays
 * carry sentinels before and after the range, which must survive: the vector copies may not write outside it.
 */
class LayoutCopiesTest {
    private static final float SENTINEL = -555.25f;
    private static final int OFF = 5;

    @Test
    void transposeMatchesTheDefinition() {
        int[] channelCounts = {1, 7, 16, 17, 32, 40, 64, 65, 100, 128};
        int[] planes = {1, 15, 16, 17, 49, 196, 200};
        int[] imageCounts = {1, 3};
        SplittableRandom random = new SplittableRandom(1);
        for (int channels : channelCounts) {
            for (int plane : planes) {
                for (int images : imageCounts) {
                    LaneBlocks blocks = new LaneBlocks(channels);
                    float[] dy = random(random, OFF + images * channels * plane + OFF);
                    int size = blocks.size(images * plane);
                    float[] expected = sentinels(size);
                    float[] actual = sentinels(size);
                    simpleTranspose(blocks, dy, OFF, images, channels, plane, expected, OFF);
                    DirectConvolution.transpose(blocks, dy, OFF, images, channels, plane, actual, OFF);
                    assertArrayEquals(expected, actual,
                            channels + " channels, " + plane + " pixels, " + images + " images");
                }
            }
        }
    }

    @Test
    void padMatchesTheDefinition() {
        SplittableRandom random = new SplittableRandom(2);
        int[][] shapes = {{1, 1}, {3, 5}, {14, 14}, {28, 28}, {7, 9}, {5, 16}, {4, 17}, {2, 33}, {9, 40}};
        int[][] borders = {{0, 0, 0, 0}, {2, 2, 2, 2}, {1, 0, 3, 0}, {0, 3, 0, 1}, {4, 4, 4, 4}, {1, 2, 9, 8},
                {0, 0, 16, 1}, {3, 1, 0, 2}};
        for (int planes : new int[] {1, 2, 5}) {
            for (int[] s : shapes) {
                for (int[] b : borders) {
                    int h = s[0];
                    int w = s[1];
                    float[] src = random(random, OFF + planes * h * w + OFF);
                    int size = planes * (b[0] + h + b[1]) * (b[2] + w + b[3]);
                    float[] expected = sentinels(size);
                    float[] actual = sentinels(size);
                    simplePad(src, OFF, planes, h, w, b[0], b[1], b[2], b[3], expected, OFF);
                    DirectConvolution.pad(src, OFF, planes, h, w, b[0], b[1], b[2], b[3], actual, OFF);
                    assertArrayEquals(expected, actual, planes + " planes of " + h + "x" + w + ", borders "
                            + Arrays.toString(b));
                }
            }
        }
    }

    /** The definition: one float at a time. */
    private static void simpleTranspose(LaneBlocks blocks, float[] dy, int dyOff, int images, int channels,
                                        int plane, float[] dst, int dstOff) {
        int total = images * plane;
        for (int b = 0; b < blocks.count(); b++) {
            int stride = blocks.stride(b);
            int bOff = dstOff + blocks.offset(b, total);
            for (int t = 0; t < total; t++) {
                int m = t / plane;
                for (int j = 0; j < stride; j++) {
                    int c = blocks.first(b) + j;
                    dst[bOff + t * stride + j] = j < blocks.width(b) ? dy[dyOff + (m * channels + c) * plane
                            + t - m * plane] : 0f;
                }
            }
        }
    }

    private static void simplePad(float[] src, int srcOff, int planes, int h, int w, int top, int bottom, int left,
                                  int right, float[] dst, int dstOff) {
        int ph = top + h + bottom;
        int pw = left + w + right;
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < ph; i++) {
                for (int j = 0; j < pw; j++) {
                    int r = i - top;
                    int c = j - left;
                    boolean inside = r >= 0 && r < h && c >= 0 && c < w;
                    dst[dstOff + (p * ph + i) * pw + j] = inside ? src[srcOff + (p * h + r) * w + c] : 0f;
                }
            }
        }
    }

    private static float[] random(SplittableRandom random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
        }
        return a;
    }

    /** {@code size} floats after {@link #OFF} sentinels, and {@link #OFF} more after them. */
    private static float[] sentinels(int size) {
        float[] a = new float[OFF + size + OFF];
        Arrays.fill(a, SENTINEL);
        return a;
    }
}
