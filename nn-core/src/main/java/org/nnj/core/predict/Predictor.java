package org.nnj.core.predict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nnj.api.ConfigException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;

/**
 * Classifies examples with a trained model: its outputs turned into probabilities by the loss it was
 * trained with ({@link Loss#probabilities}: softmax for {@code softmax_cross_entropy}, sigmoid for
 * {@code bce_with_logits}), and the most probable classes with their names.
 *
 * <pre>{@code
 * Predictor predictor = Predictor.load(Path.of("fashion.safetensors"), registries, backend);
 * for (Prediction p : predictor.topK(images, 3).get(0)) {
 *     System.out.printf("%s %.3f%n", p.label(), p.probability());
 * }
 * }</pre>
 *
 * <p>Without a saved loss, the model's outputs are passed on as they are (right for a model that ends in
 * a softmax layer, raw scores otherwise); {@link #outputsAreProbabilities()} says which, so that a caller
 * can label them honestly. Thread-safe: every call runs its own inference pass, as {@link Sequential#predict}
 * does.
 */
public final class Predictor {
    private final Sequential model;
    private final Loss loss;
    private final List<String> classNames;
    private final ComputeBackend backend;

    /**
     * @param loss       the loss the model was trained with, or null when its outputs are probabilities
     * @param classNames the names of the outputs by index, or empty
     * @throws ConfigException when there are class names but not one per output
     */
    public Predictor(Sequential model, Loss loss, List<String> classNames, ComputeBackend backend) {
        this.model = Objects.requireNonNull(model, "model");
        this.loss = loss;
        this.classNames = List.copyOf(classNames);
        this.backend = Objects.requireNonNull(backend, "backend");
        if (!this.classNames.isEmpty() && this.classNames.size() != model.outputShape().size()) {
            throw new ConfigException("predictor: " + this.classNames.size() + " class names for a model with "
                    + model.outputShape().size() + " outputs " + model.outputShape());
        }
    }

    /** A predictor for what a model file holds: the model, its loss and its class names. */
    public static Predictor of(Checkpoint checkpoint, ComputeBackend backend) {
        return new Predictor(checkpoint.model(), checkpoint.loss().orElse(null), checkpoint.classNames(), backend);
    }

    /** A predictor for the model in {@code file}, its plugins found in {@code registries}. */
    public static Predictor load(Path file, Registries registries, ComputeBackend backend) throws IOException {
        return of(ModelFile.read(file, registries), backend);
    }

    public Sequential model() {
        return model;
    }

    /**
     * Whether {@link #probabilities} are probabilities made by the model's saved loss; false when the
     * model was saved without a loss, and they are its raw outputs (which may or may not be probabilities).
     */
    public boolean outputsAreProbabilities() {
        return loss != null;
    }

    /** The per-sample input shape the model takes, for example {@code [784]}. */
    public Shape inputShape() {
        return model.inputShape();
    }

    /** The class names by output index; empty when none were saved. */
    public List<String> classNames() {
        return classNames;
    }

    /** The probabilities of {@code batch} ({@code [N, ...inputShape()]}), a new {@code [N, ...outputs]} tensor. */
    public Tensor probabilities(Tensor batch) {
        Tensor output = model.predict(batch, backend);
        if (loss != null) {
            loss.probabilities(backend, output, output);
        }
        return output;
    }

    /**
     * The {@code k} most probable classes of each example of {@code batch}, most probable first (the lower
     * index first on ties); fewer when the model has fewer outputs.
     */
    public List<List<Prediction>> topK(Tensor batch, int k) {
        if (k < 1) {
            throw new ConfigException("predictor: k must be at least 1, got " + k);
        }
        Tensor p = probabilities(batch);
        int rows = p.dim(0);
        int width = model.outputShape().size();
        List<List<Prediction>> all = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            all.add(top(p, r * width, width, Math.min(k, width)));
        }
        return all;
    }

    private List<Prediction> top(Tensor p, int from, int width, int k) {
        float[] data = p.data();
        int base = p.offset() + from;
        List<Prediction> best = new ArrayList<>(k);
        boolean[] taken = new boolean[width];
        for (int n = 0; n < k; n++) {
            int arg = -1;
            for (int i = 0; i < width; i++) {
                if (!taken[i] && (arg < 0 || data[base + i] > data[base + arg])) {
                    arg = i;
                }
            }
            taken[arg] = true;
            best.add(new Prediction(arg, classNames.isEmpty() ? Integer.toString(arg) : classNames.get(arg),
                    data[base + arg]));
        }
        return best;
    }
}
