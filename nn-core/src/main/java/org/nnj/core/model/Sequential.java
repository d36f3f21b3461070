package org.nnj.core.model;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nnj.api.NnException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * A model that runs its layers one after the other. Every layer's input shape is the previous layer's
 * output shape (the first one's is the model's input shape); that is checked when the model is built,
 * so a wrong model fails in {@link SequentialBuilder#add}, with the layer's index and type, not on the
 * first batch.
 *
 * <pre>{@code
 * Sequential model = Sequential.builder(Shape.of(784))
 *         .seed(42)
 *         .add("dense", Config.of("units", 128))
 *         .add("relu", Config.empty())
 *         .add("dense", Config.of("units", 10))
 *         .build();
 * Tensor logits = model.predict(images, backend);
 * }</pre>
 *
 * <h2>Threads</h2>
 * A model holds its layers and their parameters and nothing per call. {@link #predict} may run on many
 * threads at once (each call has its own contexts), as long as nobody trains the model meanwhile.
 * Training goes through a {@link TrainingPass}, which belongs to one thread.
 */
public final class Sequential {
    private final Shape inputShape;
    private final List<Layer> layers;
    private final Map<String, Parameter> namedParameters;
    private final Map<String, Tensor> namedBuffers;

    Sequential(Shape inputShape, List<Layer> layers) {
        this.inputShape = Objects.requireNonNull(inputShape, "inputShape");
        this.layers = List.copyOf(layers);
        this.namedParameters = nameParameters(this.layers);
        this.namedBuffers = nameBuffers(this.layers, namedParameters);
    }

    /** A builder for a model taking samples of {@code inputShape} (per sample, without the batch dimension). */
    public static SequentialBuilder builder(Shape inputShape) {
        return new SequentialBuilder(inputShape);
    }

    /** The layers, in order; read-only. */
    public List<Layer> layers() {
        return layers;
    }

    /** The per-sample input shape. */
    public Shape inputShape() {
        return inputShape;
    }

    /** The per-sample output shape: the last layer's, or the input shape for a model without layers. */
    public Shape outputShape() {
        return layers.isEmpty() ? inputShape : layers.get(layers.size() - 1).outputShape();
    }

    /** Every trainable parameter, layer by layer, in each layer's order; read-only. */
    public List<Parameter> parameters() {
        return List.copyOf(namedParameters.values());
    }

    /**
     * Every trainable parameter under its model-wide name, {@code "<layer index>.<parameter name>"} (for
     * example {@code "0.weight"}), in the order of {@link #parameters()}; read-only. These names are what
     * model files and optimizer states use.
     */
    public Map<String, Parameter> namedParameters() {
        return namedParameters;
    }

    /**
     * Every layer's {@linkplain Layer#buffers() buffers} (state that is saved but not trained, such as
     * running statistics) under model-wide names, {@code "<layer index>.<buffer name>"}, layer by layer;
     * read-only. The tensors are the layers' own.
     */
    public Map<String, Tensor> namedBuffers() {
        return namedBuffers;
    }

    /** The number of trainable scalars. */
    public long parameterCount() {
        long total = 0;
        for (Parameter p : namedParameters.values()) {
            total += p.size();
        }
        return total;
    }

    /** A table of the layers: index, what each is ({@link Layer#describe()}), output shape and parameter count, then the total. */
    public String summary() {
        return ModelSummary.of(this);
    }

    /**
     * Runs the model on {@code batch} ({@code [N, ...inputShape()]}) in inference mode and returns a new
     * {@code [N, ...outputShape()]} tensor, which shares no data with {@code batch}. Thread-safe: every
     * call uses its own contexts and buffers.
     *
     * @throws org.nnj.api.ShapeException if the batch does not have the model's input shape
     */
    public Tensor predict(Tensor batch, ComputeBackend backend) {
        Tensor output = newInferencePass(backend).run(batch);
        // Layers that only reshape (and a model without layers) hand back a view of the input.
        return output.data() == batch.data() ? output.copy() : output;
    }

    /**
     * A reusable inference pass on {@code backend}: it recycles its buffers from one batch to the next, so
     * evaluating a whole data set allocates nothing in steady state. One thread at a time.
     */
    public InferencePass newInferencePass(ComputeBackend backend) {
        return new InferencePass(this, backend);
    }

    /** A training pass on {@code backend}: forward and backward with buffers recycled between steps. */
    public TrainingPass newTrainingPass(ComputeBackend backend) {
        return new TrainingPass(this, backend);
    }

    /** Sets the gradient of every parameter to zero, as the training loop does before each step. */
    public void zeroGradients() {
        for (Parameter p : namedParameters.values()) {
            p.zeroGradient();
        }
    }

    /** As {@link #zeroGradients()}, with {@code backend}'s {@code fill}, which may use its threads. */
    public void zeroGradients(ComputeBackend backend) {
        for (Parameter p : namedParameters.values()) {
            Tensor gradient = p.gradient();
            backend.fill(gradient.size(), 0f, gradient.data(), gradient.offset());
        }
    }

    /** For example {@code Sequential[784] -> [10] (3 layers, 101770 parameters)}. */
    @Override
    public String toString() {
        return "Sequential" + inputShape + " -> " + outputShape() + " (" + layers.size() + " layers, "
                + parameterCount() + " parameters)";
    }

    private static Map<String, Parameter> nameParameters(List<Layer> layers) {
        Map<String, Parameter> named = new LinkedHashMap<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < layers.size(); i++) {
            for (Parameter p : layers.get(i).parameters()) {
                String name = i + "." + p.name();
                // One parameter object under two names would be updated twice per step.
                if (named.containsKey(name) || !seen.add(p)) {
                    throw new NnException(LayerNames.of(i, layers.get(i).type()) + ": parameter '" + p.name()
                            + "' is listed twice (by name or as the same object as another parameter)");
                }
                named.put(name, p.withName(name));
            }
        }
        return Collections.unmodifiableMap(named);
    }

    private static Map<String, Tensor> nameBuffers(List<Layer> layers, Map<String, Parameter> parameters) {
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, Tensor> b : layers.get(i).buffers().entrySet()) {
                String name = i + "." + b.getKey();
                // A model file holds parameters and buffers side by side, by these names.
                if (parameters.containsKey(name)) {
                    throw new NnException(LayerNames.of(i, layers.get(i).type()) + ": buffer '" + b.getKey()
                            + "' has the name of one of the layer's parameters");
                }
                named.put(name, b.getValue());
            }
        }
        return Collections.unmodifiableMap(named);
    }
}
