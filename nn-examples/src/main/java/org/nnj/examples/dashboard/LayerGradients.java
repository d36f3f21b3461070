package org.nnj.examples.dashboard;

import java.util.ArrayList;
import java.util.List;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.model.Sequential;

/**
 * The L2 norm of the gradient of each layer's {@code weight}, read from the model right after a mini-batch's
 * update: the trainer zeroes the gradients before each batch, so they then hold that batch's (the lecture's
 * vanishing-gradient view, as {@code ./nn vanishing-gradients} draws it for a fixed batch). Reading them costs
 * one pass over the weights' gradients with the training backend's {@code sumOfSquares} (vectorised on the SIMD
 * backend), no forward or backward pass.
 */
final class LayerGradients {
    private final List<Tensor> gradients = new ArrayList<>();
    private final ComputeBackend backend;

    LayerGradients(Sequential model, ComputeBackend backend) {
        this.backend = backend;
        for (Layer layer : model.layers()) {
            for (Parameter p : layer.parameters()) {
                if (p.name().equals("weight")) {
                    gradients.add(p.gradient());
                }
            }
        }
    }

    /** One norm per layer with a weight, in layer order. */
    double[] norms() {
        double[] norms = new double[gradients.size()];
        for (int i = 0; i < norms.length; i++) {
            Tensor g = gradients.get(i);
            norms[i] = Math.sqrt(backend.sumOfSquares(g.size(), g.data(), g.offset()));
        }
        return norms;
    }
}
