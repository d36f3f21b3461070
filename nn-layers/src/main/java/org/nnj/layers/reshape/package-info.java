/** Layers that only change the shape of their input: {@link org.nnj.layers.reshape.Flatten} ({@code "flatten"}). */
package org.nnj.layers.reshape;
