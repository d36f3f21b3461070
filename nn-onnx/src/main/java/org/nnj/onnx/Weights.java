package org.nnj.onnx;

import java.util.Arrays;

/** Values for one parameter or buffer of an imported layer, in NNJ's layout, and their shape. */
record Weights(float[] data, int[] dims) {

    /** {@code rows x cols} (row-major) transposed to {@code cols x rows}, in blocks that stay in cache. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        final int block = 64;
        for (int r0 = 0; r0 < rows; r0 += block) {
            int r1 = Math.min(rows, r0 + block);
            for (int c0 = 0; c0 < cols; c0 += block) {
                int c1 = Math.min(cols, c0 + block);
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        t[c * rows + r] = a[r * cols + c];
                    }
                }
            }
        }
        return t;
    }

    /** {@code a} multiplied by {@code factor} in place (a Gemm's alpha or beta), and returned. */
    static float[] scale(float[] a, float factor) {
        if (factor != 1f) {
            for (int i = 0; i < a.length; i++) {
                a[i] *= factor;
            }
        }
        return a;
    }

    @Override
    public String toString() {
        return "weights" + Arrays.toString(dims);
    }
}
