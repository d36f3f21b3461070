package org.nnj.core.registry;

import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.tensor.Tensor;

/** A test plugin listed in the test class path's META-INF/services: a layer that returns its input. */
public final class TestIdentityLayerProvider implements LayerProvider {

    @Override
    public String name() {
        return "test_identity";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        config.requireOnly();
        return new AbstractLayer("test_identity", context.inputShape(), context.inputShape()) {
            @Override
            public Config config() {
                return Config.empty();
            }

            @Override
            protected Tensor doForward(Tensor input, LayerContext ctx) {
                return input;
            }

            @Override
            protected Tensor doBackward(Tensor gradOutput, LayerContext ctx) {
                return gradOutput;
            }
        };
    }
}
