/**
 * Plugin discovery: a {@link org.nnj.core.registry.ProviderRegistry} per kind of plugin (layers,
 * activations, losses, optimizers, compute backends), filled by {@link java.util.ServiceLoader} through
 * {@link org.nnj.core.registry.ServiceLoading} or from explicit lists (Guice), and the five of them
 * together in {@link org.nnj.core.registry.Registries}. Plugin jars that are on neither the class path nor
 * the module path are loaded with a {@link org.nnj.core.registry.PluginPath}: into a child module layer or
 * a class loader, whichever matches how NNJ runs ({@link org.nnj.core.registry.Plugins}).
 *
 * <p>Rules every registry enforces: names are lower case letters, digits, {@code '_'} and {@code '-'};
 * two providers with one name are an error naming both classes and where they were loaded from; an
 * unknown name is an error listing the known ones. A provider that cannot be loaded is skipped with a
 * warning, so one broken jar does not break discovery.
 */
package org.nnj.core.registry;
