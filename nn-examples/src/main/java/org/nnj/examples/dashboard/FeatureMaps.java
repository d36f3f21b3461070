package org.nnj.examples.dashboard;

import java.io.IOException;
import java.util.List;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.layer.Layer;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.model.CallContext;
import org.nnj.core.model.Sequential;
import org.nnj.examples.render.Png;
import org.nnj.examples.vision.ConvImages;
import org.nnj.layers.activation.ActivationLayer;
import org.nnj.layers.conv.Conv2d;

/**
 * The dashboard's pictures of a CNN whose first layer is a convolution: that layer's filters, and its activation
 * maps (after the activation that follows it, if one does) for one fixed image, drawn as
 * {@code ./nn feature-maps} draws them. {@link #capture} copies both from the model as it is now (one forward
 * pass of one image through one or two layers); {@link Pictures#write} draws them into the run's two image files
 * ({@link RunsDirectory#imageFor}), each replaced in one move ({@link Png}) so a reader never sees half a file.
 */
final class FeatureMaps {
    private final Conv2d conv;
    private final ActivationLayer activation; // or null
    private final ComputeBackend backend;
    private final Tensor image;
    private final String caption;

    private FeatureMaps(Conv2d conv, ActivationLayer activation, ComputeBackend backend, Tensor image, String caption) {
        this.conv = conv;
        this.activation = activation;
        this.backend = backend;
        this.image = image;
        this.caption = caption;
    }

    /**
     * For {@code model} when its first layer is a {@link Conv2d}, showing {@code pixels} (one example of the model's
     * input shape) captioned {@code caption}; null for any other model.
     */
    static FeatureMaps of(Sequential model, ComputeBackend backend, float[] pixels, String caption) {
        List<Layer> layers = model.layers();
        if (layers.isEmpty() || !(layers.get(0) instanceof Conv2d conv)) {
            return null;
        }
        Shape input = model.inputShape();
        if (pixels.length != input.size()) {
            throw new IllegalArgumentException("the image has " + pixels.length + " values; the model's input "
                    + input + " has " + input.size());
        }
        ActivationLayer activation = layers.size() > 1 && layers.get(1) instanceof ActivationLayer a ? a : null;
        return new FeatureMaps(conv, activation, backend, Tensor.wrap(pixels.clone(), input.withBatch(1)), caption);
    }

    /**
     * The filters and the maps of the model as it is after {@code epoch}, copied (a forward pass of the image
     * through one or two layers): cheap, for the training thread; {@link Pictures#write} draws them anywhere later.
     */
    Pictures capture(int epoch) {
        CallContext context = CallContext.inference(backend);
        Tensor maps = conv.forward(image, context);
        if (activation != null) {
            maps = activation.forward(maps, context);
        }
        String after = activation != null ? ", after " + activation.activation().type() : "";
        return new Pictures(conv.weight().value().copy(), maps.copy(),
                "Layer 0: " + conv + after + ", epoch " + epoch + "\n" + caption);
    }

    /** A copy of a convolution's filters and maps at one time, drawn by {@link #write}. */
    record Pictures(Tensor filters, Tensor maps, String title) {
        /** Draws both into the run's image files. */
        void write(RunsDirectory runs, String run) throws IOException {
            Png.write(ConvImages.filters(filters, 0), runs.imageFor(run, RunsDirectory.FILTERS));
            Png.write(ConvImages.maps(maps, title), runs.imageFor(run, RunsDirectory.MAPS));
        }
    }
}
