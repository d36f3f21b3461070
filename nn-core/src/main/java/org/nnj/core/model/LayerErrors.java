package org.nnj.core.model;

import org.nnj.api.ConfigException;
import org.nnj.api.DataFormatException;
import org.nnj.api.NnException;
import org.nnj.api.ProviderException;
import org.nnj.api.ShapeException;

/**
 * Puts the layer's name in front of an error a plugin raised while building it, unless the plugin
 * already named it, keeping the exception's kind so callers can still catch a {@link ShapeException}.
 */
final class LayerErrors {
    private LayerErrors() {
    }

    static RuntimeException named(String layerName, RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof NnException && message.contains(layerName)) {
            return e;
        }
        String named = layerName + ": " + message;
        if (e instanceof ShapeException) {
            ShapeException s = new ShapeException(named);
            s.initCause(e);
            return s;
        }
        if (e instanceof ConfigException) {
            return new ConfigException(named, e);
        }
        if (e instanceof ProviderException) {
            return new ProviderException(named, e);
        }
        if (e instanceof DataFormatException) {
            return new DataFormatException(named, e);
        }
        if (e instanceof NnException) {
            return new NnException(named, e);
        }
        // Not one of ours: a bug in the plugin, reported as its failure with the original as the cause.
        return new ProviderException(layerName + ": its provider failed with " + e, e);
    }
}
