package org.nnj.examples.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * Draws small planes of values (images, filters, activation maps) as a grid of enlarged tiles with a
 * caption under each and a title on top, into a {@link BufferedImage}. Each pixel becomes a
 * {@code scale x scale} block, so the individual weights and pixels stay visible.
 *
 * <pre>{@code
 * BufferedImage image = ImageGrid.builder("conv1 filters").columns(8).scale(8).colorMap(ColorMap.DIVERGING)
 *         .sharedRange(true).render(tiles);
 * Png.write(image, Path.of("filters.png"));
 * }</pre>
 */
public final class ImageGrid {
    private static final int GAP = 8;
    private static final int MARGIN = 12;
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color TEXT = new Color(0x20, 0x20, 0x20);

    private final String title;
    private int columns = 8;
    private int scale = 6;
    private ColorMap colorMap = ColorMap.GREY;
    private boolean sharedRange;

    private ImageGrid(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /**
     * A grid with {@code title} above it (lines separated by {@code '\n'}); 8 columns, pixels enlarged 6
     * times, grey, each tile its own range.
     */
    public static ImageGrid builder(String title) {
        return new ImageGrid(title);
    }

    /** Tiles per row. */
    public ImageGrid columns(int columns) {
        this.columns = Math.max(1, columns);
        return this;
    }

    /** How many screen pixels one value takes, per side. */
    public ImageGrid scale(int scale) {
        this.scale = Math.max(1, scale);
        return this;
    }

    public ImageGrid colorMap(ColorMap colorMap) {
        this.colorMap = Objects.requireNonNull(colorMap, "colorMap");
        return this;
    }

    /**
     * True: one value range for all tiles, so they can be compared (filters); false: each tile stretched to
     * its own range, so weak maps stay visible (activations).
     */
    public ImageGrid sharedRange(boolean sharedRange) {
        this.sharedRange = sharedRange;
        return this;
    }

    /** The picture of {@code tiles}, in order, row by row. */
    public BufferedImage render(List<Tile> tiles) {
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("no tiles to draw for " + title);
        }
        int tileW = 0;
        int tileH = 0;
        float low = Float.POSITIVE_INFINITY;
        float high = Float.NEGATIVE_INFINITY;
        for (Tile t : tiles) {
            tileW = Math.max(tileW, t.width() * scale);
            tileH = Math.max(tileH, t.height() * scale);
            low = Math.min(low, t.min());
            high = Math.max(high, t.max());
        }
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 14);
        Font captionFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        // Measure the text on a scratch image: the caption width can set the column width.
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D measure = scratch.createGraphics();
        FontMetrics captionMetrics = measure.getFontMetrics(captionFont);
        FontMetrics titleMetrics = measure.getFontMetrics(titleFont);
        int cellW = tileW;
        int captionLines = 1;
        for (Tile t : tiles) {
            String[] lines = t.caption().split("\n");
            captionLines = Math.max(captionLines, lines.length);
            for (String line : lines) {
                cellW = Math.max(cellW, captionMetrics.stringWidth(line));
            }
        }
        measure.dispose();
        int cols = Math.min(columns, tiles.size());
        int rows = (tiles.size() + cols - 1) / cols;
        int captionH = captionLines * captionMetrics.getHeight() + 2;
        String[] titleLines = title.split("\n");
        int titleH = titleLines.length * titleMetrics.getHeight() + GAP;
        int titleW = 0;
        for (String line : titleLines) {
            titleW = Math.max(titleW, titleMetrics.stringWidth(line));
        }
        int width = Math.max(2 * MARGIN + cols * cellW + (cols - 1) * GAP, 2 * MARGIN + titleW);
        int height = 2 * MARGIN + titleH + rows * (tileH + captionH) + (rows - 1) * GAP;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            g.setColor(TEXT);
            g.setFont(titleFont);
            for (int line = 0; line < titleLines.length; line++) {
                g.drawString(titleLines[line], MARGIN, MARGIN + line * titleMetrics.getHeight() + titleMetrics.getAscent());
            }
            g.setFont(captionFont);
            for (int i = 0; i < tiles.size(); i++) {
                Tile t = tiles.get(i);
                int x = MARGIN + (i % cols) * (cellW + GAP);
                int y = MARGIN + titleH + (i / cols) * (tileH + captionH + GAP);
                float lo = sharedRange ? low : t.min();
                float hi = sharedRange ? high : t.max();
                int left = x + (cellW - t.width() * scale) / 2;
                drawTile(image, t, left, y, lo, hi);
                g.setColor(Color.LIGHT_GRAY);
                g.drawRect(left - 1, y - 1, t.width() * scale + 1, t.height() * scale + 1);
                g.setColor(TEXT);
                String[] lines = t.caption().split("\n");
                for (int line = 0; line < lines.length; line++) {
                    int captionX = x + (cellW - captionMetrics.stringWidth(lines[line])) / 2;
                    g.drawString(lines[line], captionX, y + tileH + 2 + line * captionMetrics.getHeight()
                            + captionMetrics.getAscent());
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private void drawTile(BufferedImage image, Tile t, int left, int top, float low, float high) {
        for (int r = 0; r < t.height(); r++) {
            for (int c = 0; c < t.width(); c++) {
                int rgb = colorMap.rgb(t.values()[r * t.width() + c], low, high);
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(left + c * scale + dx, top + r * scale + dy, rgb);
                    }
                }
            }
        }
    }
}
