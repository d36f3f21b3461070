package org.nnj.layers.spatial;

import java.util.Arrays;
import org.nnj.api.ConfigException;
import org.nnj.api.config.Config;

/**
 * Reading the settings of 2-D layers from a {@link Config}: a size given for both axes at once or per axis,
 * as PyTorch takes {@code kernel_size=3} or {@code kernel_size=(3, 5)}.
 */
public final class SpatialConfig {
    private SpatialConfig() {
    }

    /**
     * {@code [height, width]} from an integer (both axes) or a list of one or two integers, each at least
     * {@code min}; {@code defaultValue} when the key is absent.
     *
     * @param owner for messages, for example {@code "layer 2 (conv2d)"}
     * @throws ConfigException naming the owner and the key for a wrong type, length or value
     */
    public static int[] pair(Config config, String owner, String key, int[] defaultValue, int min) {
        if (!config.has(key)) {
            return defaultValue.clone();
        }
        int[] v = config.getIntArray(key);
        if (v.length == 1) {
            v = new int[] {v[0], v[0]};
        }
        if (v.length != 2) {
            throw new ConfigException(owner + ": '" + key + "' must be one integer or [height, width], got "
                    + Arrays.toString(v));
        }
        for (int x : v) {
            if (x < min) {
                throw new ConfigException(owner + ": '" + key + "' must be at least " + min + ", got "
                        + Arrays.toString(v));
            }
        }
        return v;
    }
}
