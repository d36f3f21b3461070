package org.nnj.core.io;

import java.util.Objects;
import org.nnj.api.config.Config;

/**
 * One layer of an {@link Architecture}: the name of the provider that builds it, the version of that
 * provider's config format, and the config.
 *
 * @param type    the layer provider's name, for example {@code "dense"}
 * @param version the provider's {@link org.nnj.api.spi.Provider#version()} when the file was written
 * @param config  the layer's {@link org.nnj.api.layer.Layer#config()}
 */
public record LayerSpec(String type, int version, Config config) {

    public LayerSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(config, "config");
    }
}
