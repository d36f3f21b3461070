package org.nnj.simd.warmup;

/** Inputs for the small problems that {@link JitGate}s are warmed up on: any finite values will do. */
public final class ExerciseData {
    /** Floats per exercise of an element-wise kernel: 32 vectors of 512 bits, a microsecond compiled. */
    public static final int ELEMENTS = 512;

    private ExerciseData() {
    }

    /** {@code n} floats in [-1, 1), varied so that no branch of a kernel is always taken. */
    public static float[] floats(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = ((i * 37) % 101) / 50.5f - 1f;
        }
        return x;
    }
}
