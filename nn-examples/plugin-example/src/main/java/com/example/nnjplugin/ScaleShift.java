package com.example.nnjplugin;

import java.util.List;
import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * A learned scale and shift of every feature: {@code y = scale * x + shift}, element by element, with
 * {@code scale} and {@code shift} of the per-sample input shape (the affine part of a normalisation
 * layer, on its own). The output has the input's shape.
 *
 * <ul>
 *   <li>Parameters: {@code "scale"}, starting at {@code init_scale} (default 1), and {@code "shift"},
 *       starting at 0.</li>
 *   <li>Config (provider {@code "scale_shift"}): {@code init_scale}.</li>
 * </ul>
 *
 * <p>What the backward pass needs (the input) is kept in the {@link LayerContext}, never in a field, so
 * inference from many threads is safe. The element-wise products loop here because the backend has no
 * broadcast multiply; the bias gradient uses its column-sum kernel.
 */
public final class ScaleShift extends AbstractLayer {
    /** The provider name. */
    public static final String TYPE = "scale_shift";

    private final double initScale;
    private final Parameter scale;
    private final Parameter shift;

    public ScaleShift(Shape shape, double initScale) {
        super(TYPE, shape, shape);
        this.initScale = initScale;
        Tensor s = Tensor.zeros(shape);
        s.fill((float) initScale);
        this.scale = new Parameter("scale", s);
        this.shift = new Parameter("shift", Tensor.zeros(shape));
    }

    @Override
    public Config config() {
        return Config.of("init_scale", initScale);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(scale, shift);
    }

    @Override
    protected Tensor doForward(Tensor input, LayerContext context) {
        int n = input.dim(0);
        int features = inputShape().size();
        Tensor output = context.allocate(input.shape());
        float[] x = input.data();
        float[] y = output.data();
        float[] s = scale.value().data();
        float[] b = shift.value().data();
        int xo = input.offset();
        int yo = output.offset();
        int so = scale.value().offset();
        int bo = shift.value().offset();
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < features; i++) {
                y[yo + r * features + i] = s[so + i] * x[xo + r * features + i] + b[bo + i];
            }
        }
        context.save(input);
        return output;
    }

    @Override
    protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
        Tensor input = context.saved(0, Tensor.class);
        int n = input.dim(0);
        int features = inputShape().size();
        float[] x = input.data();
        float[] dy = gradOutput.data();
        float[] s = scale.value().data();
        float[] ds = scale.gradient().data();
        int xo = input.offset();
        int dyo = gradOutput.offset();
        int so = scale.value().offset();
        int dso = scale.gradient().offset();
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < features; i++) {
                ds[dso + i] += dy[dyo + r * features + i] * x[xo + r * features + i];
            }
        }
        Tensor db = shift.gradient();
        context.backend().addColumnSums(n, features, dy, dyo, db.data(), db.offset());
        if (!context.needsInputGradient()) {
            return null;
        }
        Tensor gradInput = context.allocate(input.shape());
        float[] dx = gradInput.data();
        int dxo = gradInput.offset();
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < features; i++) {
                dx[dxo + r * features + i] = dy[dyo + r * features + i] * s[so + i];
            }
        }
        return gradInput;
    }
}
