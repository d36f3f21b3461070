package org.nnj.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleFunction;

/**
 * A contour plot of a function of two variables with paths drawn over it, rendered with Java2D (XChart
 * has no contour plots): a pale colour map of {@code log10 f} as background, grey contour lines at the
 * given levels, each path in its colour with a dot at its end, the start and the minimum marked, a title,
 * named axes with ticks, and a legend beside the plot. Build it, add paths, then {@link #render} or
 * {@link #savePng}.
 *
 * <p>The same picture serves a classifier's decision boundary: {@link #shading} colours the background by
 * the value itself (a probability) instead of its logarithm, {@link #contourStyle} draws the level 0.5
 * bold, and {@link #add(Points)} scatters the data over it.
 */
public final class ContourPlot {
    private static final int LEFT = 80;
    private static final int RIGHT = 300;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;
    private static final int GRID = 300;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    /** A named path of points {@code (x, y)}, drawn in {@code color}; {@code note} follows the name in the legend. */
    public record Trace(String name, String note, Color color, double[] xs, double[] ys) {
    }

    /** Named points {@code (x, y)}, drawn as dots filled with {@code color} and edged in black. */
    public record Points(String name, Color color, double[] xs, double[] ys) {
    }

    private final String title;
    private final DoubleBinaryOperator function;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final double[] levels;
    private final List<Trace> traces = new ArrayList<>();
    private final List<Points> points = new ArrayList<>();
    private DoubleFunction<Color> shading;
    private Color contourColor = new Color(90, 90, 90, 150);
    private float contourWidth = 0.9f;
    private String contourName;
    private String xTitle = "x";
    private String yTitle = "y";
    private double[] start;
    private double[] minimum;
    private int width = 1200;
    private int height = 820;

    /**
     * @param levels the values of {@code function} at which to draw contour lines, increasing and positive
     *               (the background colours {@code log10 f} between the first and the last)
     */
    public ContourPlot(String title, DoubleBinaryOperator function, double xMin, double xMax, double yMin,
                       double yMax, double[] levels) {
        this.title = title;
        this.function = function;
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
        this.levels = levels.clone();
    }

    /** The image size in pixels; default 1200 x 820. */
    public ContourPlot size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    /**
     * Colours each background pixel by {@code shading.apply(f(x, y))}, in place of the pale ramp over
     * {@code log10 f} (which needs positive levels).
     */
    public ContourPlot shading(DoubleFunction<Color> shading) {
        this.shading = shading;
        return this;
    }

    /** Draws the contour lines in {@code color} and {@code width}; a {@code name} lists them in the legend. */
    public ContourPlot contourStyle(Color color, float width, String name) {
        this.contourColor = color;
        this.contourWidth = width;
        this.contourName = name;
        return this;
    }

    /** The titles of the axes; default {@code x} and {@code y}. */
    public ContourPlot axisTitles(String x, String y) {
        this.xTitle = x;
        this.yTitle = y;
        return this;
    }

    public ContourPlot start(double x, double y) {
        this.start = new double[] {x, y};
        return this;
    }

    public ContourPlot minimum(double x, double y) {
        this.minimum = new double[] {x, y};
        return this;
    }

    public ContourPlot add(Trace trace) {
        traces.add(trace);
        return this;
    }

    public ContourPlot add(Points set) {
        points.add(set);
        return this;
    }

    public void savePng(Path file) throws IOException {
        Charts.writePng(render(), file);
    }

    /** Draws the plot. */
    public BufferedImage render() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int plotW = width - LEFT - RIGHT;
        int plotH = height - TOP - BOTTOM;
        Rectangle2D plot = new Rectangle2D.Double(LEFT, TOP, plotW, plotH);

        double[] xs = new double[GRID + 1];
        double[] ys = new double[GRID + 1];
        double[][] values = new double[GRID + 1][GRID + 1];
        for (int i = 0; i <= GRID; i++) {
            xs[i] = xMin + (xMax - xMin) * i / GRID;
            ys[i] = yMin + (yMax - yMin) * i / GRID;
        }
        for (int j = 0; j <= GRID; j++) {
            for (int i = 0; i <= GRID; i++) {
                values[j][i] = function.applyAsDouble(xs[i], ys[j]);
            }
        }
        drawBackground(g, plotW, plotH);
        g.setClip(plot);
        drawContours(g, xs, ys, values);
        drawPoints(g);
        drawTraces(g);
        drawMarkers(g);
        g.setClip(null);
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.draw(plot);
        drawAxes(g, plot);
        drawLegend(g, plot);
        g.dispose();
        return image;
    }

    private double px(double x) {
        return LEFT + (x - xMin) / (xMax - xMin) * (width - LEFT - RIGHT);
    }

    private double py(double y) {
        return TOP + (yMax - y) / (yMax - yMin) * (height - TOP - BOTTOM);
    }

    /** Each pixel of the plot coloured by {@code log10 f}, from a pale blue (low) to a pale sand (high). */
    private void drawBackground(Graphics2D g, int plotW, int plotH) {
        double lo = Math.log10(levels[0]);
        double hi = Math.log10(levels[levels.length - 1]);
        BufferedImage bg = new BufferedImage(plotW, plotH, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < plotH; r++) {
            double y = yMax - (r + 0.5) / plotH * (yMax - yMin);
            for (int c = 0; c < plotW; c++) {
                double x = xMin + (c + 0.5) / plotW * (xMax - xMin);
                double f = function.applyAsDouble(x, y);
                if (shading != null) {
                    bg.setRGB(c, r, shading.apply(f).getRGB());
                    continue;
                }
                double t = (Math.log10(Math.max(f, 1e-300)) - lo) / (hi - lo);
                bg.setRGB(c, r, pale(Math.max(0, Math.min(1, t))).getRGB());
            }
        }
        g.drawImage(bg, LEFT, TOP, null);
    }

    /** A pale ramp through blue, green and sand, so that the coloured paths stay the strongest marks. */
    private static Color pale(double t) {
        float[][] stops = {{0.20f, 0.35f, 0.75f}, {0.25f, 0.65f, 0.65f}, {0.55f, 0.80f, 0.40f}, {0.95f, 0.85f, 0.45f}};
        double pos = t * (stops.length - 1);
        int k = Math.min((int) pos, stops.length - 2);
        double u = pos - k;
        float[] rgb = new float[3];
        for (int i = 0; i < 3; i++) {
            double v = stops[k][i] * (1 - u) + stops[k + 1][i] * u;
            rgb[i] = (float) (0.35 * v + 0.65); // mixed with white
        }
        return new Color(rgb[0], rgb[1], rgb[2]);
    }

    private void drawContours(Graphics2D g, double[] xs, double[] ys, double[][] values) {
        g.setColor(contourColor);
        g.setStroke(new BasicStroke(contourWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (double level : levels) {
            for (MarchingSquares.Segment s : MarchingSquares.contour(xs, ys, values, level)) {
                g.draw(new Line2D.Double(px(s.x1()), py(s.y1()), px(s.x2()), py(s.y2())));
            }
        }
    }

    private void drawPoints(Graphics2D g) {
        g.setStroke(new BasicStroke(0.8f));
        for (Points set : points) {
            for (int i = 0; i < set.xs().length; i++) {
                Shape dot = new Ellipse2D.Double(px(set.xs()[i]) - 4, py(set.ys()[i]) - 4, 8, 8);
                g.setColor(set.color());
                g.fill(dot);
                g.setColor(Color.BLACK);
                g.draw(dot);
            }
        }
    }

    private void drawTraces(Graphics2D g) {
        for (Trace t : traces) {
            Path2D.Double path = new Path2D.Double();
            boolean started = false;
            int last = -1;
            for (int i = 0; i < t.xs().length; i++) {
                if (!Double.isFinite(t.xs()[i]) || !Double.isFinite(t.ys()[i])) {
                    break;
                }
                // Far outside the plot, Java2D's coordinates would overflow: stop the line there.
                double x = clamp(px(t.xs()[i]));
                double y = clamp(py(t.ys()[i]));
                if (!started) {
                    path.moveTo(x, y);
                    started = true;
                } else {
                    path.lineTo(x, y);
                }
                last = i;
            }
            // Slightly transparent, so that paths running along one valley still show beneath each other.
            g.setColor(new Color(t.color().getRed(), t.color().getGreen(), t.color().getBlue(), 210));
            g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path);
            g.setColor(t.color());
            if (last >= 0) {
                double x = px(t.xs()[last]);
                double y = py(t.ys()[last]);
                Shape dot = new Ellipse2D.Double(x - 5, y - 5, 10, 10);
                g.fill(dot);
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(1f));
                g.draw(dot);
            }
        }
    }

    private static double clamp(double pixel) {
        return Math.max(-1e5, Math.min(1e5, pixel));
    }

    private void drawMarkers(Graphics2D g) {
        if (start != null) {
            double x = px(start[0]);
            double y = py(start[1]);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(2.5f));
            g.draw(new Ellipse2D.Double(x - 8, y - 8, 16, 16));
        }
        if (minimum != null) {
            double x = px(minimum[0]);
            double y = py(minimum[1]);
            g.setStroke(new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(Color.WHITE);
            g.draw(new Line2D.Double(x - 9, y - 9, x + 9, y + 9));
            g.draw(new Line2D.Double(x - 9, y + 9, x + 9, y - 9));
            g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(Color.BLACK);
            g.draw(new Line2D.Double(x - 9, y - 9, x + 9, y + 9));
            g.draw(new Line2D.Double(x - 9, y + 9, x + 9, y - 9));
        }
    }

    private void drawAxes(Graphics2D g, Rectangle2D plot) {
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (float) (plot.getCenterX() - fm.stringWidth(title) / 2.0), TOP - 22);
        g.setFont(TICK);
        fm = g.getFontMetrics();
        g.setStroke(new BasicStroke(1f));
        for (double x : ticks(xMin, xMax)) {
            double p = px(x);
            g.draw(new Line2D.Double(p, plot.getMaxY(), p, plot.getMaxY() + 6));
            String s = tickLabel(x);
            g.drawString(s, (float) (p - fm.stringWidth(s) / 2.0), (float) plot.getMaxY() + 8 + fm.getAscent());
        }
        for (double y : ticks(yMin, yMax)) {
            double p = py(y);
            g.draw(new Line2D.Double(plot.getMinX() - 6, p, plot.getMinX(), p));
            String s = tickLabel(y);
            g.drawString(s, (float) (plot.getMinX() - 10 - fm.stringWidth(s)), (float) (p + fm.getAscent() / 2.0 - 2));
        }
        g.setFont(LABEL);
        fm = g.getFontMetrics();
        g.drawString(xTitle, (float) (plot.getCenterX() - fm.stringWidth(xTitle) / 2.0), (float) plot.getMaxY() + 50);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yTitle, (float) -(plot.getCenterY() + fm.stringWidth(yTitle) / 2.0), LEFT - 50);
        rotated.dispose();
    }

    /** Round tick positions, about eight of them, inside {@code [lo, hi]}. */
    static List<Double> ticks(double lo, double hi) {
        double raw = (hi - lo) / 8;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(lo / step - 1e-9) * step; t <= hi + 1e-9 * step; t += step) {
            ticks.add(Math.abs(t) < 1e-12 * step ? 0.0 : t);
        }
        return ticks;
    }

    private static String tickLabel(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private void drawLegend(Graphics2D g, Rectangle2D plot) {
        g.setFont(LEGEND);
        FontMetrics fm = g.getFontMetrics();
        int lineHeight = fm.getHeight() + 6;
        int rows = traces.size() + points.size() + (contourName != null ? 1 : 0) + (start != null ? 1 : 0)
                + (minimum != null ? 1 : 0);
        int x = (int) plot.getMaxX() + 20;
        int y = TOP;
        int boxW = RIGHT - 35;
        g.setColor(Color.WHITE);
        g.fillRect(x, y, boxW, rows * lineHeight + 12);
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(x, y, boxW, rows * lineHeight + 12);
        int row = y + 8 + fm.getAscent();
        for (Trace t : traces) {
            g.setColor(t.color());
            g.setStroke(new BasicStroke(3f));
            g.draw(new Line2D.Double(x + 10, row - fm.getAscent() / 2.0 + 1, x + 36, row - fm.getAscent() / 2.0 + 1));
            g.setColor(Color.BLACK);
            g.drawString(t.name() + (t.note().isEmpty() ? "" : "  " + t.note()), x + 44, row);
            row += lineHeight;
        }
        for (Points set : points) {
            Shape dot = new Ellipse2D.Double(x + 19, row - fm.getAscent() / 2.0 - 3, 8, 8);
            g.setColor(set.color());
            g.fill(dot);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(0.8f));
            g.draw(dot);
            g.drawString(set.name(), x + 44, row);
            row += lineHeight;
        }
        if (contourName != null) {
            g.setColor(contourColor);
            g.setStroke(new BasicStroke(contourWidth));
            g.draw(new Line2D.Double(x + 10, row - fm.getAscent() / 2.0 + 1, x + 36, row - fm.getAscent() / 2.0 + 1));
            g.setColor(Color.BLACK);
            g.drawString(contourName, x + 44, row);
            row += lineHeight;
        }
        g.setStroke(new BasicStroke(2f));
        if (start != null) {
            g.draw(new Ellipse2D.Double(x + 17, row - fm.getAscent() / 2.0 - 5, 11, 11));
            g.drawString("start", x + 44, row);
            row += lineHeight;
        }
        if (minimum != null) {
            double cx = x + 23;
            double cy = row - fm.getAscent() / 2.0 + 1;
            g.draw(new Line2D.Double(cx - 6, cy - 6, cx + 6, cy + 6));
            g.draw(new Line2D.Double(cx - 6, cy + 6, cx + 6, cy - 6));
            g.drawString("minimum", x + 44, row);
        }
    }
}
