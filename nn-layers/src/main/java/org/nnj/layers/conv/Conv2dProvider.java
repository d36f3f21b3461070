package org.nnj.layers.conv;

import org.nnj.api.ConfigException;
import org.nnj.api.backend.PaddingMode;
import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.spi.LayerProvider;
import org.nnj.layers.dense.DenseInit;
import org.nnj.layers.spatial.SpatialConfig;

/**
 * Builds {@link Conv2d} layers, registered as {@code "conv2d"}. Config keys:
 * <ul>
 *   <li>{@code filters} (required, at least 1): the output channels;</li>
 *   <li>{@code kernel} (required): an integer or {@code [height, width]};</li>
 *   <li>{@code stride}, {@code dilation}: an integer or {@code [height, width]}, default 1;</li>
 *   <li>{@code padding}: an integer, {@code [vertical, horizontal]}, {@code [top, bottom, left, right]},
 *       {@code "same"} or {@code "valid"} (default), see {@link Conv2dPadding};</li>
 *   <li>{@code padding_mode}: {@code "zeros"} (default; {@code "zero"} is accepted too), {@code "reflect"},
 *       {@code "symmetric"}, {@code "replicate"}, or {@code "none"}, which means no padding at all (any
 *       {@code padding} other than 0 or {@code "valid"} is then an error);</li>
 *   <li>{@code bias} (default true), {@code init} ({@code "xavier"} or {@code "he"}, default {@code "xavier"}).</li>
 * </ul>
 * The input shape, {@code [channels, height, width]}, comes from the build context.
 */
public final class Conv2dProvider implements LayerProvider {

    @Override
    public String name() {
        return Conv2d.TYPE;
    }

    @Override
    public String description() {
        return "2-D convolution, weights [out, in, kh, kw]; keys filters, kernel, stride (1), dilation (1),"
                + " padding (valid|same|n|[t,b,l,r]), padding_mode (zeros|reflect|symmetric|replicate|none),"
                + " bias (true), init (xavier|he)";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        String owner = context.layerName();
        Config c = config.describedAs(owner).requireOnly("filters", "kernel", "stride", "dilation", "padding",
                "padding_mode", "bias", "init");
        int filters = c.getIntAtLeast("filters", 1);
        if (!c.has("kernel")) {
            throw new ConfigException(owner + ": missing required key 'kernel' (an integer or [height, width])");
        }
        int[] kernel = SpatialConfig.pair(c, owner, "kernel", new int[0], 1);
        int[] stride = SpatialConfig.pair(c, owner, "stride", new int[] {1, 1}, 1);
        int[] dilation = SpatialConfig.pair(c, owner, "dilation", new int[] {1, 1}, 1);
        Conv2dPadding padding = Conv2dPadding.fromConfig(c, owner);
        String modeName = c.getString("padding_mode", PaddingMode.ZEROS.configName());
        PaddingMode mode;
        switch (modeName) {
            case "none":
                if (!padding.isNone()) {
                    throw new ConfigException(owner + ": padding_mode \"none\" means no padding, but 'padding' is "
                            + c.asMap().get("padding"));
                }
                mode = PaddingMode.ZEROS;
                break;
            case "zero":
                mode = PaddingMode.ZEROS;
                break;
            default:
                mode = PaddingMode.fromConfigName(modeName, owner);
        }
        return Conv2d.builder(filters)
                .kernel(kernel[0], kernel[1])
                .stride(stride[0], stride[1])
                .dilation(dilation[0], dilation[1])
                .padding(padding)
                .paddingMode(mode)
                .bias(c.getBoolean("bias", true))
                .init(DenseInit.fromConfigName(c.getString("init", DenseInit.XAVIER.configName()), owner))
                .build(context.inputShape(), context.seed(), owner);
    }
}
