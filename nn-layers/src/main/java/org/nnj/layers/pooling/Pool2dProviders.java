package org.nnj.layers.pooling;

import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;
import org.nnj.layers.spatial.SpatialConfig;

/** The config keys the two pooling providers share. */
final class Pool2dProviders {
    private Pool2dProviders() {
    }

    /** The window settings from a config: {@code [kernel, stride, padding]}, each {@code [height, width]}. */
    static int[][] window(Config c, String owner) {
        if (!c.has("kernel")) {
            throw new ConfigException(owner + ": missing required key 'kernel' (an integer or [height,"
                    + " width])");
        }
        int[] kernel = SpatialConfig.pair(c, owner, "kernel", new int[0], 1);
        int[] stride = SpatialConfig.pair(c, owner, "stride", kernel, 1);
        int[] padding = SpatialConfig.pair(c, owner, "padding", new int[] {0, 0}, 0);
        return new int[][] {kernel, stride, padding};
    }
}
