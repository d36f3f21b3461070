package org.nnj.layers.padding;

import java.util.Arrays;
import org.nnj.api.ConfigException;
import org.nnj.api.backend.PaddingMode;
import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.layer.Layer;
import org.nnj.api.spi.LayerProvider;

/**
 * Builds {@link Pad2d} layers, registered as {@code "pad2d"}. Config keys: {@code padding} (required: an
 * integer, {@code [vertical, horizontal]} or {@code [top, bottom, left, right]}, each at least 0),
 * {@code mode} ({@code "zeros"} by default, {@code "reflect"}, {@code "symmetric"}, {@code "replicate"}).
 */
public final class Pad2dProvider implements LayerProvider {

    @Override
    public String name() {
        return Pad2d.TYPE;
    }

    @Override
    public String description() {
        return "pads [C, H, W] images; keys padding (n|[v,h]|[t,b,l,r]), mode (zeros|reflect|symmetric|replicate)";
    }

    @Override
    public Layer create(Config config, BuildContext context) {
        String owner = context.layerName();
        Config c = config.describedAs(owner).requireOnly("padding", "mode");
        if (!c.has("padding")) {
            throw new ConfigException(owner + ": missing required key 'padding' (an integer, [vertical, horizontal]"
                    + " or [top, bottom, left, right])");
        }
        int[] p = c.getIntArray("padding");
        int[] sides;
        switch (p.length) {
            case 1:
                sides = new int[] {p[0], p[0], p[0], p[0]};
                break;
            case 2:
                sides = new int[] {p[0], p[0], p[1], p[1]};
                break;
            case 4:
                sides = p;
                break;
            default:
                throw new ConfigException(owner + ": 'padding' must be one integer, [vertical, horizontal] or [top,"
                        + " bottom, left, right], got " + Arrays.toString(p));
        }
        for (int x : sides) {
            if (x < 0) {
                throw new ConfigException(owner + ": 'padding' must not be negative, got " + Arrays.toString(p));
            }
        }
        PaddingMode mode = PaddingMode.fromConfigName(c.getString("mode", PaddingMode.ZEROS.configName()), owner);
        return new Pad2d(context.inputShape(), sides, mode, owner);
    }
}
