package org.nnj.onnx;

import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * A plugin's layer, as nn-onnx sees it: {@code y = factor * x + shift}, of type {@value #TYPE} (which
 * {@link TestScaleExporter} exports) or of another type, which no exporter knows.
 */
final class TestScaleLayer extends AbstractLayer {
    static final String TYPE = "test_scale";
    private final float factor;
    private final float shift;

    TestScaleLayer(String type, Shape shape, float factor, float shift) {
        super(type, shape, shape);
        this.factor = factor;
        this.shift = shift;
    }

    @Override
    public Config config() {
        return Config.of("factor", (double) factor, "shift", (double) shift);
    }

    @Override
    protected Tensor doForward(Tensor input, LayerContext context) {
        Tensor output = context.allocate(input.shape());
        for (int i = 0; i < input.size(); i++) {
            output.setFlat(i, factor * input.getFlat(i) + shift);
        }
        return output;
    }

    @Override
    protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
        throw new UnsupportedOperationException("inference only");
    }
}
