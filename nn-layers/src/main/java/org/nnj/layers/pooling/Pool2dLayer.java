package org.nnj.layers.pooling;

import org.nnj.api.ShapeException;
import org.nnj.api.backend.Pool2dGeometry;
import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.tensor.Shape;
import org.nnj.layers.spatial.ImageShape;
import org.nnj.layers.spatial.SpatialText;

/** What max and average pooling share: the geometry of one image, built and checked once, and the config. */
abstract class Pool2dLayer extends AbstractLayer {
    private final Pool2dGeometry geometry;

    Pool2dLayer(String type, ImageShape in, Pool2dGeometry geometry) {
        super(type, in.toShape(), Shape.of(in.channels(), geometry.outHeight(), geometry.outWidth()));
        this.geometry = geometry;
    }

    /**
     * The geometry for one image of {@code inputShape}, the message naming the layer and the shapes when it
     * does not fit.
     */
    static Pool2dGeometry geometry(Shape inputShape, String layerName, String kind, int[] kernel, int[] stride,
                                   int[] padding) {
        ImageShape in = ImageShape.of(inputShape, layerName, kind);
        try {
            return Pool2dGeometry.builder().batch(1).channels(in.channels()).input(in.height(), in.width())
                    .kernel(kernel[0], kernel[1]).stride(stride[0], stride[1]).padding(padding[0], padding[1])
                    .build();
        } catch (ShapeException e) {
            throw new ShapeException(layerName + ": cannot pool input " + inputShape + " with a " + kernel[0] + "x"
                    + kernel[1] + " window: " + e.getMessage());
        }
    }

    /** Whether the window runs over padding at all. */
    final boolean padded() {
        return geometry.padHeight() != 0 || geometry.padWidth() != 0;
    }

    /** The geometry for a batch of {@code n}. */
    final Pool2dGeometry geometry(int n) {
        return geometry.withBatch(n);
    }

    /** {@code {kernel, stride, padding}}, each {@code [height, width]}. */
    @Override
    public Config config() {
        return Config.of("kernel", new int[] {geometry.kernelHeight(), geometry.kernelWidth()},
                "stride", new int[] {geometry.strideHeight(), geometry.strideWidth()},
                "padding", new int[] {geometry.padHeight(), geometry.padWidth()});
    }

    /** For example {@code max_pool2d 2x2/2} (window / stride), or {@code avg_pool2d 3x3/1 pad 1}. */
    @Override
    public String describe() {
        Pool2dGeometry g = geometry;
        int[] padding = {g.padHeight(), g.padWidth()};
        return type() + " " + SpatialText.window(new int[] {g.kernelHeight(), g.kernelWidth()},
                new int[] {g.strideHeight(), g.strideWidth()})
                + (padded() ? " pad " + SpatialText.size(padding) : "");
    }

    /** For example {@code max_pool2d(2x2, stride 2x2)[6, 24, 24] -> [6, 12, 12]}. */
    @Override
    public String toString() {
        Pool2dGeometry g = geometry;
        return type() + "(" + g.kernelHeight() + "x" + g.kernelWidth() + ", stride " + g.strideHeight() + "x"
                + g.strideWidth() + (g.padHeight() == 0 && g.padWidth() == 0 ? ""
                : ", padding " + g.padHeight() + "x" + g.padWidth()) + ")" + inputShape() + " -> " + outputShape();
    }
}
