/**
 * Charts and tables for the demos: line and bar charts as PNG through XChart ({@link
 * org.nnj.examples.plot.Charts}), contour plots drawn with Java2D ({@link
 * org.nnj.examples.plot.ContourPlot}, over {@link org.nnj.examples.plot.MarchingSquares}), and
 * {@link org.nnj.examples.plot.Table}s printed aligned and written as CSV.
 */
package org.nnj.examples.plot;
