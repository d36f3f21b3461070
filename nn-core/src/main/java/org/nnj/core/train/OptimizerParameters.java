package org.nnj.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nnj.api.layer.Parameter;

/**
 * The model's parameters as an {@link org.nnj.api.optim.Optimizer} must see them: under unique,
 * model-wide names ({@code "0.weight"}, {@code "2.weight"}), since optimizers key their state by name and
 * a layer's own names ({@code "weight"}) repeat from layer to layer.
 *
 * <p>{@link Parameter} has no way to rename a parameter while sharing its gradient, so each view shares
 * the layer's value tensor (updates land in the layer) and has a gradient of its own, which
 * {@link #collectGradients} fills from the layer's before every optimizer step. That copy is the price of
 * keeping nn-api unchanged; a renaming view in {@code Parameter} would remove it.
 */
final class OptimizerParameters {
    private final List<Parameter> layerParameters = new ArrayList<>();
    private final List<Parameter> views = new ArrayList<>();

    OptimizerParameters(Map<String, Parameter> namedParameters) {
        namedParameters.forEach((name, p) -> {
            layerParameters.add(p);
            views.add(new Parameter(name, p.value()));
        });
    }

    /** The uniquely named views to hand to the optimizer. */
    List<Parameter> views() {
        return views;
    }

    /** Copies each layer parameter's gradient into its view. */
    void collectGradients() {
        for (int i = 0; i < views.size(); i++) {
            views.get(i).gradient().copyFrom(layerParameters.get(i).gradient());
        }
    }
}
