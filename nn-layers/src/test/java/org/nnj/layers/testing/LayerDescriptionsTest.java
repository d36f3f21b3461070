package org.nnj.layers.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nnj.api.config.Config;
import org.nnj.api.spi.LayerProvider;
import org.nnj.api.tensor.Shape;
import org.nnj.layers.activation.ActivationLayerProvider;
import org.nnj.layers.conv.Conv2dProvider;
import org.nnj.layers.dense.DenseProvider;
import org.nnj.layers.normalization.BatchNorm2dProvider;
import org.nnj.layers.pooling.AvgPool2dProvider;
import org.nnj.layers.pooling.MaxPool2dProvider;
import org.nnj.layers.regularization.DropoutProvider;
import org.nnj.layers.reshape.FlattenProvider;

/**
 * What the built-in layers say in a model summary ({@code Layer.describe()}), built from configs as a model
 * file or {@code ./nn train} would build them, so each description is checked against what was configured.
 */
class LayerDescriptionsTest {
    private static final Shape IMAGE = Shape.of(3, 12, 12);

    private static String describe(LayerProvider provider, Shape input, Config config) {
        return provider.create(config, TestBuildContext.of(input, 1L, provider.name())).describe();
    }

    private static String conv(Object... config) {
        return describe(new Conv2dProvider(), IMAGE, Config.of(config));
    }

    @Test
    void convolutionsNameKernelStrideAndPaddingAsConfigured() {
        assertEquals("conv2d 5x5/1 same, 32 filters", conv("filters", 32, "kernel", 5, "padding", "same"));
        assertEquals("conv2d 3x3/2 valid, 8 filters", conv("filters", 8, "kernel", 3, "stride", 2));
        assertEquals("conv2d 3x3/1 valid, 1 filter", conv("filters", 1, "kernel", 3, "padding_mode", "none"));
        assertEquals("conv2d 3x3/1 pad 1, 4 filters", conv("filters", 4, "kernel", 3, "padding", 1));
        assertEquals("conv2d 3x5/2x1 pad 1x2, 4 filters",
                conv("filters", 4, "kernel", new int[] {3, 5}, "stride", new int[] {2, 1}, "padding", new int[] {1, 2}));
        assertEquals("conv2d 3x3/1 pad t0 b1 l2 r3, 4 filters",
                conv("filters", 4, "kernel", 3, "padding", new int[] {0, 1, 2, 3}));
        assertEquals("conv2d 3x3/1 same reflect, 4 filters",
                conv("filters", 4, "kernel", 3, "padding", "same", "padding_mode", "reflect"));
        assertEquals("conv2d 3x3/1 pad 2 symmetric, dilation 2, 4 filters, no bias",
                conv("filters", 4, "kernel", 3, "padding", 2, "padding_mode", "symmetric", "dilation", 2,
                        "bias", false));
        // The mode of an unpadded convolution changes nothing, so it is not shown.
        assertEquals("conv2d 3x3/1 valid, 4 filters", conv("filters", 4, "kernel", 3, "padding_mode", "reflect"));
    }

    @Test
    void poolingNamesWindowStrideAndPadding() {
        assertEquals("max_pool2d 2x2/2", describe(new MaxPool2dProvider(), IMAGE, Config.of("kernel", 2)));
        assertEquals("max_pool2d 3x3/1 pad 1",
                describe(new MaxPool2dProvider(), IMAGE, Config.of("kernel", 3, "stride", 1, "padding", 1)));
        assertEquals("avg_pool2d 3x2/2x1", describe(new AvgPool2dProvider(), IMAGE,
                Config.of("kernel", new int[] {3, 2}, "stride", new int[] {2, 1})));
        assertEquals("avg_pool2d 3x3/2 pad 1, pad not counted", describe(new AvgPool2dProvider(), IMAGE,
                Config.of("kernel", 3, "stride", 2, "padding", 1, "count_include_pad", false)));
        // Without padding, whether it counts changes nothing.
        assertEquals("avg_pool2d 2x2/2",
                describe(new AvgPool2dProvider(), IMAGE, Config.of("kernel", 2, "count_include_pad", false)));
    }

    @Test
    void activationLayersNameTheirActivationAndItsSettings() {
        ActivationLayerProvider provider = new ActivationLayerProvider();
        assertEquals("relu", describe(provider, Shape.of(4), Config.of("function", "relu")));
        assertEquals("leaky_relu(alpha=0.01)", describe(provider, Shape.of(4), Config.of("function", "leaky_relu")));
        assertEquals("leaky_relu(alpha=0.2)",
                describe(provider, Shape.of(4), Config.of("function", "leaky_relu", "alpha", 0.2)));
    }

    @Test
    void theOtherLayersSayWhatSetsThemApart() {
        assertEquals("dense 256", describe(new DenseProvider(), Shape.of(8), Config.of("units", 256)));
        assertEquals("dense 10, no bias",
                describe(new DenseProvider(), Shape.of(8), Config.of("units", 10, "bias", false)));
        assertEquals("dropout 0.4", describe(new DropoutProvider(), Shape.of(8), Config.of("p", 0.4)));
        assertEquals("flatten", describe(new FlattenProvider(), IMAGE, Config.empty()));
        assertEquals("batch_norm2d", describe(new BatchNorm2dProvider(), IMAGE, Config.empty()));
        assertEquals("batch_norm2d eps=0.001, not affine",
                describe(new BatchNorm2dProvider(), IMAGE, Config.of("eps", 1e-3, "affine", false)));
    }
}
