package org.nnj.examples.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.nnj.core.train.ConfusionMatrix;

/**
 * A confusion matrix as a heat map: rows are the true classes, columns the predicted ones, each cell
 * showing its count, the recall of each class beside its row. A cell is shaded by the share of its row
 * (so a class with few examples reads like one with many), on a square-root scale so that the confusions
 * of a few percent, the interesting part, still show; the diagonal in blue, the confusions in red.
 */
public final class ConfusionImage {
    private static final int CELL = 56;
    private static final int PAD = 14;
    private static final Color TEXT = new Color(0x20, 0x20, 0x20);
    private static final Color FAINT = new Color(0xB0, 0xB0, 0xB0);
    private static final Color GRID = new Color(0xE0, 0xE0, 0xE0);
    /** The dark end of the diagonal's shading (a deep blue); the light end is white. */
    private static final Color RIGHT = new Color(0x08, 0x30, 0x6B);
    /** The dark end of the confusions' shading (a deep red). */
    private static final Color WRONG = new Color(0xA5, 0x0F, 0x15);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font AXIS = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font COUNT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private ConfusionImage() {
    }

    /** The picture of {@code matrix}, {@code names} by class index (numbers stand in for missing names). */
    public static BufferedImage render(ConfusionMatrix matrix, List<String> names, String title) {
        int n = matrix.classes();
        long[][] counts = matrix.counts();
        String[] labels = new String[n];
        for (int c = 0; c < n; c++) {
            labels[c] = c < names.size() ? names.get(c) : Integer.toString(c);
        }
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics labelMetrics = pg.getFontMetrics(LABEL);
        FontMetrics titleMetrics = pg.getFontMetrics(TITLE);
        int labelWidth = 0;
        for (String l : labels) {
            labelWidth = Math.max(labelWidth, labelMetrics.stringWidth(l));
        }
        pg.dispose();

        int axisBand = 24; // room for the rotated "true class"
        int gridLeft = PAD + axisBand + labelWidth + 10;
        int gridTop = PAD + 30 + 22 + labelWidth + 10; // title, "predicted class", column labels
        int recallWidth = 70;
        int width = Math.max(gridLeft + n * CELL + recallWidth + PAD, titleMetrics.stringWidth(title) + 2 * PAD);
        int height = gridTop + n * CELL + PAD + 18;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);

            g.setColor(TEXT);
            g.setFont(TITLE);
            g.drawString(title, PAD, PAD + titleMetrics.getAscent());

            g.setFont(AXIS);
            centered(g, "predicted class", gridLeft + n * CELL / 2, PAD + 30 + g.getFontMetrics().getAscent());
            g.setFont(LABEL);
            centered(g, "recall", gridLeft + n * CELL + recallWidth / 2, gridTop - 8);
            // Column labels, rotated to read upwards, their ends just above the grid.
            for (int c = 0; c < n; c++) {
                int x = gridLeft + c * CELL + CELL / 2 + labelMetrics.getAscent() / 2 - 2;
                AffineTransform saved = g.getTransform();
                g.translate(x, gridTop - 6);
                g.rotate(-Math.PI / 2);
                g.drawString(labels[c], 0, 0);
                g.setTransform(saved);
            }
            // "true class", rotated, beside the row labels.
            g.setFont(AXIS);
            AffineTransform saved = g.getTransform();
            g.translate(PAD + g.getFontMetrics().getAscent(), gridTop + n * CELL / 2);
            g.rotate(-Math.PI / 2);
            centered(g, "true class", 0, 0);
            g.setTransform(saved);

            for (int t = 0; t < n; t++) {
                int y = gridTop + t * CELL;
                g.setFont(LABEL);
                g.setColor(TEXT);
                g.drawString(labels[t], gridLeft - 8 - labelMetrics.stringWidth(labels[t]),
                        y + CELL / 2 + labelMetrics.getAscent() / 2 - 2);
                long support = matrix.support(t);
                for (int p = 0; p < n; p++) {
                    int x = gridLeft + p * CELL;
                    double share = support == 0 ? 0 : (double) counts[t][p] / support;
                    double strength = Math.sqrt(share);
                    g.setColor(shade(p == t ? RIGHT : WRONG, strength));
                    g.fillRect(x, y, CELL, CELL);
                    g.setColor(GRID);
                    g.drawRect(x, y, CELL, CELL);
                    g.setFont(p == t ? COUNT.deriveFont(Font.BOLD) : COUNT);
                    g.setColor(counts[t][p] == 0 ? FAINT : strength > 0.6 ? Color.WHITE : TEXT);
                    centered(g, Long.toString(counts[t][p]), x + CELL / 2,
                            y + CELL / 2 + g.getFontMetrics().getAscent() / 2 - 2);
                }
                double recall = matrix.recall(t);
                g.setFont(COUNT);
                g.setColor(TEXT);
                centered(g, Double.isNaN(recall) ? "-" : String.format(Locale.ROOT, "%.3f", recall),
                        gridLeft + n * CELL + recallWidth / 2, y + CELL / 2 + g.getFontMetrics().getAscent() / 2 - 2);
            }
            g.setColor(Color.GRAY);
            g.drawRect(gridLeft, gridTop, n * CELL, n * CELL);
            g.setFont(LABEL.deriveFont(11f));
            g.setColor(Color.GRAY);
            g.drawString("counts; shade: share of the true class (square root), blue right, red confused",
                    gridLeft, gridTop + n * CELL + 16);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** White for 0, {@code dark} for 1. */
    private static Color shade(Color dark, double strength) {
        double s = Math.max(0, Math.min(1, strength));
        return new Color(mix(255, dark.getRed(), s), mix(255, dark.getGreen(), s), mix(255, dark.getBlue(), s));
    }

    private static int mix(int from, int to, double s) {
        return (int) Math.round(from + (to - from) * s);
    }

    private static void centered(Graphics2D g, String text, int x, int baseline) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }
}
