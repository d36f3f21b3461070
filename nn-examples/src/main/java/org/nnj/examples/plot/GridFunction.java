package org.nnj.examples.plot;

import java.util.function.DoubleBinaryOperator;

/**
 * A function of two variables known at the points of a regular grid, between them by bilinear
 * interpolation (and clamped to the grid outside it). What a model computes in one batch over a grid
 * becomes a function a {@link ContourPlot} can sample at every pixel, without a model call per pixel.
 */
public final class GridFunction implements DoubleBinaryOperator {
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final double[][] values;

    /**
     * @param values {@code values[j][i]} at {@code x = xMin + (xMax - xMin) i / (columns - 1)} and
     *               {@code y = yMin + (yMax - yMin) j / (rows - 1)}; at least 2 x 2
     */
    public GridFunction(double xMin, double xMax, double yMin, double yMax, double[][] values) {
        if (values.length < 2 || values[0].length < 2) {
            throw new IllegalArgumentException("a grid function needs at least 2 x 2 values");
        }
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
        this.values = values;
    }

    /** The x of grid column {@code i} of {@code columns} (also where a caller should evaluate its function). */
    public static double at(double min, double max, int i, int count) {
        return min + (max - min) * i / (count - 1);
    }

    @Override
    public double applyAsDouble(double x, double y) {
        int columns = values[0].length;
        int rows = values.length;
        double u = clamp((x - xMin) / (xMax - xMin) * (columns - 1), columns - 1);
        double v = clamp((y - yMin) / (yMax - yMin) * (rows - 1), rows - 1);
        int i = Math.min((int) u, columns - 2);
        int j = Math.min((int) v, rows - 2);
        double fu = u - i;
        double fv = v - j;
        double bottom = values[j][i] * (1 - fu) + values[j][i + 1] * fu;
        double top = values[j + 1][i] * (1 - fu) + values[j + 1][i + 1] * fu;
        return bottom * (1 - fv) + top * fv;
    }

    private static double clamp(double t, double max) {
        return Math.max(0, Math.min(max, t));
    }
}
