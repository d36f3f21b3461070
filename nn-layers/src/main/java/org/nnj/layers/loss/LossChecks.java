package org.nnj.layers.loss;

import org.nnj.api.ShapeException;
import org.nnj.api.tensor.Tensor;

/** The shape checks every loss in this package makes before it reads an element. */
final class LossChecks {
    private LossChecks() {
    }

    /**
     * Predictions and targets must have the same shape, with a batch dimension of at least one sample,
     * and a non-null gradient that shape too.
     *
     * @return the batch size, the first dimension
     */
    static int batchSize(String type, Tensor predictions, Tensor targets, Tensor gradient) {
        if (!predictions.shape().equals(targets.shape())) {
            throw new ShapeException(type + ": predictions have shape " + predictions.shape()
                    + " but targets have shape " + targets.shape() + "; they must be the same (class targets are"
                    + " one-hot)");
        }
        if (gradient != null && !gradient.shape().equals(predictions.shape())) {
            throw new ShapeException(type + ": the gradient has shape " + gradient.shape()
                    + ", expected the predictions' shape " + predictions.shape());
        }
        if (predictions.shape().rank() == 0 || predictions.dim(0) == 0) {
            throw new ShapeException(type + ": predictions of shape " + predictions.shape()
                    + " have no samples; the loss is a mean over a batch of at least one");
        }
        return predictions.dim(0);
    }

    /** The output of {@code probabilities} must have the predictions' shape. */
    static void sameShape(String type, Tensor predictions, Tensor output) {
        if (!output.shape().equals(predictions.shape())) {
            throw new ShapeException(type + ": the probabilities' output has shape " + output.shape()
                    + ", expected the predictions' shape " + predictions.shape());
        }
    }
}
