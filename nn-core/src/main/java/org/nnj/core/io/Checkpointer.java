package org.nnj.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nnj.api.NnException;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.TrainingListener;
import org.nnj.core.train.TrainingSnapshot;

/**
 * A {@link TrainingListener} that writes a checkpoint after every epoch: the model, the loss, the
 * optimizer with its state and the training progress, in one {@link ModelFile}, replaced atomically, so
 * the file always holds the last completed epoch even if the run is killed. {@link ModelFile#read} and
 * {@link org.nnj.core.train.Trainer#resume} continue the run from it.
 *
 * <pre>{@code
 * Trainer.builder()...listener(new Checkpointer(Path.of("run.safetensors"))).build().fit(train);
 * // later, or after a crash:
 * Checkpoint saved = ModelFile.read(Path.of("run.safetensors"));
 * saved.trainerBuilder().backend(backend).listener(new Checkpointer(Path.of("run.safetensors")))
 *      .build().resume(train, saved.progress().orElseThrow());
 * }</pre>
 */
public final class Checkpointer implements TrainingListener {
    private final Path file;
    private Registries registries; // found on the first checkpoint when not given
    private final List<String> classNames;
    private final Map<String, String> metadata;

    /** Checkpoints to {@code file}, with the providers {@link Registries#fromServiceLoader()} finds. */
    public Checkpointer(Path file) {
        this(file, null, List.of(), Map.of());
    }

    /** Checkpoints to {@code file}, with the providers in {@code registries}. */
    public Checkpointer(Path file, Registries registries) {
        this(file, Objects.requireNonNull(registries, "registries"), List.of(), Map.of());
    }

    private Checkpointer(Path file, Registries registries, List<String> classNames, Map<String, String> metadata) {
        this.file = Objects.requireNonNull(file, "file");
        this.registries = registries;
        this.classNames = List.copyOf(classNames);
        this.metadata = Map.copyOf(metadata);
    }

    /** The same, also saving the class names (see {@link Checkpoint#withClassNames}). */
    public Checkpointer withClassNames(List<String> names) {
        return new Checkpointer(file, registries, names, metadata);
    }

    /** The same, also saving the user's metadata (see {@link Checkpoint#withMetadata}). */
    public Checkpointer withMetadata(Map<String, String> more) {
        Checkpoint.checkMetadataKeys(more); // now, rather than after the first epoch
        Map<String, String> merged = new java.util.LinkedHashMap<>(metadata);
        merged.putAll(more);
        return new Checkpointer(file, registries, classNames, merged);
    }

    public Path file() {
        return file;
    }

    @Override
    public void onCheckpoint(TrainingSnapshot snapshot) {
        Checkpoint checkpoint = Checkpoint.of(snapshot).withClassNames(classNames).withMetadata(metadata);
        try {
            if (registries == null) {
                registries = Registries.fromServiceLoader();
            }
            ModelFile.save(file, checkpoint, registries);
        } catch (IOException e) {
            throw new NnException("cannot write the checkpoint of epoch " + snapshot.progress().epoch() + " to "
                    + file.toAbsolutePath() + ": " + e, e);
        }
    }
}
