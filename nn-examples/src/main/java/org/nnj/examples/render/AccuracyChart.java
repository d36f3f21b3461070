package org.nnj.examples.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A line chart of accuracies against a numeric setting (for example a shift in pixels), drawn with XChart. */
public final class AccuracyChart {
    private static final Color[] COLORS = {new Color(0xD6, 0x27, 0x28), new Color(0x1F, 0x77, 0xB4),
        new Color(0x2C, 0xA0, 0x2C), new Color(0xFF, 0x7F, 0x0E)};

    private final String title;
    private final String xLabel;
    private final Map<String, double[][]> series = new LinkedHashMap<>();

    /** A chart titled {@code title} with {@code xLabel} under the horizontal axis and "test accuracy" beside the other. */
    public AccuracyChart(String title, String xLabel) {
        this.title = Objects.requireNonNull(title, "title");
        this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
    }

    /** Adds a line through the points {@code (x[i], accuracy[i])}. */
    public AccuracyChart add(String name, double[] x, double[] accuracy) {
        if (x.length != accuracy.length) {
            throw new IllegalArgumentException(name + ": " + x.length + " x values but " + accuracy.length + " accuracies");
        }
        series.put(name, new double[][] {x.clone(), accuracy.clone()});
        return this;
    }

    /** The chart as an image of {@code width x height} pixels. */
    public BufferedImage render(int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle("test accuracy").build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(1.0);
        styler.setXAxisDecimalPattern("0");
        styler.setYAxisDecimalPattern("0.0");
        int i = 0;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            XYSeries s = chart.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
            s.setLineColor(COLORS[i % COLORS.length]);
            s.setMarkerColor(COLORS[i % COLORS.length]);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(new BasicStroke(2.5f));
            i++;
        }
        return BitmapEncoder.getBufferedImage(chart);
    }
}
