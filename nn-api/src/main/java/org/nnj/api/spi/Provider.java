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
}
