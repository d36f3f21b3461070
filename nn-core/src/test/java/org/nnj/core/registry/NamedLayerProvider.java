package org.nnj.core.registry;

import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.spi.LayerProvider;

/** Not listed anywhere: a layer provider with any name, for registries built by hand in tests. */
public class NamedLayerProvider implements LayerProvider {
    private final String name;

    public NamedLayerProvider(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        throw new UnsupportedOperationException("test provider '" + name + "' builds nothing");
    }

    /** A second class, so that a duplicate is between two different classes, as between two jars. */
    public static final class Other extends NamedLayerProvider {
        public Other(String name) {
            super(name);
        }
    }
}
