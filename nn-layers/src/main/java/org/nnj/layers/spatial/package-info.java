/**
 * What the 2-D layers (convolution, pooling, normalisation) share: the per-sample
 * {@link org.nnj.layers.spatial.ImageShape} they take, and {@link org.nnj.layers.spatial.SpatialConfig} for
 * sizes given for both axes or per axis. Helpers for the built-in layers; third-party 2-D layers may use
 * them too.
 */
package org.nnj.layers.spatial;
