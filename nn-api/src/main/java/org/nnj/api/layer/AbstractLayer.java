package org.nnj.api.layer;

import java.util.Objects;
import org.nnj.api.ShapeException;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * The base class for layers: final {@link #forward} and {@link #backward} check the batch shapes (with
 * the layer's name in the message) and then call the protected hooks that do the maths, so no subclass
 * can forget the checks.
 */
public abstract class AbstractLayer implements Layer {
    private final String type;
    private final Shape inputShape;
    private final Shape outputShape;

    /**
     * @param type        the provider name of the layer, for example {@code "dense"}
     * @param inputShape  the per-sample input shape
     * @param outputShape the per-sample output shape
     */
    protected AbstractLayer(String type, Shape inputShape, Shape outputShape) {
        this.type = Objects.requireNonNull(type, "type");
        this.inputShape = Objects.requireNonNull(inputShape, "inputShape");
        this.outputShape = Objects.requireNonNull(outputShape, "outputShape");
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Shape inputShape() {
        return inputShape;
    }

    @Override
    public final Shape outputShape() {
        return outputShape;
    }

    @Override
    public abstract Config config();

    @Override
    public final Tensor forward(Tensor input, LayerContext context) {
        checkBatch("input", input, inputShape);
        Tensor output = doForward(input, context);
        checkBatch("output", output, outputShape);
        return output;
    }

    @Override
    public final Tensor backward(Tensor gradOutput, LayerContext context) {
        checkBatch("output gradient", gradOutput, outputShape);
        return doBackward(gradOutput, context);
    }

    /** The forward maths; {@code input} is known to be {@code [N, ...inputShape()]}. */
    protected abstract Tensor doForward(Tensor input, LayerContext context);

    /** The backward maths; {@code gradOutput} is known to be {@code [N, ...outputShape()]}. */
    protected abstract Tensor doBackward(Tensor gradOutput, LayerContext context);

    private void checkBatch(String what, Tensor t, Shape perSample) {
        Shape s = t.shape();
        if (s.rank() != perSample.rank() + 1 || !s.dropFirst().equals(perSample)) {
            throw new ShapeException(this + ": " + what + " has shape " + s + ", expected [N, "
                    + perSample.toString().substring(1));
        }
    }

    /** For example {@code dense[784] -> [128]}. */
    @Override
    public String toString() {
        return type + inputShape + " -> " + outputShape;
    }
}
