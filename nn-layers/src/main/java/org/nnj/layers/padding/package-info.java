/** Padding images on their own ({@link org.nnj.layers.padding.Pad2d}), where no convolution pads them. */
package org.nnj.layers.padding;
