/**
 * The 2-D convolution: {@link org.nnj.layers.conv.Conv2d} (weights {@code [out, in, kh, kw]} as in PyTorch;
 * stride, dilation, rectangular kernels; zero, reflect, symmetric and replicate padding, or {@code "same"}),
 * its padding setting {@link org.nnj.layers.conv.Conv2dPadding} and its provider, registered as
 * {@code "conv2d"}.
 */
package org.nnj.layers.conv;
