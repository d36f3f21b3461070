package org.nnj.layers.reshape;

import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * Turns each sample into one dimension of features, {@code [C, H, W] -> [C * H * W]} in row-major order, as
 * PyTorch's {@code nn.Flatten()} (which keeps the batch dimension): the bridge from convolutions to dense
 * layers. Both passes return views that share the data; nothing is copied. No parameters, no config keys
 * (provider {@code "flatten"}).
 */
public final class Flatten extends AbstractLayer {
    /** The provider name. */
    public static final String TYPE = "flatten";

    /** A layer flattening samples of {@code inputShape} (any rank, even already flat). */
    public Flatten(Shape inputShape) {
        super(TYPE, inputShape, Shape.of(inputShape.size()));
    }

    /** Empty: the input shape is all there is. */
    @Override
    public Config config() {
        return Config.empty();
    }

    @Override
    protected Tensor doForward(Tensor input, LayerContext context) {
        return input.reshape(outputShape().withBatch(input.dim(0)));
    }

    @Override
    protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
        if (!context.needsInputGradient()) {
            return null;
        }
        return gradOutput.reshape(inputShape().withBatch(gradOutput.dim(0)));
    }
}
