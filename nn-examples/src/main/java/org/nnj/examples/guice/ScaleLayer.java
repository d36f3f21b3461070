package org.nnj.examples.guice;

import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * {@code y = factor * x}, a layer without parameters: the application's own plugin, registered through
 * Guice or by hand, never through {@code META-INF/services}.
 */
public final class ScaleLayer extends AbstractLayer {
    public static final String TYPE = "scale";

    private final float factor;

    public ScaleLayer(Shape shape, float factor) {
        super(TYPE, shape, shape);
        this.factor = factor;
    }

    @Override
    public Config config() {
        return Config.of("factor", (double) factor);
    }

    @Override
    protected Tensor doForward(Tensor input, LayerContext context) {
        Tensor output = context.allocate(input.shape());
        output.copyFrom(input);
        context.backend().scale(output.size(), factor, output.data(), output.offset());
        return output;
    }

    @Override
    protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
        if (!context.needsInputGradient()) {
            return null;
        }
        Tensor gradInput = context.allocate(gradOutput.shape());
        gradInput.copyFrom(gradOutput);
        context.backend().scale(gradInput.size(), factor, gradInput.data(), gradInput.offset());
        return gradInput;
    }
}
