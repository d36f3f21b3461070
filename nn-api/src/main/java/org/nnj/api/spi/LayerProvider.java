package org.nnj.api.spi;

import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;

/**
 * Builds layers of one type from a config, at a place in a model.
 *
 * <pre>{@code
 * public final class ScaleProvider implements LayerProvider {
 *     public String name() { return "scale"; }
 *     public Layer create(Config config, BuildContext context) {
 *         config.requireOnly("factor");
 *         return new Scale(context.inputShape(), (float) config.getDouble("factor", 2.0));
 *     }
 * }
 * }</pre>
 */
public interface LayerProvider extends Provider {

    /**
     * A layer for {@link BuildContext#inputShape()} configured by {@code config}, initialised from
     * {@link BuildContext#seed()}.
     *
     * @throws org.nnj.api.ConfigException for a bad or unknown config key
     * @throws org.nnj.api.ShapeException  when the layer cannot take that input shape
     */
    Layer create(Config config, BuildContext context);
}
