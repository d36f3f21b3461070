package org.nnj.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotTest {

    @Test
    void marchingSquaresTracesACircleOnItsLevel() {
        // f = x^2 + y^2 on [-2, 2]^2; the level 1 is the unit circle. Linear interpolation between grid
        // points at spacing 0.05 puts every end within 0.002 of it.
        int n = 81;
        double[] xs = new double[n];
        double[][] values = new double[n][n];
        for (int i = 0; i < n; i++) {
            xs[i] = -2 + 4.0 * i / (n - 1);
        }
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                values[j][i] = xs[i] * xs[i] + xs[j] * xs[j];
            }
        }
        List<MarchingSquares.Segment> segments = MarchingSquares.contour(xs, xs, values, 1.0);
        double length = 0;
        for (MarchingSquares.Segment s : segments) {
            assertEquals(1.0, Math.hypot(s.x1(), s.y1()), 2e-3);
            assertEquals(1.0, Math.hypot(s.x2(), s.y2()), 2e-3);
            length += Math.hypot(s.x2() - s.x1(), s.y2() - s.y1());
        }
        assertEquals(2 * Math.PI, length, 0.01, "the segments add up to the circumference");
        assertTrue(MarchingSquares.contour(xs, xs, values, 100).isEmpty(), "no level above the maximum 8");
    }

    @Test
    void aSaddleCellIsResolvedByItsCentre() {
        double[] xs = {0, 1};
        // Corners a (0,0) = 1, b (1,0) = 0, c (1,1) = 1, d (0,1) = 0: a and c above 0.5, centre 0.5 not above.
        List<MarchingSquares.Segment> segments = MarchingSquares.contour(xs, xs, new double[][] {{1, 0}, {0, 1}}, 0.5);
        assertEquals(2, segments.size());
        assertEquals(new MarchingSquares.Segment(0, 0.5, 0.5, 0), segments.get(0)); // cuts off corner a
        assertEquals(new MarchingSquares.Segment(1, 0.5, 0.5, 1), segments.get(1)); // cuts off corner c
    }

    /** Bilinear interpolation reproduces a bilinear function exactly, between the grid points and on them. */
    @Test
    void gridFunctionInterpolatesBilinearly() {
        // f = 1 + 2x + 3y + xy on x in [0, 2] (3 columns), y in [-1, 1] (5 rows).
        double[][] values = new double[5][3];
        for (int j = 0; j < 5; j++) {
            for (int i = 0; i < 3; i++) {
                double x = GridFunction.at(0, 2, i, 3);
                double y = GridFunction.at(-1, 1, j, 5);
                values[j][i] = 1 + 2 * x + 3 * y + x * y;
            }
        }
        GridFunction f = new GridFunction(0, 2, -1, 1, values);
        for (double[] p : new double[][] {{0.3, -0.7}, {1.9, 0.95}, {1, 0}, {2, 1}, {0, -1}}) {
            assertEquals(1 + 2 * p[0] + 3 * p[1] + p[0] * p[1], f.applyAsDouble(p[0], p[1]), 1e-12);
        }
        assertEquals(f.applyAsDouble(2, 1), f.applyAsDouble(5, 7), 1e-12, "clamped outside the grid");
    }

    @Test
    void ticksAreRound() {
        assertEquals(List.of(-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0), ContourPlot.ticks(-2, 2));
        assertEquals(List.of(-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0), ContourPlot.ticks(-1.75, 2.25));
    }

    @Test
    void logLabelsHaveTwoSignificantDigits() {
        assertEquals("0.79", LineChart.label(Math.pow(10, -0.1)));
        assertEquals("1", LineChart.label(1.0));
        assertEquals("32", LineChart.label(Math.pow(10, 1.5)));
        assertEquals("320", LineChart.label(Math.pow(10, 2.5)));
        assertEquals("1e-05", LineChart.label(1e-5));
        assertEquals("3.2e+04", LineChart.label(Math.pow(10, 4.5)));
    }

    @Test
    void tablesPrintAlignedAndWriteQuotedCsv(@TempDir Path dir) throws IOException {
        Table t = new Table("name", "value").add("adam", "0.5").add("sgd lr=0.1, momentum=0.9", "12.25");
        StringWriter text = new StringWriter();
        t.print(new PrintWriter(text));
        String[] lines = text.toString().split("\n");
        assertEquals("name                      value", lines[0]);
        assertEquals("adam                        0.5", lines[2]);
        t.writeCsv(dir.resolve("t.csv"));
        assertEquals(List.of("name,value", "adam,0.5", "\"sgd lr=0.1, momentum=0.9\",12.25"),
                Files.readAllLines(dir.resolve("t.csv")));
        assertThrows(IllegalArgumentException.class, () -> t.add("only one"));
        assertFalse(t.rows().isEmpty());
    }
}
