package org.nnj.core.model;

import org.nnj.api.ShapeException;
import org.nnj.api.layer.Layer;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/** The checks a pass makes on the batches that go in and come out, with messages that say where. */
final class BatchShapes {
    private BatchShapes() {
    }

    /** Fails unless {@code batch} is {@code [N, ...perSample]}; {@code what} names it in the message. */
    static void check(String what, Tensor batch, Shape perSample) {
        Shape s = batch.shape();
        if (s.rank() != perSample.rank() + 1 || !s.dropFirst().equals(perSample)) {
            throw new ShapeException(what + " has shape " + s + ", expected " + describe(perSample));
        }
    }

    /** Fails unless a layer returned {@code [rows, ...perSample]}: a layer that breaks its own contract. */
    static void checkOutput(int index, Layer layer, Tensor output, int rows) {
        Shape expected = layer.outputShape().withBatch(rows);
        if (output == null || !output.shape().equals(expected)) {
            throw new ShapeException(LayerNames.of(index, layer.type()) + " returned "
                    + (output == null ? "no output" : "an output of shape " + output.shape())
                    + " for a batch of " + rows + ", expected " + expected);
        }
    }

    /** {@code [N, 784]} for a per-sample shape {@code [784]}. */
    static String describe(Shape perSample) {
        String dims = perSample.toString();
        return perSample.rank() == 0 ? "[N]" : "[N, " + dims.substring(1);
    }
}
