package org.nnj.examples.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ShiftTest {
    /** 3 rows of 4: 1..12. */
    private static final float[] IMAGE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

    private static float[] shifted(Shift shift, int pixels) {
        float[] out = new float[12];
        shift.apply(IMAGE, 0, 3, 4, pixels, out, 0);
        return out;
    }

    @Test
    void eachDirectionByHandWithZerosComingIn() {
        assertArrayEquals(new float[] {3, 4, 0, 0, 7, 8, 0, 0, 11, 12, 0, 0}, shifted(Shift.LEFT, 2));
        assertArrayEquals(new float[] {0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11}, shifted(Shift.RIGHT, 1));
        assertArrayEquals(new float[] {5, 6, 7, 8, 9, 10, 11, 12, 0, 0, 0, 0}, shifted(Shift.UP, 1));
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4}, shifted(Shift.DOWN, 2));
        assertArrayEquals(IMAGE, shifted(Shift.DOWN, 0));
        assertArrayEquals(new float[12], shifted(Shift.RIGHT, 4), "everything moved out");
    }

    @Test
    void applyAllShiftsEveryImageOnItsOwn() {
        float[] two = new float[24];
        System.arraycopy(IMAGE, 0, two, 0, 12);
        System.arraycopy(IMAGE, 0, two, 12, 12);
        float[] out = Shift.UP.applyAll(two, 2, 3, 4, 1);
        float[] expected = {5, 6, 7, 8, 9, 10, 11, 12, 0, 0, 0, 0, 5, 6, 7, 8, 9, 10, 11, 12, 0, 0, 0, 0};
        assertArrayEquals(expected, out);
    }
}
