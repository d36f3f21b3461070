package org.nnj.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart of several series over one x axis, optionally with a logarithmic y axis, drawn by XChart
 * and styled as {@link Charts} styles every demo's charts.
 *
 * <p>Two XChart habits are worked around here. Its logarithmic axis labels only powers of ten, so a loss
 * between 0.3 and 3 would get one label; instead the chart plots {@code log10 y} on a linear axis and
 * labels each tick with the value itself (0.40, 0.63, 1.0, 1.6, ...). And it puts the x ticks on data
 * points when every x value is equally spaced (steps 1, 2, 3, ...), which gives labels such as 1, 92,
 * 183; one invisible point half-way between the first two breaks the spacing, and the axis gets round
 * ticks (0, 100, 200, ...). The same point, placed at an odd fraction of the y range, keeps the y axis
 * from the same habit when the y values are equally spaced too.
 */
public final class LineChart {
    private final XYChart chart;
    private final boolean logY;
    private boolean tickHelper;

    /** An empty chart; {@code logY} plots the y values on a logarithmic scale (they must be positive). */
    public LineChart(String title, String xTitle, String yTitle, boolean logY, int width, int height) {
        this.chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        this.logY = logY;
        Charts.style(chart.getStyler());
        chart.getStyler().setMarkerSize(0);
        if (logY) {
            chart.getStyler().setyAxisTickLabelsFormattingFunction(v -> label(Math.pow(10, v)));
        }
    }

    /** Adds a line without markers in the given colour. */
    public LineChart addLine(String name, double[] x, double[] y, Color color) {
        line(name, x, y, color);
        return this;
    }

    /**
     * Adds a dashed line without markers in the given colour: a reference (a baseline, a bound). XChart
     * dashes each segment on its own, so give a straight line as its two ends.
     */
    public LineChart addDashedLine(String name, double[] x, double[] y, Color color) {
        line(name, x, y, color).setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 6f}, 0f));
        return this;
    }

    /** Adds points without a line, drawn as {@code marker} ({@code SeriesMarkers.CIRCLE}, ...) in the given colour. */
    public LineChart addPoints(String name, double[] x, double[] y, Color color, Marker marker) {
        XYSeries series = chart.addSeries(name, x, values(y));
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(marker);
        series.setMarkerColor(color);
        chart.getStyler().setMarkerSize(7);
        return this;
    }

    private double[] values(double[] y) {
        if (!logY) {
            return y;
        }
        double[] ys = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            ys[i] = Math.log10(y[i]);
        }
        return ys;
    }

    private XYSeries line(String name, double[] x, double[] y, Color color) {
        double[] ys = values(y);
        if (!tickHelper && x.length >= 2) {
            // Its y, at an odd fraction of the series' range, breaks equal spacing on the y axis too (y = x).
            double lo = Arrays.stream(ys).filter(Double::isFinite).min().orElse(0);
            double hi = Arrays.stream(ys).filter(Double::isFinite).max().orElse(0);
            XYSeries helper = chart.addSeries("\u200b", new double[] {(x[0] + x[1]) / 2},
                    new double[] {lo + 0.381966 * (hi - lo)});
            helper.setShowInLegend(false);
            helper.setMarker(SeriesMarkers.NONE);
            helper.setLineColor(new Color(0, 0, 0, 0));
            tickHelper = true;
        }
        XYSeries series = chart.addSeries(name, x, ys);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineWidth(2f);
        return series;
    }

    /** The XChart chart, for settings this class does not cover. */
    public XYChart chart() {
        return chart;
    }

    /** The chart as an image, for {@link Charts#saveGrid}. */
    public BufferedImage render() {
        return BitmapEncoder.getBufferedImage(chart);
    }

    public void savePng(Path file) throws IOException {
        Charts.savePng(chart, file);
    }

    /** A tick label with at most two significant digits: 0.4, 0.63, 1, 2.5, 320, 1e-05, 3.2e+04. */
    static String label(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 1e4 || a < 1e-3) {
            String s = String.format(Locale.ROOT, "%.1e", v);
            int e = s.indexOf('e');
            return s.substring(0, e).replaceAll("\\.0$", "") + s.substring(e);
        }
        return new BigDecimal(v).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }
}
