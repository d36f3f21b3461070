package org.nnj.core.registry;

import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.spi.LayerProvider;

/** Listed only in {@code broken-plugins/META-INF/services}: a plugin whose constructor fails. */
public final class ThrowingLayerProvider implements LayerProvider {

    public ThrowingLayerProvider() {
        throw new IllegalStateException("this provider is broken on purpose");
    }

    @Override
    public String name() {
        return "never_loaded";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        throw new UnsupportedOperationException();
    }
}
