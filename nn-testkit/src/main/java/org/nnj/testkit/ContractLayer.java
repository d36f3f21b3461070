package org.nnj.testkit;

import java.util.List;
import java.util.SplittableRandom;
import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.layer.Parameter;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * A layer with a weight {@code [units, in]} and a bias {@code [units]}, so that {@link OptimizerContract}
 * can save an optimizer's state through a real model file. It only holds parameters: its passes are never
 * run by the contracts (they set the gradients themselves).
 */
final class ContractLayer extends AbstractLayer {
    static final String TYPE = "nnj_testkit_params";

    private final int units;
    private final List<Parameter> parameters;

    ContractLayer(Shape input, int units, long seed) {
        super(TYPE, input, Shape.of(units));
        this.units = units;
        SplittableRandom random = new SplittableRandom(seed);
        float[] w = new float[units * input.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextDouble(-1, 1);
        }
        this.parameters = List.of(new Parameter("weight", Tensor.of(w, units, input.size())),
                new Parameter("bias", Tensor.zeros(units)));
    }

    @Override
    public Config config() {
        return Config.of("units", units);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    protected Tensor doForward(Tensor input, LayerContext context) {
        throw new UnsupportedOperationException("the optimizer contract's layer only holds parameters");
    }

    @Override
    protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
        throw new UnsupportedOperationException("the optimizer contract's layer only holds parameters");
    }

    /** Its provider, registered only in the contracts' own registries. */
    static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            config.requireOnly("units");
            return new ContractLayer(context.inputShape(), config.getIntAtLeast("units", 1), context.seed());
        }
    }
}
