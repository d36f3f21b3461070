package org.nnj.core.model;

import org.nnj.api.ShapeException;
import org.nnj.api.layer.Layer;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * The checks a pass makes on the batches that go in and come out, with messages that say where. They run on
 * every call, so they allocate nothing unless they fail: at batch 1 an inference pass is short enough for a
 * message built per call (the model's description, new shapes) to show.
 */
final class BatchShapes {
    private BatchShapes() {
    }

    /** Fails unless {@code batch} is {@code [N, ...perSample]}; the message names it as the input batch of {@code model}. */
    static void checkInput(Sequential model, Tensor batch, Shape perSample) {
        Shape s = batch.shape();
        if (!isBatchOf(s, -1, perSample)) {
            throw new ShapeException("the input batch of " + model + " has shape " + s + ", expected "
                    + describe(perSample));
        }
    }

    /** Fails unless a layer returned {@code [rows, ...perSample]}: a layer that breaks its own contract. */
    static void checkOutput(int index, Layer layer, Tensor output, int rows) {
        if (output == null || !isBatchOf(output.shape(), rows, layer.outputShape())) {
            Shape expected = layer.outputShape().withBatch(rows);
            throw new ShapeException(LayerNames.of(index, layer.type()) + " returned "
                    + (output == null ? "no output" : "an output of shape " + output.shape())
                    + " for a batch of " + rows + ", expected " + expected);
        }
    }

    /** Whether {@code s} is {@code [rows, ...perSample]} ({@code rows < 0}: any number of rows), without allocating. */
    static boolean isBatchOf(Shape s, int rows, Shape perSample) {
        if (s.rank() != perSample.rank() + 1 || rows >= 0 && s.dim(0) != rows) {
            return false;
        }
        for (int i = 0; i < perSample.rank(); i++) {
            if (s.dim(i + 1) != perSample.dim(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code [N, 784]} for a per-sample shape {@code [784]}. */
    static String describe(Shape perSample) {
        String dims = perSample.toString();
        return perSample.rank() == 0 ? "[N]" : "[N, " + dims.substring(1);
    }
}
