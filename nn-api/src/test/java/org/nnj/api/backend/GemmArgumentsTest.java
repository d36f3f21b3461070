package org.nnj.api.backend;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nnj.api.ShapeException;

class GemmArgumentsTest {

    @Test
    void aDenseMatrixWithANegativeSideIsRejectedEvenWhenItWouldFit() {
        float[] x = new float[12];
        ShapeException rows = assertThrows(ShapeException.class, () -> GemmArguments.checkDense("bias: x", x, 0, -1, 3));
        assertEquals("bias: x: rows and cols must not be negative, got -1x3", rows.getMessage());
        assertThrows(ShapeException.class, () -> GemmArguments.checkDense("bias: x", x, 0, 2, -3));
    }

    @Test
    void anEmptyDenseMatrixNeedsNoArray() {
        assertDoesNotThrow(() -> GemmArguments.checkDense("x", null, 0, 0, 5));
        assertDoesNotThrow(() -> GemmArguments.checkDense("x", new float[0], 0, 4, 0));
    }

    @Test
    void aDenseMatrixMustFitFromItsOffset() {
        float[] x = new float[12];
        assertDoesNotThrow(() -> GemmArguments.checkDense("x", x, 2, 2, 5));
        ShapeException e = assertThrows(ShapeException.class, () -> GemmArguments.checkDense("x", x, 3, 2, 5));
        assertEquals("x (2x5, ld=5, offset 3) needs 13 elements but its array has 12", e.getMessage());
    }
}
