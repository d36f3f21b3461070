package org.nnj.api.layer;

import java.util.List;
import java.util.Map;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * A differentiable building block of a model: a function of a batch of inputs, with trainable
 * {@link Parameter}s.
 *
 * <h2>Life cycle</h2>
 * A layer is built for one per-sample input shape, either directly ({@code new Dense(784, 128, seed)})
 * or by its {@link org.nnj.api.spi.LayerProvider} from a {@link Config} and a {@link BuildContext}. It
 * knows its output shape from then on, so a model checks all of its shapes when it is built, not on the
 * first batch. Then, any number of times:
 * <ol>
 *   <li>{@link #forward} with a batch {@code [N, ...inputShape()]} returns {@code [N, ...outputShape()]}
 *       and saves in the {@link LayerContext} what its backward pass needs;</li>
 *   <li>in training, {@link #backward} with the gradient of the loss with respect to that output adds
 *       the gradients of the parameters into {@link Parameter#gradient()} and returns the gradient with
 *       respect to the input.</li>
 * </ol>
 *
 * <h2>Guarantees an implementation gives</h2>
 * <ul>
 *   <li>No per-call state in fields: {@link #forward} in inference may run on many threads at once.</li>
 *   <li>Heavy work goes through {@link LayerContext#backend()}, so every backend speeds it up.</li>
 *   <li>{@link #type()} and {@link #config()} rebuild an equal layer (parameters aside) through the
 *       provider of that name: this is what a model file stores.</li>
 * </ul>
 * Extend {@link AbstractLayer}, which checks shapes before calling the maths, rather than implementing
 * this interface from scratch.
 */
public interface Layer {

    /** The provider name this layer is registered under, for example {@code "dense"}. */
    String type();

    /** The settings that, with {@link #type()} and the input shape, rebuild this layer. */
    Config config();

    /**
     * What this layer is, in a few words for people: {@link #type()} followed by its {@link #config()} in
     * {@link Config#toText()} form, for example {@code scale(factor=2.0)}, or the type alone for a layer
     * without settings. Model summaries show it, so that two layers of the same type can be told apart
     * without reading a model file. Override it where a shorter, conventional form exists (the built-in
     * convolution says {@code conv2d 5x5/1 same, 32 filters}); it is never parsed.
     */
    default String describe() {
        Config c = config();
        return c.keys().isEmpty() ? type() : type() + "(" + c.toText() + ")";
    }

    /** The per-sample input shape this layer was built for. */
    Shape inputShape();

    /** The per-sample output shape, known since the layer was built. */
    Shape outputShape();

    /** The trainable parameters, in a stable order; empty for layers without any. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * State that belongs to the model but is not trained, such as batch normalisation's running statistics,
     * by name (unique within the layer and distinct from its parameters' names), in a stable order; empty
     * for most layers. Model files save these tensors beside the parameters and, when they load, copy the
     * saved values into the very tensors returned here: return the layer's own tensors, not copies.
     */
    default Map<String, Tensor> buffers() {
        return Map.of();
    }

    /** Runs the layer on a batch {@code [N, ...inputShape()]}, returning {@code [N, ...outputShape()]}. */
    Tensor forward(Tensor input, LayerContext context);

    /**
     * Back-propagates {@code gradOutput} ({@code [N, ...outputShape()]}), adding parameter gradients into
     * the parameters and returning the gradient with respect to the input of the matching forward call,
     * or {@code null} when {@link LayerContext#needsInputGradient()} is false.
     */
    Tensor backward(Tensor gradOutput, LayerContext context);
}
