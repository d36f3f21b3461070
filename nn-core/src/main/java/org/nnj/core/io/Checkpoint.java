package org.nnj.core.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nnj.api.ConfigException;
import org.nnj.api.loss.Loss;
import org.nnj.api.optim.Optimizer;
import org.nnj.core.model.Sequential;
import org.nnj.core.train.Trainer;
import org.nnj.core.train.TrainingProgress;
import org.nnj.core.train.TrainingSnapshot;

/**
 * What one model file holds: a model (its architecture and weights) and, optionally, the loss it was
 * trained with (so that prediction applies the right softmax or sigmoid), the optimizer with its state
 * and the {@link TrainingProgress} (so that training resumes exactly), the names of the output classes,
 * and free-form string metadata of the user's. Immutable; the {@code with} methods return a new one.
 *
 * <pre>{@code
 * ModelFile.save(path, Checkpoint.of(model).withLoss(loss).withClassNames(FashionMnist.CLASS_NAMES));
 * Checkpoint read = ModelFile.read(path, registries);
 * Trainer trainer = read.trainerBuilder().backend(backend).epochs(10).build();
 * trainer.resume(train, read.progress().orElseThrow());
 * }</pre>
 */
public final class Checkpoint {
    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final TrainingProgress progress;
    private final List<String> classNames;
    private final Map<String, String> metadata;

    private Checkpoint(Sequential model, Loss loss, Optimizer optimizer, TrainingProgress progress,
                       List<String> classNames, Map<String, String> metadata) {
        this.model = Objects.requireNonNull(model, "model");
        this.loss = loss;
        this.optimizer = optimizer;
        this.progress = progress;
        this.classNames = List.copyOf(classNames);
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A checkpoint of the model alone. */
    public static Checkpoint of(Sequential model) {
        return new Checkpoint(model, null, null, null, List.of(), Map.of());
    }

    /** Everything a {@link org.nnj.core.train.Trainer} hands its listeners after an epoch. */
    public static Checkpoint of(TrainingSnapshot snapshot) {
        return new Checkpoint(snapshot.model(), snapshot.loss(), snapshot.optimizer(), snapshot.progress(),
                List.of(), Map.of());
    }

    public Checkpoint withLoss(Loss loss) {
        return new Checkpoint(model, Objects.requireNonNull(loss, "loss"), optimizer, progress, classNames, metadata);
    }

    /** The optimizer; its type, config and state are saved. */
    public Checkpoint withOptimizer(Optimizer optimizer) {
        return new Checkpoint(model, loss, Objects.requireNonNull(optimizer, "optimizer"), progress, classNames,
                metadata);
    }

    public Checkpoint withProgress(TrainingProgress progress) {
        return new Checkpoint(model, loss, optimizer, Objects.requireNonNull(progress, "progress"), classNames,
                metadata);
    }

    /**
     * The names of the classes the model's outputs stand for, by index (for example
     * {@code FashionMnist.CLASS_NAMES}); prediction prints them.
     */
    public Checkpoint withClassNames(List<String> classNames) {
        return new Checkpoint(model, loss, optimizer, progress, classNames, metadata);
    }

    /**
     * Adds string metadata of the user's, stored in the file's {@code __metadata__} beside NNJ's own.
     *
     * @throws ConfigException for a key starting with {@code "nnj."}, which NNJ reserves
     */
    public Checkpoint withMetadata(Map<String, String> more) {
        checkMetadataKeys(more);
        Map<String, String> merged = new LinkedHashMap<>(metadata);
        more.forEach((k, v) -> merged.put(k, Objects.requireNonNull(v, () -> "metadata value of " + k)));
        return new Checkpoint(model, loss, optimizer, progress, classNames, merged);
    }

    static void checkMetadataKeys(Map<String, String> metadata) {
        for (String k : metadata.keySet()) {
            if (k.startsWith(ModelFile.RESERVED_PREFIX)) {
                throw new ConfigException("metadata key '" + k + "': keys starting with '"
                        + ModelFile.RESERVED_PREFIX + "' are reserved for NNJ");
            }
        }
    }

    public Sequential model() {
        return model;
    }

    public Optional<Loss> loss() {
        return Optional.ofNullable(loss);
    }

    public Optional<Optimizer> optimizer() {
        return Optional.ofNullable(optimizer);
    }

    public Optional<TrainingProgress> progress() {
        return Optional.ofNullable(progress);
    }

    /** The class names by output index; empty when none were saved. */
    public List<String> classNames() {
        return classNames;
    }

    /** The user's metadata (NNJ's own {@code nnj.*} keys excluded); read-only. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * A trainer builder that continues this checkpoint's run: model, loss, optimizer, seed, batch size,
     * shuffling and the planned number of epochs are set; the caller adds the backend (and may raise the
     * number of epochs, add validation and listeners), then calls {@link Trainer#resume}.
     *
     * @throws ConfigException when the checkpoint has no loss, optimizer or progress
     */
    public Trainer.Builder trainerBuilder() {
        if (loss == null || optimizer == null || progress == null) {
            throw new ConfigException("this checkpoint cannot resume training: it has no "
                    + (loss == null ? "loss" : optimizer == null ? "optimizer" : "training progress")
                    + " (was it saved with ModelFile.save(path, model) instead of by a Checkpointer?)");
        }
        return Trainer.builder().model(model).loss(loss).optimizer(optimizer).seed(progress.seed())
                .batchSize(progress.batchSize()).shuffle(progress.shuffle()).epochs(progress.epochs());
    }

    /** For example {@code Checkpoint[Sequential[784] -> [10] ..., loss, optimizer adam, epoch 3 of 10]}. */
    @Override
    public String toString() {
        return "Checkpoint[" + model + (loss == null ? "" : ", loss " + loss.type())
                + (optimizer == null ? "" : ", optimizer " + optimizer.type())
                + (progress == null ? "" : ", epoch " + progress.epoch() + " of " + progress.epochs()) + "]";
    }
}
