package org.nnj.examples.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Contour lines of a function sampled on a regular grid, by marching squares: each grid cell whose
 * corners lie on both sides of the level gets one or two line segments, their ends placed on the cell's
 * edges by linear interpolation. Saddle cells (two opposite corners above) are resolved by the mean of
 * the four corners. The segments are not joined into polylines; drawn one by one they show the same.
 */
public final class MarchingSquares {

    /** A segment from {@code (x1, y1)} to {@code (x2, y2)}, in the grid's coordinates. */
    public record Segment(double x1, double y1, double x2, double y2) {
    }

    private MarchingSquares() {
    }

    /**
     * The segments of the level {@code level} of {@code values[j][i]}, sampled at {@code xs[i]} and
     * {@code ys[j]} (increasing).
     */
    public static List<Segment> contour(double[] xs, double[] ys, double[][] values, double level) {
        List<Segment> segments = new ArrayList<>();
        for (int j = 0; j + 1 < ys.length; j++) {
            for (int i = 0; i + 1 < xs.length; i++) {
                // Corners counter-clockwise from the bottom left: a (i, j), b (i+1, j), c (i+1, j+1), d (i, j+1).
                double a = values[j][i];
                double b = values[j][i + 1];
                double c = values[j + 1][i + 1];
                double d = values[j + 1][i];
                if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c) || Double.isNaN(d)) {
                    continue;
                }
                int index = (a > level ? 1 : 0) | (b > level ? 2 : 0) | (c > level ? 4 : 0) | (d > level ? 8 : 0);
                if (index == 0 || index == 15) {
                    continue;
                }
                double x0 = xs[i];
                double x1 = xs[i + 1];
                double y0 = ys[j];
                double y1 = ys[j + 1];
                // The crossing on each edge: bottom (a-b), right (b-c), top (d-c), left (a-d).
                double[] bottom = {lerp(x0, x1, a, b, level), y0};
                double[] right = {x1, lerp(y0, y1, b, c, level)};
                double[] top = {lerp(x0, x1, d, c, level), y1};
                double[] left = {x0, lerp(y0, y1, a, d, level)};
                boolean centreAbove = (a + b + c + d) / 4 > level;
                switch (index) {
                    case 1, 14 -> add(segments, left, bottom);
                    case 2, 13 -> add(segments, bottom, right);
                    case 3, 12 -> add(segments, left, right);
                    case 4, 11 -> add(segments, right, top);
                    case 6, 9 -> add(segments, bottom, top);
                    case 7, 8 -> add(segments, left, top);
                    case 5 -> { // a and c above
                        if (centreAbove) {
                            add(segments, left, top);
                            add(segments, bottom, right);
                        } else {
                            add(segments, left, bottom);
                            add(segments, right, top);
                        }
                    }
                    case 10 -> { // b and d above
                        if (centreAbove) {
                            add(segments, left, bottom);
                            add(segments, right, top);
                        } else {
                            add(segments, left, top);
                            add(segments, bottom, right);
                        }
                    }
                    default -> throw new IllegalStateException("marching squares case " + index);
                }
            }
        }
        return segments;
    }

    /** Where {@code level} lies between {@code p} (value {@code vp}) and {@code q} (value {@code vq}). */
    private static double lerp(double p, double q, double vp, double vq, double level) {
        if (vp == vq) {
            return (p + q) / 2;
        }
        return p + (q - p) * (level - vp) / (vq - vp);
    }

    private static void add(List<Segment> segments, double[] from, double[] to) {
        segments.add(new Segment(from[0], from[1], to[0], to[1]));
    }
}
