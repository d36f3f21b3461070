/**
 * Guice wiring: {@link org.nnj.core.inject.NnModule} binds the plugin registries as map bindings (so a
 * user module can add plugins without {@code META-INF/services}) and the compute backend as an optional
 * binding (so a user module can replace it). Guice is the composition root, never a requirement: every
 * class it wires can be built with plain {@code new} and static factories.
 */
package org.nnj.core.inject;
