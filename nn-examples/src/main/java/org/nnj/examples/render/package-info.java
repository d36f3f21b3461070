/**
 * Pictures for the demos: {@link org.nnj.examples.render.AccuracyChart} (line charts with XChart),
 * {@link org.nnj.examples.render.ImageGrid} (images, filters and activation maps as enlarged tiles, with
 * {@link org.nnj.examples.render.ColorMap}s), and {@link org.nnj.examples.render.Png} to write them. All work
 * in a headless JVM.
 */
package org.nnj.examples.render;
