/**
 * The plugin SPIs: one provider interface per kind of plugin, each with a stable name and a factory from
 * a {@link org.nnj.api.config.Config}. Providers are discovered with {@link java.util.ServiceLoader}
 * (list them in {@code META-INF/services}) or bound with Guice multibindings.
 */
package org.nnj.api.spi;
