package org.nnj.api.spi;

import org.nnj.api.config.Config;

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
     * changed), and teach {@link #upgrade} to turn the configs of older versions into the current form. A
     * model file that needs a newer version than the provider on the class path fails to load with a
     * message naming both.
     */
    default int version() {
        return 1;
    }

    /**
     * The config {@code saved} by version {@code savedVersion} of this provider, rewritten in the form
     * that the current {@link #version()} reads: how a newer plugin keeps reading the files of older ones.
     * A model file reader calls it for every config it holds of this provider that was saved by an older
     * version ({@code 1 <= savedVersion < version()}; a file that records no version counts as version 1),
     * before the config reaches the factory ({@code create}); configs of the current version are passed
     * as they are, and a file from a newer version is refused before this is asked. The identity by
     * default.
     *
     * <p>Handle every older version, for example by steps: {@code if (savedVersion < 2) c = c.renamed("factor",
     * "gain"); if (savedVersion < 3) ...}. Where a default changed, write the old default into the config
     * explicitly, so that an old file keeps meaning what it meant. Throw a
     * {@link org.nnj.api.ConfigException} for a config that cannot be upgraded; the reader names the file,
     * the layer (or loss, optimizer) and this provider in front of its message.
     *
     * <pre>{@code
     * public int version() { return 2; }                        // 2 renamed "factor" to "gain"
     * public Config upgrade(int savedVersion, Config saved) {
     *     return savedVersion < 2 ? saved.renamed("factor", "gain") : saved;
     * }
     * }</pre>
     *
     * @param savedVersion the version recorded with the config, at least 1 and less than {@link #version()}
     * @param saved        the config as the file holds it
     * @return the config for {@code create}; not null
     */
    default Config upgrade(int savedVersion, Config saved) {
        return saved;
    }
}
