package org.nnj.api.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * The default {@link Layer#describe()}: what a plugin layer that does not override it shows in a model
 * summary.
 */
class LayerDescribeTest {

    /** A plugin-like layer that only says what every layer must: its type and config. */
    private static final class PluginLayer extends AbstractLayer {
        private final Config config;

        PluginLayer(Config config) {
            super("scale", Shape.of(3), Shape.of(3));
            this.config = config;
        }

        @Override
        public Config config() {
            return config;
        }

        @Override
        protected Tensor doForward(Tensor input, LayerContext context) {
            return input;
        }

        @Override
        protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
            return gradOutput;
        }
    }

    @Test
    void aLayerWithSettingsShowsTheTypeAndEveryKey() {
        assertEquals("scale(factor=2.5, axes=1x2, trainable=false)",
                new PluginLayer(Config.of("factor", 2.5, "axes", new int[] {1, 2}, "trainable", false)).describe());
    }

    @Test
    void aLayerWithoutSettingsShowsItsTypeAlone() {
        assertEquals("scale", new PluginLayer(Config.empty()).describe());
    }
}
