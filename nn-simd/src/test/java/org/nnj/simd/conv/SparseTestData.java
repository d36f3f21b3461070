package org.nnj.simd.conv;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nnj.api.backend.Conv2dGeometry;

/** Arrays for the sparse passes' tests: values between borders of NaN, workspaces between sentinels, bits. */
final class SparseTestData {
    static final float SENTINEL = -555.25f;
    /** Floats before and after each array's values. */
    static final int OFF = 5;

    private SparseTestData() {
    }

    /** {@code OFF} NaNs, {@code size} values (a share {@code density} nonzero, the rest ±0), {@code OFF} NaNs. */
    static float[] values(SplittableRandom random, int size, double density) {
        float[] a = new float[size + 2 * OFF];
        Arrays.fill(a, Float.NaN);
        for (int i = OFF; i < OFF + size; i++) {
            a[i] = random.nextDouble() < density ? (float) (random.nextDouble() * 2 - 1)
                    : random.nextInt(4) == 0 ? -0f : 0f;
        }
        return a;
    }

    /** {@code size} floats of workspace from {@code OFF}, all of the array {@link #SENTINEL}. */
    static float[] workspace(int size) {
        float[] work = new float[size + 2 * OFF];
        Arrays.fill(work, SENTINEL);
        return work;
    }

    static Conv2dGeometry conv(int batch, int in, int out, int h, int w, int kh, int kw, int stride, int dilation,
                               int top, int bottom, int left, int right) {
        return Conv2dGeometry.builder().batch(batch).channels(in, out).input(h, w).kernel(kh, kw)
                .stride(stride, stride).dilation(dilation, dilation).padding(top, bottom, left, right).build();
    }
}
