package org.nnj.examples.optim;

import java.util.ArrayList;
import java.util.List;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.Parameter;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.data.Dataset;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.TrainingPass;

/**
 * The L2 norm of the gradient of each layer's weight matrix, for one fixed batch: one forward and one
 * backward pass in training mode, without any update, so the model is left as it was (its gradients
 * hold this batch's afterwards).
 */
final class GradientNorms {
    private final Tensor features;
    private final Tensor targets;

    /** The probe batch: examples {@code 0 .. size - 1} of {@code data}. */
    GradientNorms(Dataset data, int size) {
        int n = Math.min(size, data.size());
        features = Tensor.zeros(data.featureShape().withBatch(n));
        targets = Tensor.zeros(data.targetShape().withBatch(n));
        int f = data.featureShape().size();
        int t = data.targetShape().size();
        for (int i = 0; i < n; i++) {
            data.copyFeatures(i, features.data(), i * f);
            data.copyTarget(i, targets.data(), i * t);
        }
    }

    int batchSize() {
        return features.dim(0);
    }

    /** One norm per layer that has a {@code weight} parameter, in layer order. */
    List<Double> measure(Sequential model, Loss loss, ComputeBackend backend) {
        model.zeroGradients();
        TrainingPass pass = model.newTrainingPass(backend);
        Tensor output = pass.forward(features, 0L);
        Tensor gradient = Tensor.zeros(output.shape());
        loss.compute(backend, output, targets, gradient);
        pass.backward(gradient);
        List<Double> norms = new ArrayList<>();
        for (Layer layer : model.layers()) {
            for (Parameter p : layer.parameters()) {
                if (p.name().equals("weight")) {
                    Tensor g = p.gradient();
                    norms.add(Math.sqrt(backend.sumOfSquares(g.size(), g.data(), g.offset())));
                }
            }
        }
        return norms;
    }

    /** The shapes of the weight matrices, in the order of {@link #measure}. */
    static List<String> weightShapes(Sequential model) {
        List<String> shapes = new ArrayList<>();
        for (Layer layer : model.layers()) {
            for (Parameter p : layer.parameters()) {
                if (p.name().equals("weight")) {
                    shapes.add(p.shape().toString());
                }
            }
        }
        return shapes;
    }
}
