/**
 * Layers: the {@link org.nnj.api.layer.Layer} contract, the {@link org.nnj.api.layer.AbstractLayer} base
 * class that checks shapes, {@link org.nnj.api.layer.Parameter}s, and the per-call
 * {@link org.nnj.api.layer.LayerContext} that keeps inference thread-safe.
 */
package org.nnj.api.layer;
