package org.nnj.layers.spatial;

import org.nnj.api.ShapeException;
import org.nnj.api.tensor.Shape;

/**
 * The per-sample shape of an image, {@code [channels, height, width]} (NCHW without the N), as the 2-D
 * layers take it.
 */
public record ImageShape(int channels, int height, int width) {

    /**
     * The image shape of a layer's input.
     *
     * @param layerName for the message, for example {@code "layer 3 (conv2d)"}
     * @param layerKind what the layer is, for example {@code "a 2-D convolution"}
     * @throws ShapeException naming the layer when {@code shape} is not of rank 3
     */
    public static ImageShape of(Shape shape, String layerName, String layerKind) {
        if (shape.rank() != 3) {
            throw new ShapeException(layerName + ": " + layerKind + " takes images of [channels, height, width] per"
                    + " sample, got input shape " + shape
                    + (shape.rank() == 1 ? "; build the model with an image input shape such as [1, 28, 28]"
                    : shape.rank() == 2 ? "; give grey images one channel, [1, " + shape.dim(0) + ", " + shape.dim(1) + "]"
                    : ""));
        }
        return new ImageShape(shape.dim(0), shape.dim(1), shape.dim(2));
    }

    /** {@code [channels, height, width]}. */
    public Shape toShape() {
        return Shape.of(channels, height, width);
    }

    /** {@code height * width}. */
    public int planeSize() {
        return height * width;
    }
}
