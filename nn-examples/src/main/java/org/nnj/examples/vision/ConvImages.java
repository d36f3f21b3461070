package org.nnj.examples.vision;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.nnj.api.tensor.Tensor;
import org.nnj.examples.render.ColorMap;
import org.nnj.examples.render.ImageGrid;
import org.nnj.examples.render.Tile;

/**
 * Pictures of what a convolution learnt: its filters, and its activation maps for one image. Shared by
 * {@code ./nn feature-maps} (after training) and the live dashboard (after each epoch).
 */
public final class ConvImages {
    private ConvImages() {
    }

    /**
     * The filters {@code w} ({@code [out, in, kh, kw]}, a convolution's weight) of layer {@code index}, one tile per
     * output and input channel, on one colour scale.
     */
    public static BufferedImage filters(Tensor w, int index) {
        int filters = w.dim(0);
        int channels = w.dim(1);
        int kh = w.dim(2);
        int kw = w.dim(3);
        List<Tile> tiles = new ArrayList<>();
        for (int o = 0; o < filters; o++) {
            for (int c = 0; c < channels; c++) {
                tiles.add(Tile.of(w.data(), w.offset() + ((o * channels + c) * kh) * kw, kh, kw,
                        channels == 1 ? "#" + o : "#" + o + "/" + c));
            }
        }
        String title = "Layer " + index + ": the " + filters + " filters of " + kh + "x" + kw
                + " (red positive, blue negative, one scale)";
        return ImageGrid.builder(title).columns(8).scale(Math.max(4, 64 / Math.max(kh, kw)))
                .colorMap(ColorMap.DIVERGING).sharedRange(true).render(tiles);
    }

    /** One grey tile per channel of {@code maps} ({@code [1, C, H, W]}), each on its own scale. */
    public static BufferedImage maps(Tensor maps, String title) {
        int channels = maps.dim(1);
        int h = maps.dim(2);
        int w = maps.dim(3);
        List<Tile> tiles = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            tiles.add(Tile.of(maps.data(), maps.offset() + c * h * w, h, w, "#" + c));
        }
        return ImageGrid.builder(title).columns(8).scale(Math.max(2, 84 / Math.max(h, w))).render(tiles);
    }
}
