package org.nnj.examples.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.nnj.examples.render.Png;

/**
 * XChart charts styled alike for every demo (see also {@link LineChart}): white background, a title, named axes, a legend beside the
 * plot, one colour per series from {@link #PALETTE}, written as PNG.
 */
public final class Charts {
    /** Distinguishable colours: Tableau's ten, then darker variants. */
    public static final List<Color> PALETTE = List.of(
            new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf), new Color(0x393b79), new Color(0x637939),
            new Color(0x843c39), new Color(0x7b4173));

    private Charts() {
    }

    /** The colour of series {@code index}, cycling through the palette. */
    public static Color color(int index) {
        return PALETTE.get(index % PALETTE.size());
    }

    /** A bar chart of categories (side by side, not stacked), with a logarithmic y axis when {@code logY}. */
    public static CategoryChart barChart(String title, String xTitle, String yTitle, boolean logY, int width,
                                         int height) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(logY);
        return chart;
    }

    static void style(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(new Color(0xdddddd));
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setSeriesColors(PALETTE.toArray(new Color[0]));
        styler.setAntiAlias(true);
    }

    /** Writes {@code chart} as a PNG file. */
    public static void savePng(Chart<?, ?> chart, Path file) throws IOException {
        writePng(BitmapEncoder.getBufferedImage(chart), file);
    }

    /** Writes several charts side by side, in one row, under a common title, as one PNG file. */
    public static void savePngSideBySide(String title, List<? extends Chart<?, ?>> charts, Path file)
            throws IOException {
        saveGrid(title, charts.stream().map(BitmapEncoder::getBufferedImage).toList(), charts.size(), file);
    }

    /**
     * Writes images (charts rendered with {@link BitmapEncoder#getBufferedImage}, {@link ContourPlot}s) in a
     * grid of {@code columns}, row by row, under a common title, as one PNG file. Each cell is as large as the
     * largest image; smaller ones sit in its top left corner on white.
     */
    public static void saveGrid(String title, List<BufferedImage> images, int columns, Path file)
            throws IOException {
        int titleHeight = 44;
        int cellW = images.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        int cellH = images.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        int cols = Math.max(1, Math.min(columns, images.size()));
        int rows = (images.size() + cols - 1) / cols;
        int width = cols * cellW;
        int height = titleHeight + Math.max(1, rows) * cellH;
        BufferedImage all = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 19));
        g.drawString(title, (width - g.getFontMetrics().stringWidth(title)) / 2, 30);
        for (int i = 0; i < images.size(); i++) {
            g.drawImage(images.get(i), (i % cols) * cellW, titleHeight + (i / cols) * cellH, null);
        }
        g.dispose();
        writePng(all, file);
    }

    /** Writes an image as PNG, atomically (see {@link Png}). */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        Png.write(image, file);
    }
}
