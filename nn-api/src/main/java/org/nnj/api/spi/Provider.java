package org.nnj.api.spi;

/**
 * What every plugin provider has: a stable name, which is what a model file stores and what users type.
 *
 * <p>Names are lower case letters, digits, {@code '_'} and {@code '-'} (for example {@code "conv2d"},
 * {@code "leaky_relu"}); the registry rejects others. Two providers with one name are an error that
 * names both classes. A provider is listed in {@code META-INF/services/<its SPI interface>} (or
 * {@code provides} in {@code module-info.java}), needs a public no-argument constructor, and does no I/O
 * or heavy work when constructed.
 */
public interface Provider {

    /** The stable, unique name of what this provider builds. */
    String name();

    /** One line for listings, for example {@code "fully connected layer, weights [out, in]"}. */
    default String description() {
        return "";
    }

    /**
     * The version of the config format this provider reads and writes, stored in model files beside each
     * config. Start at 1; raise it when the meaning of the config changes (a key renamed, a default
     * changed), and keep accepting the configs of older versions. A model file that needs a newer
     * version than the provider on the class path fails to load with a message naming both.
     */
    default int version() {
        return 1;
    }
}
