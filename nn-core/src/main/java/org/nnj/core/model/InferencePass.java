package org.nnj.core.model;

import java.util.List;
import java.util.Objects;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.layer.Layer;
import org.nnj.api.tensor.Tensor;

/**
 * Runs a {@link Sequential} forward in inference mode (no dropout, no gradients), with one
 * {@link CallContext} per layer that is reused from one call to the next, so its buffers are recycled.
 *
 * <p>The tensor {@link #run} returns lives in those buffers: it is valid until the next call on this
 * pass. A pass belongs to one thread; {@link Sequential#predict} makes a fresh one per call, which is
 * what makes prediction thread-safe.
 */
public final class InferencePass {
    private final Sequential model;
    private final CallContext[] contexts;

    InferencePass(Sequential model, ComputeBackend backend) {
        this.model = Objects.requireNonNull(model, "model");
        Objects.requireNonNull(backend, "backend");
        this.contexts = new CallContext[model.layers().size()];
        for (int i = 0; i < contexts.length; i++) {
            contexts[i] = CallContext.inference(backend);
        }
    }

    /** The model this pass runs. */
    public Sequential model() {
        return model;
    }

    /**
     * The model's output for {@code batch} ({@code [N, ...inputShape]}), valid until the next call.
     *
     * @throws org.nnj.api.ShapeException if the batch does not have the model's input shape
     */
    public Tensor run(Tensor batch) {
        BatchShapes.checkInput(model, batch, model.inputShape());
        List<Layer> layers = model.layers();
        int rows = batch.dim(0);
        Tensor x = batch;
        for (int i = 0; i < contexts.length; i++) {
            contexts[i].reset(0L);
            Layer layer = layers.get(i);
            x = layer.forward(x, contexts[i]);
            BatchShapes.checkOutput(i, layer, x, rows);
        }
        return x;
    }
}
