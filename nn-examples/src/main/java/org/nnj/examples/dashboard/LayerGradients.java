package org.nnj.examples.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.model.Sequential;

/**
 * The L2 norm of the gradient of each layer's {@code weight}, taken right after a mini-batch's update: the trainer
 * zeroes the gradients before each batch, so they then hold that batch's (the lecture's vanishing-gradient view,
 * as {@code ./nn vanishing-gradients} draws it for a fixed batch). {@link #copy} copies the gradients (a memory
 * copy, on the training thread); {@link #norms} sums their squares from the copy, on any thread after that.
 */
final class LayerGradients {
    private final List<Tensor> gradients = new ArrayList<>();
    private final List<float[]> copies = new ArrayList<>();
    private final AtomicBoolean copied = new AtomicBoolean(); // a copy waits for its norms

    LayerGradients(Sequential model) {
        for (Layer layer : model.layers()) {
            for (Parameter p : layer.parameters()) {
                if (p.name().equals("weight")) {
                    gradients.add(p.gradient());
                    copies.add(new float[p.gradient().size()]);
                }
            }
        }
    }

    /**
     * Copies the gradients as they are now and returns true, or returns false (copying nothing) while the norms of
     * the last copy have not been taken yet.
     */
    boolean copy() {
        if (copied.get()) {
            return false;
        }
        for (int i = 0; i < gradients.size(); i++) {
            Tensor g = gradients.get(i);
            System.arraycopy(g.data(), g.offset(), copies.get(i), 0, g.size());
        }
        copied.set(true);
        return true;
    }

    /** One norm per layer with a weight, in layer order, of the last {@link #copy}; then the next copy may come. */
    double[] norms() {
        double[] norms = new double[copies.size()];
        for (int i = 0; i < norms.length; i++) {
            double sum = 0;
            for (float v : copies.get(i)) {
                sum += (double) v * v;
            }
            norms[i] = Math.sqrt(sum);
        }
        copied.set(false);
        return norms;
    }
}
