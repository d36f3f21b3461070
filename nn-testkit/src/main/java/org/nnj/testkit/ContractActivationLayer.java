package org.nnj.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * The {@code "activation"} layer for {@link ActivationContract}'s save and load check when the test class
 * path has none (nn-layers holds the real one): a plugin author needs nothing but this kit. It keeps the
 * same config as nn-layers' layer, {@code {function=<name>, ...the activation's keys}}, so a model file it
 * writes is one that nn-layers reads.
 */
final class ContractActivationLayer extends AbstractLayer {
    static final String TYPE = "activation";
    private static final String FUNCTION = "function";

    private final Activation activation;

    private ContractActivationLayer(Shape shape, Activation activation) {
        super(TYPE, shape, shape);
        this.activation = activation;
    }

    @Override
    public Config config() {
        return Config.of(FUNCTION, activation.type()).withAll(activation.config());
    }

    @Override
    protected Tensor doForward(Tensor input, LayerContext context) {
        Tensor output = context.allocate(input.shape());
        activation.forward(context.backend(), input, output);
        return output;
    }

    @Override
    protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
        throw new UnsupportedOperationException("the activation contract's layer only runs inference; "
                + "ActivationContract checks the gradients on the activation itself");
    }

    /** Its provider, registered only in the contracts' own registries, and only when no other is. */
    static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public Layer create(Config config, BuildContext context) {
            Config named = config.describedAs(context.layerName());
            String function = named.getString(FUNCTION);
            Map<String, Object> rest = new LinkedHashMap<>(named.asMap());
            rest.remove(FUNCTION);
            return new ContractActivationLayer(context.inputShape(), context.activation(function,
                    Config.fromMap(rest).describedAs(context.layerName() + " activation '" + function + "'")));
        }
    }
}
