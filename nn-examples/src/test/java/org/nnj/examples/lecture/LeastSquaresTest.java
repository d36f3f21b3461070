package org.nnj.examples.lecture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LeastSquaresTest {

    /**
     * By hand: (0, 1), (1, 3), (2, 4). Mean x 1, mean y 8/3; Sxy = (-1)(-5/3) + 0 + (1)(4/3) = 3, Sxx = 2,
     * so the slope is 3/2 and the intercept 8/3 - 3/2 = 7/6.
     */
    @Test
    void threePointsByHand() {
        LeastSquares fit = LeastSquares.fit(new double[][] {{0}, {1}, {2}}, new double[] {1, 3, 4});
        assertArrayEquals(new double[] {7.0 / 6, 1.5}, fit.coefficients(), 1e-12);
        assertEquals(7.0 / 6 + 1.5 * 4, fit.predict(new double[] {4}), 1e-12);
    }

    /**
     * Two features, by hand: y = 1 + 2 a - b exactly at four points, so the fit is exact; then the target
     * at (1, 1) raised by 1, which moves w by d with A^T A d = A^T e4, that is [[4, 2, 2], [2, 2, 1],
     * [2, 1, 2]] d = [1, 1, 1]: by symmetry d = (d0, t, t), 4 d0 + 4 t = 1 and 2 d0 + 3 t = 1, so t = 1/2,
     * d0 = -1/4, and w = (0.75, 2.5, -0.5).
     */
    @Test
    void twoFeaturesByHand() {
        double[][] x = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        assertArrayEquals(new double[] {1, 2, -1}, LeastSquares.fit(x, new double[] {1, 3, 0, 2}).coefficients(),
                1e-12);
        assertArrayEquals(new double[] {0.75, 2.5, -0.5},
                LeastSquares.fit(x, new double[] {1, 3, 0, 3}).coefficients(), 1e-12);
    }

    @Test
    void aConstantFeatureIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LeastSquares.fit(new double[][] {{2}, {2}, {2}}, new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("linearly dependent"), e.getMessage());
    }
}
