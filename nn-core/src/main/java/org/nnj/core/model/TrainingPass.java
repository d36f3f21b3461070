package org.nnj.core.model;

import java.util.List;
import java.util.Objects;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.layer.Layer;
import org.nnj.api.tensor.Tensor;

/**
 * One training loop's forward and backward passes through a {@link Sequential}: it keeps one
 * {@link CallContext} per layer, in training mode, and resets it for every step, so the buffers a step
 * allocates are recycled by the next and a training loop allocates nothing in steady state.
 *
 * <p>Each step is {@link #forward} then {@link #backward} with the gradient of the loss with respect to
 * the output; {@code backward} adds into the parameters' gradients (zero them first, see
 * {@link Sequential#zeroGradients()}). The first layer is told that nobody needs its input gradient.
 *
 * <p>Tensors returned by {@link #forward} live in the recycled buffers: valid until the next step. A pass
 * belongs to one thread.
 */
public final class TrainingPass {
    private final Sequential model;
    private final CallContext[] contexts;
    private Tensor lastOutput;

    TrainingPass(Sequential model, ComputeBackend backend) {
        this.model = Objects.requireNonNull(model, "model");
        Objects.requireNonNull(backend, "backend");
        this.contexts = new CallContext[model.layers().size()];
        for (int i = 0; i < contexts.length; i++) {
            contexts[i] = new CallContext(backend, true, i > 0, 0L);
        }
    }

    /** The model this pass trains. */
    public Sequential model() {
        return model;
    }

    /**
     * Runs the model on {@code batch} in training mode and returns its output, valid until the next step.
     * Layer {@code i}'s random source (dropout masks) is seeded from {@code stepSeed} and {@code i}, so a
     * run with the same step seeds draws the same masks.
     *
     * @throws org.nnj.api.ShapeException if the batch does not have the model's input shape
     */
    public Tensor forward(Tensor batch, long stepSeed) {
        BatchShapes.checkInput(model, batch, model.inputShape());
        lastOutput = null;
        List<Layer> layers = model.layers();
        int rows = batch.dim(0);
        Tensor x = batch;
        for (int i = 0; i < contexts.length; i++) {
            contexts[i].reset(Seeds.derive(stepSeed, i));
            Layer layer = layers.get(i);
            x = layer.forward(x, contexts[i]);
            BatchShapes.checkOutput(i, layer, x, rows);
        }
        lastOutput = x;
        return x;
    }

    /**
     * Back-propagates {@code gradOutput}, the gradient of the loss with respect to the output of the last
     * {@link #forward}, through every layer, adding into the parameters' gradients.
     *
     * @throws IllegalStateException if no forward pass came before (or it failed)
     * @throws org.nnj.api.ShapeException if {@code gradOutput} does not have the output's shape
     */
    public void backward(Tensor gradOutput) {
        if (lastOutput == null) {
            throw new IllegalStateException("backward called without a successful forward pass on this"
                    + " training pass of " + model);
        }
        if (!gradOutput.shape().equals(lastOutput.shape())) {
            throw new ShapeException("the output gradient of " + model + " has shape "
                    + gradOutput.shape() + ", expected the output's shape " + lastOutput.shape());
        }
        List<Layer> layers = model.layers();
        Tensor g = gradOutput;
        for (int i = contexts.length - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            g = layer.backward(g, contexts[i]);
            if (i > 0 && (g == null || !BatchShapes.isBatchOf(g.shape(), gradOutput.dim(0), layer.inputShape()))) {
                throw new ShapeException(LayerNames.of(i, layer.type()) + " returned "
                        + (g == null ? "no input gradient" : "an input gradient of shape " + g.shape())
                        + ", expected " + layer.inputShape().withBatch(gradOutput.dim(0)));
            }
        }
        // The saved values belong to this forward pass: a second backward would double the gradients.
        lastOutput = null;
    }
}
