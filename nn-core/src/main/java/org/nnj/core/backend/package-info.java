/**
 * The scalar reference backend ({@link org.nnj.core.backend.ScalarBackend}, the oracle other backends are
 * tested against), its provider, the shared worker pool, and
 * {@link org.nnj.core.backend.BackendSelector}, which picks the backend a program runs on.
 */
package org.nnj.core.backend;
