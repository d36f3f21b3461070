/**
 * 2-D pooling with PyTorch's defaults (stride = kernel, no padding, floor rounding):
 * {@link org.nnj.layers.pooling.MaxPool2d} ({@code "max_pool2d"}) and
 * {@link org.nnj.layers.pooling.AvgPool2d} ({@code "avg_pool2d"}, {@code count_include_pad=True}), with
 * their providers.
 */
package org.nnj.layers.pooling;
